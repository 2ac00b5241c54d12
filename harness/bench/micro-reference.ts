// Micro-benchmark tasks that exercise the reference node through its adapter: validating
// committed blocks (certificate signatures, entries, state transition) as a fresh node catching
// up, and tallying votes with the node's decision rule.

import type { Hex, Message, NodeEnv } from '../../contract/index.js';
import { createCryptoBackend } from '../../protocol/index.js';
import { allowThreshold, referenceFactory, settle } from '../adapters/reference.js';
import { buildAlliance, MemoryStorage } from '../local/alliance.js';
import { Sfc32 } from '../local/prng.js';
import type { MicroTask, MicroTaskSource } from './micro-tasks.js';

/** Committed blocks with their certificates, as COMMIT messages in height order. */
interface Recorded {
  readonly from: Hex;
  readonly message: Message;
}

const BLOCKS = 16;

function recordCommits(): { commits: Recorded[]; create: () => ReturnType<typeof referenceFactory.create> } {
  const byHeight = new Map<number, Recorded>();
  let observer: Hex | undefined;
  const nonValidator = (): Hex | undefined => observer;
  const a = buildAlliance({
    seed: 7,
    // Five founders, four validators: the fifth is a member that learns blocks by COMMIT messages.
    founders: 5,
    outsiders: 1,
    treaty: { validatorsMax: 4 },
    factory: referenceFactory,
    latencyMs: [2, 10],
    outgoing: (from, _to, m) => {
      if (m.type === 'COMMIT' && _to === nonValidator() && !byHeight.has(m.block.height)) byHeight.set(m.block.height, { from, message: m });
      return [m];
    },
  });
  observer = a.founders[4]!.publicKey;
  for (const k of a.founders) a.net.command(k.publicKey, { type: 'start' }, 1_000);
  // A join request during the run, so some blocks carry a request, votes and a decision.
  const outsider = a.outsiders[0]!;
  a.net.command(outsider.publicKey, { type: 'applyToJoin', via: a.founders.map((k) => k.publicKey), createdAtMs: 1_500 }, 1_500);
  const first = a.founders.length;
  a.net.run(120_000, () => byHeight.size >= BLOCKS + 1);
  const commits = [...byHeight.entries()]
    .sort(([x], [y]) => x - y)
    .filter(([h]) => h >= first)
    .slice(0, BLOCKS)
    .map(([, r]) => r);
  if (commits.length < BLOCKS) throw new Error(`micro-reference: only ${commits.length} blocks committed in setup`);
  // A fresh replica of the non-validator founder: same treaty and keys, empty storage, no shared
  // caches, so every certificate signature is really verified.
  const keys = a.founders[4]!;
  const crypto = createCryptoBackend('node');
  const create = () => {
    const env: NodeEnv = { keys, crypto, storage: new MemoryStorage(), rng: new Sfc32(1, 1) };
    return referenceFactory.create({ treaty: a.treaty }, env);
  };
  return { commits, create };
}

function blockValidationTask(): MicroTask {
  const { commits, create } = recordCommits();
  // One call validates and applies one committed block (short calls are rarely descheduled
  // mid-way on a shared machine); a fresh node replaces the replica, untimed, when the
  // recorded blocks run out.
  let node = create();
  let next = 0;
  let nowMs = 100_000;
  return {
    name: 'block-validation:reference',
    group: 'block-validation (COMMIT + certificate)',
    backend: 'reference node',
    opsPerCall: 1,
    beforeEach: () => {
      if (next < commits.length) return;
      node = create();
      next = 0;
    },
    fn: () => {
      if (next >= commits.length) {
        // Only if a phase skipped beforeEach: correct, just timed.
        node = create();
        next = 0;
      }
      const c = commits[next++]!;
      const r = node.handle({ type: 'message', from: c.from, message: c.message }, nowMs++);
      if (!r.ok) throw new Error(`block validation failed: ${r.error.code} ${r.error.message}`);
    },
  };
}

/**
 * Tallies 1,000 eligible members' votes one by one as a node does: eligibility and duplicate
 * checks, counts, and the reference decision rule after each vote. Calls stay well under a
 * millisecond (longer ones are often descheduled mid-way on a shared machine) and reuse their
 * sets, so the garbage collector does not decide the figure.
 */
function voteTallyTask(): MicroTask {
  const eligible = 1_000;
  const voters = Array.from({ length: eligible }, (_, i) => `voter-${i}`);
  const eligibleSet = new Set(voters);
  // A deterministic mix, 6 in 7 allowing; a tenth of the voters vote twice (ignored).
  const votes = voters.flatMap((v, i) => (i % 10 === 0 ? [[v, i % 7 !== 0], [v, false]] : [[v, i % 7 !== 0]])) as [string, boolean][];
  const threshold = allowThreshold('SHARE_REQUEST', 'majority', eligible);
  const seen = new Set<string>();
  let outcomes = 0;
  return {
    name: 'vote-tally:reference',
    group: 'vote-tally (1k voters)',
    backend: 'reference node',
    opsPerCall: votes.length,
    fn: () => {
      seen.clear();
      let allows = 0;
      let rejects = 0;
      for (const [voter, allow] of votes) {
        if (!eligibleSet.has(voter) || seen.has(voter)) continue;
        seen.add(voter);
        if (allow) allows += 1;
        else rejects += 1;
        if (settle(threshold, eligible, allows, rejects, false) !== null) outcomes += 1;
      }
      if (settle(threshold, eligible, allows, rejects, true) === null) throw new Error(`vote tally: no outcome at window close (${outcomes})`);
    },
  };
}

/** The reference node's tasks; names are known without the setup, so a filter can skip it. */
export const referenceMicroTasks: MicroTaskSource = {
  names: ['block-validation:reference', 'vote-tally:reference'],
  build: () => [blockValidationTask(), voteTallyTask()],
};
