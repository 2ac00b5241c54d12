// Every command module, in the order `--help` lists them. One line per command.
import type { CliCommand } from '../command.js';
import { bench } from './bench.js';
import { compare } from './compare.js';
import { gate } from './gate.js';
import { report } from './report.js';
import { suiteCommand } from './suite.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const commands: readonly CliCommand<any>[] = [
  suiteCommand,
  bench,
  report,
  compare,
  gate,
];
