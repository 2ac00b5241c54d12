// Runs micro-benchmark tasks with tinybench, one round at a time. Each round gives one ops/s
// sample per task; p50/p99 come from the pooled per-call latencies of all rounds.
// `runMicro` runs rounds in this process (tests); micro-isolated.ts runs each round in a fresh
// worker thread, so each sample also varies over JIT state as two separate runs would.

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

export const MICRO_DEFAULTS = { rounds: 5, timeMs: 150, warmupMs: 60 } as const;

/** One task's measurements in one round (plain data: crosses worker boundaries). */
export interface RoundSample {
  readonly name: string;
  readonly group: string;
  readonly backend: string;
  readonly opsPerSec: number;
  /** Per-operation latencies in ms. */
  readonly latenciesMs: Float64Array;
  readonly rmePercent: number;
  readonly operations: number;
}

export interface MicroRun {
  readonly tasks: Record<string, MicroResult>;
  /** true when the signal aborted the run: `tasks` then holds the tasks with ≥ 1 finished round. */
  readonly aborted: boolean;
}

export function checkMicroOptions(rounds: number, timeMs: number): void {
  if (!(Number.isInteger(rounds) && rounds >= 1)) throw new RangeError(`micro: expected rounds ≥ 1, got ${rounds}`);
  if (!(timeMs > 0)) throw new RangeError(`micro: expected timeMs > 0, got ${timeMs}`);
}

/** Measures one task once (warm-up included). */
export async function measureTask(task: MicroTask, timeMs: number, warmupMs: number): Promise<RoundSample> {
  const bench = new Bench({
    time: timeMs,
    iterations: 10,
    warmup: true,
    warmupTime: warmupMs,
    warmupIterations: 5,
    retainSamples: true,
    throws: true,
    // No AbortSignal here: each Bench would add a listener to it and never remove it; callers
    // check their signal between tasks (each takes ≤ time + warm-up ms).
  });
  bench.add(task.name, task.fn, task.beforeEach ? { beforeEach: task.beforeEach } : {});
  await bench.run();
  const result = bench.tasks[0]!.result;
  if (result.state !== 'completed') throw new Error(`micro task ${task.name}: ${result.state}`);
  const samples = result.latency.samples ?? [];
  const latenciesMs = new Float64Array(samples.length);
  samples.forEach((v, i) => (latenciesMs[i] = v / task.opsPerCall));
  return {
    name: task.name,
    group: task.group,
    backend: task.backend,
    // Median per-call throughput, not calls / total time: on a shared machine a call is rarely
    // descheduled mid-way, but a round's total time absorbs every time slice other processes
    // take, which moves between back-to-back runs and would make the gate flake.
    opsPerSec: result.throughput.p50 * task.opsPerCall,
    latenciesMs,
    rmePercent: result.latency.rme,
    operations: result.latency.samplesCount * task.opsPerCall,
  };
}

/** Folds the rounds' samples into metrics.micro entries (tasks without a round are left out). */
export function summarizeRounds(rounds: readonly (readonly RoundSample[])[]): Record<string, MicroResult> {
  const byTask = new Map<string, RoundSample[]>();
  for (const round of rounds) for (const s of round) byTask.set(s.name, [...(byTask.get(s.name) ?? []), s]);
  const out: Record<string, MicroResult> = {};
  for (const [name, samples] of byTask) {
    const latencies: number[] = [];
    for (const s of samples) for (const v of s.latenciesMs) latencies.push(v);
    const rates = samples.map((s) => s.opsPerSec);
    out[name] = {
      group: samples[0]!.group,
      backend: samples[0]!.backend,
      opsPerSec: median(rates),
      opsPerSecSamples: rates,
      p50Ns: percentile(latencies, 50) * 1e6,
      p99Ns: percentile(latencies, 99) * 1e6,
      rmePercent: median(samples.map((s) => s.rmePercent)),
      iterations: samples.reduce((n, s) => n + s.operations, 0),
    };
  }
  return out;
}

/** Runs every round in this process: round 1 of every task, then round 2, … */
export async function runMicro(tasks: readonly MicroTask[], options: MicroOptions = {}): Promise<MicroRun> {
  const rounds = options.rounds ?? MICRO_DEFAULTS.rounds;
  const timeMs = options.timeMs ?? MICRO_DEFAULTS.timeMs;
  const warmupMs = options.warmupMs ?? MICRO_DEFAULTS.warmupMs;
  checkMicroOptions(rounds, timeMs);
  const done: RoundSample[][] = [];
  const total = rounds * tasks.length;
  let finished = 0;
  for (let round = 0; round < rounds; round += 1) {
    const samples: RoundSample[] = [];
    for (const task of tasks) {
      if (options.signal?.aborted) return { tasks: summarizeRounds([...done, samples]), aborted: true };
      samples.push(await measureTask(task, timeMs, warmupMs));
      finished += 1;
      options.onProgress?.(finished, total, task.name);
    }
    done.push(samples);
  }
  return { tasks: summarizeRounds(done), aborted: false };
}
