// The shape of one CLI command module (one file per command, as yargs command modules).
// Handlers return an exit code; only main.ts exits the process.

import type { Argv } from 'yargs';

export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

export interface CliCommand<A = Record<string, unknown>> {
  readonly command: string | readonly string[];
  readonly describe: string;
  builder(y: Argv): Argv<A>;
  run(args: A & { readonly argv: readonly string[] }, io: CliIo): Promise<number>;
}

/** Exit codes (design §5). */
export const EXIT = { ok: 0, failure: 1, usage: 2, interrupted: 130 } as const;

/** A usage or input error that leaves nothing usable: printed as-is, exit 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
