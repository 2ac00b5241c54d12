// `raa-bench bench <what>`: one parent command whose subcommands come from an array, so each
// benchmark lives in its own file (bench-micro.ts, bench-cleaning.ts, …) and adds one line here.
// Dispatch is by positional (not yargs nesting) so every subcommand returns its exit code to
// main.ts like any other command.

import type { Argv } from 'yargs';
import { UsageError, type CliCommand, type CliIo } from '../command.js';
import { benchGateStability } from './bench-gate-stability.js';
import { benchMicro } from './bench-micro.js';

export interface BenchSubcommand<A = Record<string, unknown>> {
  readonly name: string;
  readonly describe: string;
  builder(y: Argv): Argv<A>;
  run(args: A & { readonly argv: readonly string[] }, io: CliIo): Promise<number>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const benchSubcommands: readonly BenchSubcommand<any>[] = [benchMicro, benchGateStability];

interface BenchArgs {
  what: string;
}

export const bench: CliCommand<BenchArgs> = {
  command: 'bench <what>',
  describe: `benchmarks: ${benchSubcommands.map((s) => s.name).join(', ')}`,
  builder(y: Argv) {
    let out = y.positional('what', {
      type: 'string',
      describe: benchSubcommands.map((s) => `${s.name}: ${s.describe}`).join('; '),
    });
    // Only the chosen subcommand's options are registered, so strict mode rejects the others'.
    const argv = process.argv;
    const what = argv[argv.indexOf('bench') + 1];
    const chosen = benchSubcommands.find((s) => s.name === what);
    if (chosen) out = chosen.builder(out);
    return out as unknown as Argv<BenchArgs>;
  },
  async run(args, io) {
    const sub = benchSubcommands.find((s) => s.name === args.what);
    if (!sub) {
      throw new UsageError(`bench: unknown benchmark '${args.what}'; available: ${benchSubcommands.map((s) => s.name).join(', ')}`);
    }
    return sub.run(args, io);
  },
};
