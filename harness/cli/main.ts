#!/usr/bin/env -S node --max-semi-space-size=64
// raa-bench entry point: the only file that exits the process.

import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { EXIT, UsageError, type CliIo } from './command.js';
import { commands } from './commands/index.js';

// A closed pipe (`raa-bench … | head`) ends output quietly instead of crashing.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

const io: CliIo = {
  stdout: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
  stderr: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
};

async function main(argv: readonly string[]): Promise<number> {
  let exitCode: number = EXIT.ok;
  let cli = yargs(hideBin([...argv]))
    .scriptName('raa-bench')
    .strict()
    .demandCommand(1, 'name a command (see --help)')
    .recommendCommands()
    .help()
    .fail((message, error) => {
      throw error ?? new UsageError(message);
    });
  for (const c of commands) {
    cli = cli.command({
      command: c.command as string | string[],
      describe: c.describe,
      builder: (y) => c.builder(y),
      handler: async (args) => {
        exitCode = await c.run({ ...(args as Record<string, unknown>), argv: argv.slice(2) }, io);
      },
    });
  }
  try {
    await cli.parseAsync();
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`raa-bench: ${error.message}`);
      return EXIT.usage;
    }
    throw error;
  }
  return exitCode;
}

main(process.argv).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`raa-bench: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = EXIT.failure;
  },
);
