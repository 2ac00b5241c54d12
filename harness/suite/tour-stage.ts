// The S3→S6 tour (harness/local/tour.ts) as a suite stage: 16 reference nodes derive genesis,
// decide two joins and two non-member shares, serve member shares. Its results carry the chain
// timeline and the vote latency (request submitted → decision, virtual ms) the charts draw.

import { performance } from 'node:perf_hooks';
import { SPEC_VERSION } from '../../contract/index.js';
import { referenceFactory } from '../adapters/reference.js';
import { runTour } from '../local/tour.js';
import { summarize } from '../metrics/histogram.js';
import { RESULTS_SCHEMA_VERSION, type Results } from '../report/results.js';

export function tourResults(seed: number, argv: readonly string[]): Results {
  const startedMs = performance.now();
  const tour = runTour({ seed, factory: referenceFactory });
  const wallMs = performance.now() - startedMs;
  const net = tour.alliance.net;
  const observer = tour.alliance.founders[0]!.publicKey;
  let entries = 0;
  const timeline = net
    .effectsOf('committed')
    .filter((r) => r.node === observer)
    .map((r) => ({ atMs: r.atMs, height: r.effect.height, entries: (entries += r.effect.block.entries.length) }));
  const submitted = new Map(net.effectsOf('requestSubmitted').map((r) => [r.effect.requestId, r.atMs]));
  const decided = net.effectsOf('decided').filter((r) => r.node === observer);
  const latency = (outcome?: string) =>
    summarize(
      decided.filter((d) => !outcome || d.effect.outcome === outcome).flatMap((d) => {
        const at = submitted.get(d.effect.requestId);
        return at === undefined ? [] : [d.atMs - at];
      }),
      1,
      outcome === undefined,
    );
  const byOutcome = Object.fromEntries(
    ['allowed', 'rejected'].map((o) => [o, { decisions: decided.filter((d) => d.effect.outcome === o).length, latencyMs: latency(o) }]),
  );
  const virtualSec = tour.virtualMs / 1000;
  return {
    schemaVersion: RESULTS_SCHEMA_VERSION,
    run: {
      command: 'suite',
      seed,
      scenario: { name: 'tour', founders: tour.founders, applicants: 4 },
      implementation: referenceFactory.implementation.name,
      nodes: tour.founders + 4,
      argv: [...argv],
      specVersion: SPEC_VERSION,
    },
    finalState: { headHash: tour.headHash, height: tour.height },
    metrics: {
      chain: {
        blocks: tour.blocks,
        entries: tour.entries,
        virtualMs: tour.virtualMs,
        blocksPerSec: tour.blocks / virtualSec,
        entriesPerSec: tour.entries / virtualSec,
        wallBlocksPerSec: (tour.blocks * 1000) / wallMs,
        wallEntriesPerSec: (tour.entries * 1000) / wallMs,
        timeline,
      },
      votes: { decisions: decided.length, latencyMs: latency(), byOutcome },
      sim: { messages: tour.deliveries, wallMs },
    },
    safety: {
      violations: tour.disagreements,
      details: tour.disagreements > 0 ? [{ checker: 'agreement', message: `${tour.disagreements} height(s) where honest nodes committed different hashes`, replay: `raa-bench suite --seed ${seed}` }] : [],
      checks: [{ name: 'agreement', violations: tour.disagreements }],
    },
    tour: { decisions: tour.decisions, memberSharesServed: tour.memberSharesServed, accessLogEntries: tour.accessLogEntries },
  };
}

interface TourSection {
  decisions: { requestKind: string; applicant: string; outcome: string; allows: number; eligible: number; height: number }[];
  memberSharesServed: number;
  accessLogEntries: number;
}

/** What the tour did, in the words `npm start` prints. */
export function describeTour(r: Results): string[] {
  const tour = r['tour'] as TourSection | undefined;
  const chain = (r.metrics?.['chain'] ?? {}) as { blocks?: number; entries?: number };
  const sim = (r.metrics?.['sim'] ?? {}) as { messages?: number };
  if (!tour) return [];
  return [
    `S3→S6 tour, seed ${String(r.run['seed'])}: ${String(r.run['nodes'])} nodes, ${chain.blocks ?? '?'} blocks after genesis (${chain.entries ?? '?'} entries), ${sim.messages ?? '?'} messages`,
    ...tour.decisions.map((d) => `  ${d.requestKind.padEnd(13)} ${d.applicant}: ${d.outcome} (${d.allows}/${d.eligible} allows) at height ${d.height}`),
    `  member shares served: ${tour.memberSharesServed}, ACCESS_LOG entries: ${tour.accessLogEntries}, safety violations: ${r.safety?.violations ?? '?'}`,
  ];
}
