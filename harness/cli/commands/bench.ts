// `raa-bench bench <suite>`: benchmark suites, one entry each.

import { benchCleaning } from './bench-cleaning.js';
import { benchGateStability } from './bench-gate-stability.js';
import { benchMicro } from './bench-micro.js';
import { benchNode } from './bench-node.js';
import { commandGroup, type SubCommand } from './group.js';

export const BENCH_SUITES: readonly SubCommand[] = [benchCleaning, benchMicro, benchNode, benchGateStability];

export const benchCommand = commandGroup('bench', 'benchmarks', BENCH_SUITES);
