// `raa-bench run`: one simulated scenario (or --repeat N of it) → results.json.

import { availableParallelism } from 'node:os';
import type { Argv } from 'yargs';
import { writeResults, type Results } from '../../report/results.js';
import { fingerprint, runSeeds } from '../../run/pool.js';
import { loadScenario } from '../../scenario/load.js';
import { runRepeated } from '../../run/repeat.js';
import { shrinkFailingRun } from '../../run/shrink-cli.js';
import type { Scenario } from '../../sim/scenario.js';
import { ScenarioError } from '../../scenario/validate.js';
import { EXIT, UsageError, type CliCommand, type CliIo } from '../command.js';

interface RunArgs {
  scenario: string;
  seed: number;
  workers: number;
  crypto: 'real' | 'simulated';
  impl: string;
  repeat: number;
  shrink: boolean;
  sweep: number;
  out: string;
}

function summaryLines(r: Record<string, any>): string[] {
  const c = r.metrics.chain;
  const v = r.metrics.votes.latencyMs;
  const s = r.metrics.sim;
  const mb = (s.peakRssBytes / 1048576).toFixed(0);
  return [
    `scenario ${r.run.scenario.name} seed ${r.run.seed} (${r.run.crypto.mode} crypto${r.run.crypto.mode === 'simulated' ? ', SIMULATED signatures' : ''}): head ${r.finalState.height} ${String(r.finalState.headHash).slice(0, 16)}`,
    `chain: ${c.blocks} blocks, ${c.entries} entries; ${c.blocksPerSec} blocks/s virtual, ${c.wallBlocksPerSec} blocks/s wall (${(c.wallMs / 1000).toFixed(1)} s wall)`,
    `decisions: ${r.metrics.votes.decisions.join} joins, ${r.metrics.votes.decisions.share} S6 shares; latency p50 ${v.p50} p90 ${v.p90} p99 ${v.p99} max ${v.max} ms (n=${v.count})`,
    `member shares: ${r.metrics.workload.completed.memberShare}/${r.metrics.workload.submitted.memberShare} served${r.metrics.workload.saturated ? ' (SATURATED)' : ''}`,
    `sim: ${s.events} events, ${s.eventsPerSec} events/s, ${s.messages} messages, peak RSS ${mb} MiB, ${s.uniqueVerifications} unique verifications, ${s.cacheHits} cache hits`,
  ];
}

function reportChecks(r: Record<string, any>, io: CliIo): boolean {
  const { safety, liveness } = r;
  const shown = [...safety.details, ...liveness.details];
  for (const d of shown.slice(0, 10)) io.stderr(`VIOLATION ${d.kind} at ${d.atMs} ms${d.height === undefined ? '' : ` (height ${d.height})`}: ${d.message}\n  replay: ${d.replay}`);
  const total = safety.violations + liveness.violations;
  if (total > 10) io.stderr(`… ${total - 10} more in results.json (up to 50 details per kind)`);
  if (safety.expectViolations) {
    io.stdout(safety.violations > 0 ? `safety: ${safety.violations} violations found, as this scenario expects (replay: ${r.run.replay})` : 'safety: expected violations but none were found');
  } else {
    io.stdout(safety.violations === 0 ? 'safety: 0 violations' : `safety: ${safety.violations} VIOLATIONS (seed ${r.run.seed}; replay: ${r.run.replay})`);
    io.stdout(liveness.violations === 0 ? `liveness: 0 violations (bound ${liveness.boundMs} ms)` : `liveness: ${liveness.violations} VIOLATIONS (seed ${r.run.seed}; replay: ${r.run.replay})`);
  }
  return (safety.passed as boolean) && (liveness.passed as boolean);
}

/** A one-line progress display on a TTY, redrawn at most twice a second (quiet in CI). */
function progressLine(): NonNullable<Parameters<typeof runRepeated>[0]['onProgress']> {
  let lastMs = -Infinity;
  return (p) => {
    if (p.wallMs - lastMs < 500) return;
    lastMs = p.wallMs;
    const pct = Math.min(100, Math.floor((100 * p.virtualMs) / p.durationMs));
    process.stderr.write(`\r\x1b[K${pct}% virtual ${(p.virtualMs / 1000).toFixed(1)}/${p.durationMs / 1000} s, height ${p.height}, ${p.events} events, ${(p.wallMs / 1000).toFixed(0)} s wall`);
  };
}

async function sweep(args: RunArgs & { argv: readonly string[] }, io: CliIo): Promise<number> {
  try {
    const scenario = loadScenario(args.scenario);
    const seeds = Array.from({ length: args.sweep }, (_, i) => (args.seed + i) >>> 0);
    const runs = await runSeeds({ scenario, seeds, workers: args.workers, crypto: args.crypto, impl: args.impl, argv: args.argv });
    const first = runs[0] as Record<string, any>;
    const prints = runs.map(fingerprint);
    const failing = runs.filter((r) => !(r.safety.passed && r.liveness.passed));
    const results = { ...first, sweep: { seeds: seeds.length, workers: args.workers, runs: prints, failingSeeds: failing.map((r) => r.run.seed) } };
    const path = writeResults(args.out, results as unknown as Results);
    for (const p of prints) io.stdout(`seed ${String(p.seed)}: head ${String(p.height)} ${String(p.headHash).slice(0, 16)}, ${String(p.events)} events, safety ${String(p.safetyViolations)}, liveness ${String(p.livenessViolations)}`);
    for (const r of failing) io.stderr(`seed ${r.run.seed} failed checks; replay: ${r.run.replay}`);
    io.stdout(`results: ${path}`);
    return failing.length === 0 ? EXIT.ok : EXIT.failure;
  } catch (error) {
    if (error instanceof ScenarioError) throw new UsageError(error.message);
    throw error;
  }
}

export const runCommand: CliCommand<RunArgs> = {
  command: 'run',
  describe: 'Run a simulated scenario and write results.json',
  builder: (y: Argv) =>
    y
      .option('scenario', { type: 'string', default: 'smoke', describe: 'built-in name or scenario file' })
      .option('seed', { type: 'number', default: 1, describe: 'run seed (unsigned 32-bit integer)' })
      .option('workers', { type: 'number', default: availableParallelism(), describe: 'Piscina worker threads (repeats and CPU batches)' })
      .option('crypto', { choices: ['real', 'simulated'] as const, default: 'real' as const, describe: 'Ed25519, or keyed-hash signatures with modelled cost' })
      .option('impl', { type: 'string', default: 'reference', describe: 'reference or a JS module exporting a NodeFactory' })
      .option('repeat', { type: 'number', default: 1, describe: 'repeat the run, keeping wall-clock samples' })
      .option('sweep', { type: 'number', default: 1, describe: 'run N seeds (seed, seed+1, …) on the worker pool' })
      .option('shrink', { type: 'boolean', default: false, describe: 'on a safety violation, reduce the run to a minimal failing one' })
      .option('out', { type: 'string', default: 'reports/latest', describe: 'output directory' }) as unknown as Argv<RunArgs>,
  async run(args, io) {
    if (!Number.isSafeInteger(args.seed) || args.seed < 0 || args.seed > 0xffffffff) throw new UsageError(`--seed: expected an integer in [0, 4294967295], got ${args.seed}`);
    if (!Number.isSafeInteger(args.workers) || args.workers < 1 || args.workers > 64) throw new UsageError(`--workers: expected an integer in [1, 64], got ${args.workers}`);
    if (!Number.isSafeInteger(args.repeat) || args.repeat < 1 || args.repeat > 1000) throw new UsageError(`--repeat: expected an integer in [1, 1000], got ${args.repeat}`);
    if (!Number.isSafeInteger(args.sweep) || args.sweep < 1 || args.sweep > 10_000) throw new UsageError(`--sweep: expected an integer in [1, 10000], got ${args.sweep}`);
    if (args.sweep > 1) return sweep(args, io);
    let interrupted = false;
    const onSigint = (): void => {
      interrupted = true;
    };
    process.once('SIGINT', onSigint);
    try {
      const results = await runRepeated({
        scenario: args.scenario,
        seed: args.seed,
        workers: args.workers,
        crypto: args.crypto,
        impl: args.impl,
        repeat: args.repeat,
        argv: args.argv,
        shouldStop: () => interrupted,
        ...(process.stderr.isTTY ? { onProgress: progressLine() } : {}),
      });
      if (process.stderr.isTTY) process.stderr.write('\r\x1b[K');
      const path = writeResults(args.out, results);
      for (const line of summaryLines(results)) io.stdout(line);
      const passed = reportChecks(results, io);
      io.stdout(`results: ${path}`);
      if (interrupted) return EXIT.interrupted;
      const scenario = results.run.scenario as Scenario;
      if (!passed && args.shrink && !scenario.expectViolations) {
        await shrinkFailingRun({ scenario, seed: args.seed, crypto: args.crypto, impl: args.impl, scenarioArg: args.scenario, out: args.out }, io);
      }
      return passed ? EXIT.ok : EXIT.failure;
    } catch (error) {
      if (error instanceof ScenarioError) throw new UsageError(error.message);
      throw error;
    } finally {
      process.off('SIGINT', onSigint);
    }
  },
};
