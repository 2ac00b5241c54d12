// The built-in S3→S6 tour: a 16-founder alliance derives genesis, admits one applicant and
// rejects another (S4), serves member shares with access logs (S5), and allows one non-member
// share and rejects another (S6). Deterministic for a seed; used by `npm start` and the tests.

import type { Hex, NodeFactory, RequestKind } from '../../contract/index.js';
import { buildAlliance, type Alliance } from './alliance.js';

export interface TourDecision {
  readonly requestKind: RequestKind;
  readonly applicant: string;
  readonly outcome: 'allowed' | 'rejected';
  readonly allows: number;
  readonly eligible: number;
  readonly height: number;
}

export interface TourResult {
  readonly alliance: Alliance;
  readonly headHash: Hex;
  readonly height: number;
  readonly founders: number;
  readonly members: number;
  readonly blocks: number;
  readonly entries: number;
  readonly decisions: readonly TourDecision[];
  readonly memberSharesServed: number;
  readonly accessLogEntries: number;
  readonly deliveries: number;
  readonly virtualMs: number;
  /** Honest nodes that committed a different hash at some height (must be 0). */
  readonly disagreements: number;
}

export interface TourOptions {
  readonly seed: number;
  readonly factory: NodeFactory;
  readonly crypto?: 'node' | 'noble';
}

const START_MS = 2_000;
const END_MS = 14_000;
/** Allow votes per applicant (of 16 eligible): all, 3 (join rejected), 8 (2·8 ≥ 16: allowed), 7. */
const ALLOWS = [16, 3, 8, 7];

export function runTour(o: TourOptions): TourResult {
  const a = buildAlliance({
    seed: o.seed,
    founders: 16,
    outsiders: 4,
    factory: o.factory,
    crypto: o.crypto ?? 'node',
    votePolicy: () => ({ join: 'manual', share: 'manual' }),
  });
  const { net, founders, outsiders } = a;
  const key = (i: number, list = founders): Hex => (list[i] as { publicKey: Hex }).publicKey;
  for (const f of founders) net.command(f.publicKey, { type: 'start' }, START_MS);
  net.run(START_MS + 500);
  net.command(key(0, outsiders), { type: 'applyToJoin', via: [key(3)], createdAtMs: net.nowMs }, net.nowMs);
  net.command(key(1, outsiders), { type: 'applyToJoin', via: [key(4)], createdAtMs: net.nowMs }, net.nowMs);
  net.command(key(2, outsiders), { type: 'requestShare', server: key(5), label: 'region=north', nonce: 1 }, net.nowMs + 100);
  net.command(key(3, outsiders), { type: 'requestShare', server: key(6), label: 'region=north', nonce: 1 }, net.nowMs + 100);
  for (let i = 0; i < 4; i++) {
    net.command(key(i + 1), { type: 'requestShare', server: key((i + 2) % 16), label: 'region=south', nonce: i }, net.nowMs + 200 + i);
  }
  // Operators answer vote requests: founder i allows applicant j iff i < ALLOWS[j].
  const requester = new Map<Hex, number>();
  const answered = new Set<string>();
  let seen = 0;
  for (let t = net.nowMs; t <= END_MS; t += 50) {
    net.run(t);
    for (; seen < net.effects.length; seen++) {
      const r = net.effects[seen];
      if (!r) continue;
      if (r.effect.type === 'requestSubmitted') {
        const j = outsiders.findIndex((k) => k.publicKey === r.node);
        if (j >= 0) requester.set(r.effect.requestId, j);
      }
      if (r.effect.type !== 'voteRequested' || answered.has(r.node + r.effect.requestId)) continue;
      answered.add(r.node + r.effect.requestId);
      const i = founders.findIndex((k) => k.publicKey === r.node);
      const j = requester.get(r.effect.requestId) ?? 0;
      net.command(r.node, { type: 'vote', requestId: r.effect.requestId, allow: i >= 0 && i < (ALLOWS[j] ?? 0) }, t);
    }
  }
  const observer = key(0);
  const committed = net.effectsOf('committed').filter((r) => r.node === observer);
  const view = net.nodes.get(observer)?.query();
  const decisions = net
    .effectsOf('decided')
    .filter((r) => r.node === observer)
    .map(({ effect: e }) => ({
      requestKind: e.requestKind,
      applicant: `outsider-${requester.get(e.requestId) ?? '?'}`,
      outcome: e.outcome,
      allows: e.allows,
      eligible: e.eligible,
      height: e.height,
    }));
  const byHeight = new Map<number, Hex>();
  let disagreements = 0;
  for (const hashes of net.commits.values()) {
    for (const [h, hash] of hashes) {
      const seenHash = byHeight.get(h);
      if (seenHash !== undefined && seenHash !== hash) disagreements++;
      byHeight.set(h, hash);
    }
  }
  return {
    alliance: a,
    headHash: view?.headHash ?? '',
    height: view?.height ?? -1,
    founders: founders.length,
    members: view?.members.length ?? 0,
    blocks: committed.length,
    entries: committed.reduce((n, r) => n + r.effect.block.entries.length, 0),
    decisions,
    memberSharesServed: net.effectsOf('served').filter((r) => r.effect.requester !== key(2, outsiders)).length,
    accessLogEntries: committed.reduce((n, r) => n + r.effect.block.entries.filter((e) => e.kind === 'ACCESS_LOG').length, 0),
    deliveries: net.delivered,
    virtualMs: net.nowMs,
    disagreements,
  };
}
