// Ctrl-C handling for long commands: the first SIGINT aborts the work through an AbortSignal,
// the command writes what it has as partial results (`partial: true`) and returns exit 130; a
// second Ctrl-C falls back to Node's default (immediate exit). Only main.ts exits the process.

import { EXIT } from './command.js';

export class Interrupted extends Error {
  override readonly name = 'Interrupted';
  constructor() {
    super('interrupted (Ctrl-C)');
  }
}

export interface InterruptScope {
  readonly signal: AbortSignal;
  readonly interrupted: () => boolean;
  dispose(): void;
}

/** Installs a SIGINT handler for the duration of a command. `source` is injectable for tests. */
export function interruptScope(source: NodeJS.EventEmitter = process): InterruptScope {
  const controller = new AbortController();
  const onSigint = (): void => {
    source.removeListener('SIGINT', onSigint);
    controller.abort(new Interrupted());
  };
  source.on('SIGINT', onSigint);
  return {
    signal: controller.signal,
    interrupted: () => controller.signal.aborted,
    dispose: () => source.removeListener('SIGINT', onSigint),
  };
}

/**
 * Runs `work` under a SIGINT scope. On completion returns its exit code; on Ctrl-C calls
 * `writePartial` (which writes results with `partial: true`) and returns 130.
 */
export async function runInterruptible(
  work: (signal: AbortSignal) => Promise<number>,
  writePartial: () => void,
  source: NodeJS.EventEmitter = process,
): Promise<number> {
  const scope = interruptScope(source);
  try {
    const code = await work(scope.signal);
    if (!scope.interrupted()) return code;
  } catch (error) {
    if (!scope.interrupted()) throw error;
  } finally {
    scope.dispose();
  }
  writePartial();
  return EXIT.interrupted;
}
