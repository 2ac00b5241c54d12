// `raa-bench bench <suite>`: benchmark suites, one entry each (micro is added by its owner).

import { benchCleaning } from './bench-cleaning.js';
import { commandGroup, type SubCommand } from './group.js';

export const BENCH_SUITES: readonly SubCommand[] = [benchCleaning];

export const benchCommand = commandGroup('bench', 'benchmarks', BENCH_SUITES);
