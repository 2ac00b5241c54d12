// `raa-bench conformance [--impl reference|MODULE|CMD] [--filter PREFIX] [--expect FILE]
//  [--vectors DIR] [--self-test] [--overhead N] [--out DIR]`: requirement-tagged checks against an
// implementation; writes results.json (section `conformance`) and junit.xml. Exit 1 on any
// unexpected failure, an unconsumed vector or a surviving mutant; 2 on unusable input.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Argv } from 'yargs';
import { SPEC_VERSION } from '../../../contract/index.js';
import { ExpectFileError } from '../../conformance/expect-file.js';
import { parseImpl, runConformance } from '../../conformance/run-conformance.js';
import { coverageTable } from '../../conformance/summary.js';
import { VectorFormatError } from '../../conformance/vector.js';
import { RESULTS_SCHEMA_VERSION, writeResults } from '../../report/results.js';
import { UsageError, type CliCommand } from '../command.js';

interface Args {
  impl: string;
  filter?: string;
  expect?: string;
  vectors?: string;
  selfTest: boolean;
  overhead: number;
  out: string;
  timeoutMs: number;
  requestTimeoutMs: number;
  coverage: boolean;
  inProcess: boolean;
}

export const conformance: CliCommand<Args> = {
  command: 'conformance',
  describe: 'run the requirement-tagged conformance checks against an implementation',
  builder: (y: Argv) =>
    y
      .option('impl', { type: 'string', default: 'reference', describe: "'reference', a compiled module exporting a NodeFactory, or an adapter command line" })
      .option('filter', { type: 'string', describe: 'only checks whose id or SPEC requirement starts with this prefix' })
      .option('expect', { type: 'string', describe: 'expectations file: known failures (docs/conformance.md)' })
      .option('vectors', { type: 'string', describe: 'run exported vectors from this directory instead of recording them' })
      .option('self-test', { type: 'boolean', default: false, describe: 'also run every mutant of the reference node; exit 1 if one survives' })
      .option('overhead', { type: 'number', default: 0, describe: 'measure the reference through the stdio adapter vs in process, N repeats' })
      .option('timeout-ms', { type: 'number', default: 600_000, describe: 'whole-run wall-clock limit' })
      .option('request-timeout-ms', { type: 'number', default: 10_000, describe: 'limit per adapter request' })
      .option('coverage', { type: 'boolean', default: false, describe: 'print the requirement → checks table' })
      .option('in-process', { type: 'boolean', default: false, describe: 'run a MODULE implementation inside the harness process (no per-request timeout)' })
      .option('out', { type: 'string', default: 'reports/conformance', describe: 'output directory' }) as unknown as Argv<Args>,
  async run(args, io) {
    const startedMs = Date.now();
    const startedAt = new Date(startedMs).toISOString();
    let outcome;
    // Ctrl-C stops before the next check; partial results are written and the exit code is 130.
    const interrupt = new AbortController();
    const onInterrupt = (): void => interrupt.abort();
    process.once('SIGINT', onInterrupt);
    try {
      outcome = await runConformance({
        impl: parseImpl(args.impl),
        ...(args.filter === undefined ? {} : { filter: args.filter }),
        ...(args.expect === undefined ? {} : { expectFile: args.expect }),
        ...(args.vectors === undefined ? {} : { vectorsDir: args.vectors }),
        selfTest: args.selfTest,
        overheadRepeats: args.overhead,
        timeoutMs: args.timeoutMs,
        requestTimeoutMs: args.requestTimeoutMs,
        inProcess: args.inProcess,
        signal: interrupt.signal,
        log: (line) => io.stderr(line),
      });
    } catch (error) {
      if (error instanceof ExpectFileError || error instanceof VectorFormatError) throw new UsageError(error.message);
      throw error;
    } finally {
      process.off('SIGINT', onInterrupt);
    }
    const { section } = outcome;
    const path = writeResults(args.out, {
      schemaVersion: RESULTS_SCHEMA_VERSION,
      ...(outcome.interrupted ? { partial: true } : {}),
      run: { command: 'conformance', argv: [...args.argv], implementation: outcome.implementation, specVersion: SPEC_VERSION, startedAt, durationMs: Date.now() - startedMs },
      conformance: section,
    });
    writeFileSync(join(args.out, 'junit.xml'), outcome.junit);
    if (args.coverage) io.stdout(coverageTable(section));
    for (const p of outcome.problems) io.stdout(p);
    const mutants = section['mutants'] as { killed: number; total: number } | undefined;
    const overhead = section['adapterOverhead'] as { inProcessInputsPerSec: number; stdioInputsPerSec: number; slowdownFactor: number } | undefined;
    io.stdout(
      [
        `conformance ${outcome.implementation}: ${section.passed} passed, ${section.failed} failed, ${section.skipped} skipped, ${section.errors} errors` +
          (section.expectedFailures.length ? `, ${section.expectedFailures.length} expected failures` : ''),
        `requirements: ${Object.keys(section.requirements).length}, uncovered: ${section.uncoveredRequirements.length ? section.uncoveredRequirements.join(' ') : 'none'}`,
        ...(mutants ? [`mutants killed: ${mutants.killed}/${mutants.total}`] : []),
        ...(overhead ? [`adapter overhead: ${overhead.inProcessInputsPerSec} inputs/s in process, ${overhead.stdioInputsPerSec} through stdio (×${overhead.slowdownFactor})`] : []),
        `results: ${path}`,
      ].join('\n'),
    );
    return outcome.exitCode;
  },
};
