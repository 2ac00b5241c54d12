// `raa-bench scenarios list|validate FILE`.

import type { Argv } from 'yargs';
import { builtinNames, loadScenario, scenarioPath } from '../../scenario/load.js';
import { ScenarioError } from '../../scenario/validate.js';
import { EXIT, UsageError, type CliCommand } from '../command.js';

interface ScenariosArgs {
  action: 'list' | 'validate';
  file?: string;
}

export const scenariosCommand: CliCommand<ScenariosArgs> = {
  command: 'scenarios <action> [file]',
  describe: 'List built-in scenarios or validate a scenario file',
  builder: (y: Argv) =>
    y
      .positional('action', { choices: ['list', 'validate'] as const, describe: 'list | validate' })
      .positional('file', { type: 'string', describe: 'scenario file (validate)' }) as unknown as Argv<ScenariosArgs>,
  async run(args, io) {
    if (args.action === 'list') {
      for (const name of builtinNames()) {
        const s = loadScenario(name);
        io.stdout(`${name.padEnd(20)} ${String(s.nodes).padStart(6)} nodes  ${String(s.durationMs / 1000).padStart(5)} s  ${s.description.split('. ')[0] ?? ''}`);
      }
      return EXIT.ok;
    }
    if (args.file === undefined) throw new UsageError('scenarios validate: expected a FILE argument');
    try {
      const s = loadScenario(scenarioPath(args.file));
      io.stdout(`${args.file}: valid (${s.name}: ${s.nodes} nodes, ${s.durationMs} ms)`);
      return EXIT.ok;
    } catch (error) {
      if (error instanceof ScenarioError) {
        io.stderr(error.message);
        io.stderr(`${args.file}: ${error.problems.length} problem${error.problems.length === 1 ? '' : 's'}`);
        return EXIT.usage;
      }
      throw error;
    }
  },
};
