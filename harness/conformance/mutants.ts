// Deliberately broken variants of the reference node: the suite proves itself by failing each
// (design §6). Most are the reference node with one rule switched off inside it
// (reference-node/mutations.ts); the others change what the node is given (its crypto, storage
// or treaty), rewrite what it returns, or break its data module.

import { createMutantFactory, type Mutations } from '../adapters/reference.js';
import type { DataOps, HandleResult, Input, MeterReading, NodeEnv, NodeFactory, NodeUnderTest, Outgoing, TreatyParams } from '../../contract/index.js';

export interface Mutant {
  readonly name: string;
  readonly description: string;
  /** How it is built: 'internal' (one rule switched off inside the node), 'env' / 'config' (what it is given), 'output' (rewrites results). */
  readonly technique: 'env' | 'config' | 'output' | 'internal' | 'data';
  /** The reference-node hook that would make this an internal mutation. */
  readonly internalHook?: string;
  /** A module the mutant needs the reference to declare, else it is not applicable. */
  readonly requiresModule?: 'data-processing';
  wrap(reference: NodeFactory): NodeFactory;
}

const EMPTY: HandleResult = { ok: true, output: { send: [], timers: [], effects: [] } };

function wrapNodes(
  reference: NodeFactory,
  name: string,
  wrapNode: (node: NodeUnderTest, env: NodeEnv) => NodeUnderTest,
  rewrite: (config: Parameters<NodeFactory['create']>[0], env: NodeEnv) => [Parameters<NodeFactory['create']>[0], NodeEnv] = (c, e) => [c, e],
): NodeFactory {
  return {
    implementation: { name: `${reference.implementation.name}+mutant:${name}`, version: reference.implementation.version },
    capabilities: reference.capabilities,
    create(config, env) {
      const [c, e] = rewrite(config, env);
      return wrapNode(reference.create(c, e), e);
    },
  };
}

function withHandle(node: NodeUnderTest, handle: (input: Input, nowMs: number) => HandleResult): NodeUnderTest {
  const wrapped: NodeUnderTest = {
    publicKey: node.publicKey,
    handle,
    query: () => node.query(),
    digest: () => node.digest(),
  };
  return node.data ? { ...wrapped, data: node.data } : wrapped;
}

/** The reference node with one rule switched off inside it (reference-node/mutations.ts). */
function internal(name: string, description: string, hook: keyof Mutations): Mutant {
  return { name, description, technique: 'internal', internalHook: `mutations.${hook}`, wrap: () => createMutantFactory(name, { [hook]: true }) };
}

/** Rewrites every successful output of the node. */
function rewriting(name: string, description: string, rewrite: (send: readonly Outgoing[], env: NodeEnv, r: Extract<HandleResult, { ok: true }>) => HandleResult, internalHook?: string): Mutant {
  return {
    name,
    description,
    technique: 'output',
    ...(internalHook ? { internalHook } : {}),
    wrap: (reference) =>
      wrapNodes(reference, name, (node, env) =>
        withHandle(node, (input, nowMs) => {
          const r = node.handle(input, nowMs);
          return r.ok ? rewrite(r.output.send, env, r) : r;
        }),
      ),
  };
}

function keepDuplicates(data: DataOps): DataOps {
  const seen = new Set<string>();
  let copies = 0;
  // A reading that repeats (meter, interval) is renamed, so cleaning keeps it as a separate meter.
  const ingest = (readings: readonly MeterReading[]): { accepted: number } =>
    data.ingest(
      readings.map((r) => {
        const key = `${r.meterId}|${r.intervalStartMs}`;
        if (!seen.has(key)) {
          seen.add(key);
          return r;
        }
        copies += 1;
        return { ...r, meterId: `${r.meterId}-copy${copies}` };
      }),
    );
  return { ingest, clean: () => data.clean(), query: (label) => data.query(label) };
}

/** The node is given a treaty parameter other than the alliance's (a real behaviour change). */
function treatyOverride(name: string, description: string, override: Partial<TreatyParams>): Mutant {
  return {
    name,
    description,
    technique: 'config',
    wrap: (reference) => wrapNodes(reference, name, (n) => n, (config, env) => [{ ...config, treaty: { ...config.treaty, ...override } }, env]),
  };
}

export const MUTANTS: readonly Mutant[] = [
  {
    name: 'always-ok',
    description: 'answers ok to every input, swallowing its errors',
    technique: 'output',
    wrap: (reference) =>
      wrapNodes(reference, 'always-ok', (node) =>
        withHandle(node, (input, nowMs) => {
          const r = node.handle(input, nowMs);
          return r.ok ? r : EMPTY;
        }),
      ),
  },
  {
    name: 'signatures-unchecked',
    description: 'its crypto backend accepts every signature',
    technique: 'env',
    wrap: (reference) =>
      wrapNodes(reference, 'signatures-unchecked', (n) => n, (config, env) => {
        const c = env.crypto;
        const crypto = { name: `${c.name}+noverify`, sha256: (d: Uint8Array) => c.sha256(d), publicKeyOf: (k: Uint8Array) => c.publicKeyOf(k), sign: (k: Uint8Array, d: Uint8Array) => c.sign(k, d), verify: () => true };
        return [config, { ...env, crypto }];
      }),
  },
  {
    name: 'safety-state-not-persisted',
    description: 'its injected storage forgets everything, so a restarted validator does not know where it was',
    technique: 'env',
    wrap: (reference) => wrapNodes(reference, 'safety-state-not-persisted', (n) => n, (config, env) => [config, { ...env, storage: { get: () => undefined, set: () => undefined } }]),
  },
  {
    name: 'tie-counted-wrong',
    description: "counts a join tie as allowed (uses 'half' where the treaty says 'majority')",
    technique: 'config',
    internalHook: 'mutations.joinThreshold(kind, rule, eligible) → threshold',
    wrap: (reference) =>
      wrapNodes(reference, 'tie-counted-wrong', (n) => n, (config, env) => [config.treaty.joinRule === 'majority' ? { ...config, treaty: { ...config.treaty, joinRule: 'half' } } : config, env]),
  },
  treatyOverride('vote-window-ignored', 'keeps requests open long after voteWindowBlocks', { voteWindowBlocks: 1_000 }),
  treatyOverride('validators-max-ignored', 'makes every member a validator whatever validatorsMax says', { validatorsMax: 1_000 }),
  treatyOverride('clock-skew-ignored', 'accepts proposal timestamps an hour away from its clock', { clockSkewMs: 3_600_000 }),
  treatyOverride('stale-share-accepted', 'serves member share requests created a day ago', { shareRequestTtlMs: 86_400_000 }),
  internal('non-member-votes-counted', 'accepts and counts votes from non-members', 'skipVoterMembership'),
  internal('duplicate-votes-counted', "accepts and counts a voter's second, different vote", 'countDuplicateVotes'),
  internal('replay-accepted', 'accepts replayed requests, votes and messages', 'skipReplayCheck'),
  internal('prev-hash-unchecked', "accepts blocks whose prevHash is not the parent's hash", 'skipPrevHashCheck'),
  internal('wrong-proposer-accepted', "accepts proposals and blocks from a validator that is not the round's proposer", 'skipProposerCheck'),
  internal('membership-at-wrong-height', 'checks voter eligibility against the members at its head instead of at the request', 'eligibilityAtHead'),
  internal('certificate-unchecked', 'accepts blocks with bad or short commit certificates', 'skipCertificateCheck'),
  internal('timestamp-unchecked', 'accepts block timestamps outside the rules', 'skipTimestampCheck'),
  internal('access-not-recorded', 'serves members without recording the access, so no ACCESS_LOG ever reaches a block', 'skipAccessLog'),
  internal('rejection-not-recorded', 'never puts REJECTION entries into blocks', 'omitRejectionEntries'),
  rewriting(
    'served-without-decision',
    "serves a non-member's share request at once instead of answering pending",
    (send, env, r) => ({
      ok: true,
      output: {
        ...r.output,
        send: send.map((s) =>
          s.message.type === 'SHARE_RESPONSE' && s.message.status === 'pending'
            ? { ...s, message: { ...s.message, status: 'served' as const, records: env.sharing ? [...env.sharing.query('region=north')] : [] } }
            : s,
        ),
      },
    }),
  ),
  {
    name: 'cleaning-keeps-duplicates',
    description: 'keeps repeated (meter, interval) readings as separate records',
    technique: 'data',
    requiresModule: 'data-processing',
    wrap: (reference) => wrapNodes(reference, 'cleaning-keeps-duplicates', (node) => (node.data ? { ...withHandle(node, (i, t) => node.handle(i, t)), data: keepDuplicates(node.data) } : node)),
  },
];
