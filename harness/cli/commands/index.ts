// Every command module, in the order `--help` lists them. One line per command.
import type { CliCommand } from '../command.js';
import { runCommand } from './run.js';
import { scenariosCommand } from './scenarios.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const commands: readonly CliCommand<any>[] = [runCommand, scenariosCommand];
