// `raa-bench suite [--out DIR]` (= `npm start`): the default suite on the reference node, into
// one results.json with every report beside it; prints a summary and the path of report.html.
// Exit 1 on a conformance failure or a safety violation; Ctrl-C writes partial results (130).

import os from 'node:os';
import type { Argv } from 'yargs';
import { captureEnv } from '../../metrics/env.js';
import { baseRun, RESULTS_SCHEMA_VERSION, type Results } from '../../report/results.js';
import { assembleSuite, type StageResult } from '../../suite/assemble.js';
import { DEFAULT_STAGES, MISSING_STAGES } from '../../suite/stages.js';
import { EXIT, UsageError, type CliCommand } from '../command.js';
import { finishRun } from '../finish-run.js';
import { runInterruptible } from '../interrupt.js';
import { createProgress } from '../progress.js';

const STANDARD_KEYS = { schemaVersion: 1, partial: 1, run: 1, finalState: 1, metrics: 1, safety: 1, conformance: 1, scenarios: 1, notes: 1 };

interface Args {
  out: string;
  workers: number;
  seed: number;
  stages?: string;
}

export const suiteCommand: CliCommand<Args> = {
  command: 'suite',
  describe: 'run the default suite (conformance, smoke and city scenarios, cleaning, micro) on the reference node',
  builder: (y: Argv) =>
    y
      .option('out', { type: 'string', default: 'reports/latest', describe: 'output directory' })
      .option('workers', { type: 'number', default: os.availableParallelism(), describe: 'worker threads for stages that use a pool' })
      .option('seed', { type: 'number', default: 1, describe: 'seed of the scenario stages' })
      .option('stages', { type: 'string', describe: `only these stages, comma-separated (${DEFAULT_STAGES.map((s) => s.name).join(', ')})` }) as unknown as Argv<Args>,
  async run(args, io) {
    const startedMs = Date.now();
    const env = captureEnv();
    const run = { ...baseRun('suite', args.argv, env), implementation: 'reference', workers: args.workers };
    const done: StageResult[] = [];
    const wanted = args.stages?.split(',').map((s) => s.trim()).filter((s) => s !== '');
    const unknown = (wanted ?? []).filter((w) => !DEFAULT_STAGES.some((s) => s.name === w));
    if (unknown.length > 0) throw new UsageError(`--stages: unknown stage(s) ${unknown.join(', ')}; available: ${DEFAULT_STAGES.map((s) => s.name).join(', ')}`);
    const stages = DEFAULT_STAGES.filter((s) => !wanted || wanted.includes(s.name));
    const assemble = (): Results => {
      const results = assembleSuite({ ...run, durationMs: Date.now() - startedMs }, done, 'city', RESULTS_SCHEMA_VERSION);
      // Sections a stage adds beside the standard ones (e.g. the tour's decisions) are kept.
      for (const stage of done) for (const [k, v] of Object.entries(stage.results)) if (!(k in STANDARD_KEYS) && results[k] === undefined) results[k] = v;
      if (MISSING_STAGES.length > 0) results['notes'] = [`not wired into the suite yet: ${MISSING_STAGES.join(', ')}`];
      return results;
    };
    return runInterruptible(
      async (signal) => {
        for (const [i, stage] of stages.entries()) {
          if (signal.aborted) return EXIT.interrupted;
          io.stderr(`[${i + 1}/${stages.length}] ${stage.kind === 'scenario' ? `scenario ${stage.name}` : stage.name}`);
          let bar: ReturnType<typeof createProgress> | undefined;
          const results = await stage.run({
            signal,
            seed: args.seed,
            workers: args.workers,
            argv: args.argv,
            // total 0: steps of unknown count (a bar of 1, relabelled per step).
            onProgress: (n, total, label) => {
              bar ??= createProgress(stage.name, Math.max(1, total));
              bar.update(total === 0 ? 0 : n, label);
            },
          });
          bar?.stop();
          if (signal.aborted) return EXIT.interrupted;
          for (const line of stage.describe?.(results) ?? []) io.stdout(line);
          done.push({ kind: stage.kind, name: stage.name, results });
        }
        const results = assemble();
        await finishRun(args.out, results, io);
        const failed = (results.conformance?.['failed'] as number | undefined) ?? 0;
        const violations = Object.values((results.scenarios ?? {}) as Record<string, { safety?: { violations: number } }>).reduce(
          (n, s) => n + (s.safety?.violations ?? 0),
          results.safety?.violations ?? 0,
        );
        if (MISSING_STAGES.length > 0) io.stderr(`note: not wired into the suite yet: ${MISSING_STAGES.join(', ')}`);
        return failed > 0 || violations > 0 ? EXIT.failure : EXIT.ok;
      },
      () => {
        const results = assemble();
        results.partial = true;
        void finishRun(args.out, results, io, false).then((path) => io.stderr(`interrupted: partial results in ${path}`));
      },
    );
  },
};
