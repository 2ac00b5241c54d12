// Every command module, in the order `--help` lists them. One line per command.
import type { CliCommand } from '../command.js';
import { benchCommand } from './bench.js';
import { compare } from './compare.js';
import { conformance } from './conformance.js';
import { dataCommand } from './data.js';
import { gate } from './gate.js';
import { report } from './report.js';
import { runCommand } from './run.js';
import { scenariosCommand } from './scenarios.js';
import { suiteCommand } from './suite.js';
import { vectors } from './vectors.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const commands: readonly CliCommand<any>[] = [suiteCommand, runCommand, scenariosCommand, conformance, vectors, dataCommand, benchCommand, report, compare, gate];
