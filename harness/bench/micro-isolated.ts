// Runs each micro round in a fresh worker thread. Separate CI runs differ in JIT decisions
// (inlining, tiering) as much as in machine load; when every sample comes from its own isolate,
// that variation shows up inside a run's samples instead of as a shift between runs, so the
// gate's rank test does not mistake it for a regression.

import { Worker } from 'node:worker_threads';
import { checkMicroOptions, MICRO_DEFAULTS, summarizeRounds, type MicroOptions, type MicroRun, type RoundSample } from './micro-runner.js';
import type { MicroWorkerInput, MicroWorkerMessage } from './micro-worker.js';

const WORKER = new URL('./micro-worker.js', import.meta.url);

function runRound(input: MicroWorkerInput, signal: AbortSignal | undefined, onSample: (s: RoundSample, total: number) => void): Promise<RoundSample[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER, { workerData: input });
    const samples: RoundSample[] = [];
    let total = 0;
    const onAbort = (): void => void worker.terminate();
    signal?.addEventListener('abort', onAbort, { once: true });
    const finish = (error?: Error): void => {
      signal?.removeEventListener('abort', onAbort);
      if (error) reject(error);
      else resolve(samples);
    };
    worker.on('message', (m: MicroWorkerMessage) => {
      if (m.type === 'names') total = m.names.length;
      else if (m.type === 'sample') {
        samples.push(m.sample);
        onSample(m.sample, total);
      } else void worker.terminate().then(() => finish());
    });
    worker.on('error', (e) => finish(e));
    worker.on('exit', (code) => {
      // Terminated by an abort: keep what the round finished.
      if (signal?.aborted) finish();
      else if (code !== 0 && samples.length < total) finish(new Error(`micro worker exited with code ${code}`));
    });
  });
}

export async function runMicroIsolated(
  options: MicroOptions & { readonly filter?: string; readonly withReference?: boolean } = {},
): Promise<MicroRun> {
  const rounds = options.rounds ?? MICRO_DEFAULTS.rounds;
  const timeMs = options.timeMs ?? MICRO_DEFAULTS.timeMs;
  checkMicroOptions(rounds, timeMs);
  const input: MicroWorkerInput = {
    ...(options.filter ? { filter: options.filter } : {}),
    withReference: options.withReference ?? true,
    timeMs,
    warmupMs: options.warmupMs ?? MICRO_DEFAULTS.warmupMs,
  };
  const done: RoundSample[][] = [];
  let finished = 0;
  for (let round = 0; round < rounds; round += 1) {
    if (options.signal?.aborted) return { tasks: summarizeRounds(done), aborted: true };
    const samples = await runRound(input, options.signal, (s, total) => {
      finished += 1;
      options.onProgress?.(finished, total * rounds, s.name);
    });
    done.push(samples);
    if (options.signal?.aborted) return { tasks: summarizeRounds(done), aborted: true };
  }
  return { tasks: summarizeRounds(done), aborted: false };
}
