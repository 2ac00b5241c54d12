// `raa-bench suite`: the default suite (what `npm start` runs). Today: the S3→S6 tour on 16
// reference nodes; the scenario, cleaning, conformance and micro sections join as they land.

import { performance } from 'node:perf_hooks';
import type { Argv } from 'yargs';
import { SPEC_VERSION } from '../../../contract/index.js';
import { referenceFactory } from '../../adapters/reference.js';
import { runTour } from '../../local/tour.js';
import { RESULTS_SCHEMA_VERSION, writeResults } from '../../report/results.js';
import type { CliCommand } from '../command.js';
import { EXIT } from '../command.js';

interface SuiteArgs {
  out: string;
  seed: number;
}

export const suiteCommand: CliCommand<SuiteArgs> = {
  command: 'suite',
  describe: 'run the default suite on the reference node and write DIR/results.json',
  builder: (y: Argv) =>
    y
      .option('out', { type: 'string', default: 'reports/latest', describe: 'output directory' })
      .option('seed', { type: 'number', default: 1, describe: 'seed of the tour' }) as unknown as Argv<SuiteArgs>,
  async run(args, io) {
    const started = performance.now();
    const tour = runTour({ seed: args.seed, factory: referenceFactory });
    const wallMs = performance.now() - started;
    const path = writeResults(args.out, {
      schemaVersion: RESULTS_SCHEMA_VERSION,
      run: {
        seed: args.seed,
        scenario: 'tour',
        implementation: referenceFactory.implementation,
        argv: args.argv,
        specVersion: SPEC_VERSION,
      },
      finalState: { headHash: tour.headHash, height: tour.height },
      metrics: {
        chain: {
          blocks: tour.blocks,
          entries: tour.entries,
          blocksPerSec: (tour.blocks * 1000) / tour.virtualMs,
          wallBlocksPerSec: (tour.blocks * 1000) / wallMs,
        },
      },
      safety: { violations: tour.disagreements, details: [] },
      tour: { decisions: tour.decisions, memberSharesServed: tour.memberSharesServed, accessLogEntries: tour.accessLogEntries },
    });
    io.stdout(`S3→S6 tour, seed ${args.seed}: ${tour.founders} founders → ${tour.members} members, ${tour.blocks} blocks after genesis (${tour.entries} entries), ${tour.deliveries} messages`);
    for (const d of tour.decisions) io.stdout(`  ${d.requestKind.padEnd(13)} ${d.applicant}: ${d.outcome} (${d.allows}/${d.eligible} allows) at height ${d.height}`);
    io.stdout(`  member shares served: ${tour.memberSharesServed}, ACCESS_LOG entries: ${tour.accessLogEntries}, safety violations: ${tour.disagreements}`);
    io.stdout(`  head ${tour.height} ${tour.headHash}`);
    io.stdout(`wrote ${path}`);
    return tour.disagreements === 0 ? EXIT.ok : EXIT.failure;
  },
};
