// Runs micro-benchmark tasks with tinybench in interleaved rounds (round 1 of every task, then
// round 2, …), so slow drift of a shared machine spreads over all tasks instead of biasing one.
// Each round gives one throughput sample; p50/p99 come from the pooled per-call latencies.

import { Bench } from 'tinybench';
import { median, percentile } from '../metrics/stats.js';
import type { MicroTask } from './micro-tasks.js';

export interface MicroOptions {
  /** Rounds per task: each gives one ops/s sample (≥ 5 so the gate can test them). */
  readonly rounds?: number;
  /** Measuring time per task per round, in ms. */
  readonly timeMs?: number;
  readonly warmupMs?: number;
  readonly signal?: AbortSignal;
  readonly onProgress?: (done: number, total: number, task: string) => void;
}

export interface MicroResult {
  group: string;
  backend: string;
  opsPerSec: number;
  opsPerSecSamples: number[];
  p50Ns: number;
  p99Ns: number;
  rmePercent: number;
  iterations: number;
}

export const MICRO_DEFAULTS = { rounds: 5, timeMs: 150, warmupMs: 40 } as const;

interface Acc {
  rates: number[];
  latenciesMs: number[];
  rmes: number[];
  iterations: number;
}

export interface MicroRun {
  readonly tasks: Record<string, MicroResult>;
  /** true when the signal aborted the run: `tasks` then holds the tasks with ≥ 1 finished round. */
  readonly aborted: boolean;
}

export async function runMicro(tasks: readonly MicroTask[], options: MicroOptions = {}): Promise<MicroRun> {
  const rounds = options.rounds ?? MICRO_DEFAULTS.rounds;
  const timeMs = options.timeMs ?? MICRO_DEFAULTS.timeMs;
  const warmupMs = options.warmupMs ?? MICRO_DEFAULTS.warmupMs;
  if (!(Number.isInteger(rounds) && rounds >= 1)) throw new RangeError(`runMicro: expected rounds ≥ 1, got ${rounds}`);
  if (!(timeMs > 0)) throw new RangeError(`runMicro: expected timeMs > 0, got ${timeMs}`);
  const acc = new Map<string, Acc>(tasks.map((t) => [t.name, { rates: [], latenciesMs: [], rmes: [], iterations: 0 }]));
  const total = rounds * tasks.length;
  let done = 0;
  let aborted = false;
  rounds: for (let round = 0; round < rounds; round += 1) {
    for (const task of tasks) {
      if (options.signal?.aborted) {
        aborted = true;
        break rounds;
      }
      const bench = new Bench({
        time: timeMs,
        iterations: 10,
        warmup: true,
        warmupTime: round === 0 ? warmupMs * 2 : warmupMs,
        warmupIterations: 5,
        retainSamples: true,
        throws: true,
        // The signal is checked between rounds (each ≤ time + warmup ms), not handed to tinybench:
        // each Bench would add an abort listener to it and never remove it.
      });
      bench.add(task.name, task.fn);
      await bench.run();
      const result = bench.tasks[0]!.result;
      if (result.state !== 'completed') throw new Error(`micro task ${task.name}: ${result.state}`);
      const a = acc.get(task.name)!;
      const calls = result.latency.samplesCount;
      // Median per-call throughput, not calls / total time: on a shared machine a call is rarely
      // descheduled mid-way, but a round's total time absorbs every time slice other processes
      // take, which moves between back-to-back runs and would make the gate flake.
      a.rates.push(result.throughput.p50 * task.opsPerCall);
      for (const v of result.latency.samples ?? []) a.latenciesMs.push(v / task.opsPerCall);
      a.rmes.push(result.latency.rme);
      a.iterations += calls * task.opsPerCall;
      done += 1;
      options.onProgress?.(done, total, task.name);
    }
  }
  const out: Record<string, MicroResult> = {};
  for (const task of tasks) {
    const a = acc.get(task.name)!;
    if (a.rates.length === 0) continue;
    out[task.name] = {
      group: task.group,
      backend: task.backend,
      opsPerSec: median(a.rates),
      opsPerSecSamples: a.rates,
      p50Ns: percentile(a.latenciesMs, 50) * 1e6,
      p99Ns: percentile(a.latenciesMs, 99) * 1e6,
      rmePercent: median(a.rmes),
      iterations: a.iterations,
    };
  }
  return { tasks: out, aborted };
}
