// A parent command (`data`, `bench`) whose first positional picks a subcommand from a list.
// main.ts takes the exit code from the top-level handler only (yargs runs only the innermost
// handler of nested commands), so the parent dispatches itself; adding a subcommand is one
// entry in the parent's array.

import type { Argv } from 'yargs';
import { UsageError, type CliCommand, type CliIo } from '../command.js';

export interface SubCommand {
  readonly name: string;
  readonly describe: string;
  /** Long option names this subcommand accepts (others are refused). */
  readonly optionNames: readonly string[];
  /** Whether it takes the parent's optional `[file]` positional. */
  readonly takesFile?: boolean;
  options(y: Argv): Argv;
  run(args: Record<string, unknown> & { readonly argv: readonly string[] }, io: CliIo): Promise<number>;
}

const ALWAYS_ALLOWED = new Set(['help', 'version']);

export function commandGroup(name: string, describe: string, subs: readonly SubCommand[], withFile = false): CliCommand {
  const names = subs.map((s) => s.name);
  return {
    command: `${name} <subcommand>${withFile ? ' [file]' : ''}`,
    describe: `${describe} (${names.join(' | ')})`,
    builder(y) {
      let out: Argv = y.positional('subcommand', { type: 'string', choices: names, describe: names.join(' | ') });
      if (withFile) out = out.positional('file', { type: 'string', describe: 'input file' });
      for (const s of subs) out = s.options(out);
      return out.epilog(subs.map((s) => `${name} ${s.name}: ${s.describe}`).join('\n'));
    },
    async run(args, io) {
      const sub = subs.find((s) => s.name === args.subcommand);
      if (!sub) throw new UsageError(`${name}: expected one of ${names.join(', ')}`);
      for (const token of args.argv) {
        if (!token.startsWith('--')) continue;
        const option = token.slice(2).split('=')[0]!.replace(/^no-/, '');
        if (!ALWAYS_ALLOWED.has(option) && !sub.optionNames.includes(option)) {
          throw new UsageError(`${name} ${sub.name}: unknown option --${option} (accepts ${sub.optionNames.map((o) => `--${o}`).join(', ')})`);
        }
      }
      if (!sub.takesFile && args.file !== undefined) throw new UsageError(`${name} ${sub.name}: unexpected argument '${String(args.file)}'`);
      return sub.run(args, io);
    },
  };
}
