// Deliberately broken variants of the reference node: the suite proves itself by failing each
// (design §6). They are wrappers around the reference factory: some change what the node is
// given (its crypto, its treaty), some rewrite what it returns. Where the real defect lives
// inside the node, the wrapper emulates it at the interface (an error masked as ok); the hooks
// a `mutations` option of the reference node would need for the internal versions are listed in
// `internalHook`.

import type { DataOps, ErrorCode, HandleResult, Input, MeterReading, NodeEnv, NodeFactory, NodeUnderTest, Outgoing, TreatyParams } from '../../contract/index.js';

export interface Mutant {
  readonly name: string;
  readonly description: string;
  /** How it is built: 'env' / 'config' (a real behaviour change), 'output' (rewrites results), 'mask' (emulated). */
  readonly technique: 'env' | 'config' | 'output' | 'mask' | 'data';
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

/** The node answers ok (doing nothing) where the reference reports `code`. */
function masking(name: string, description: string, codes: readonly ErrorCode[], internalHook: string, onlyMessages?: readonly string[]): Mutant {
  return {
    name,
    description,
    technique: 'mask',
    internalHook,
    wrap: (reference) =>
      wrapNodes(reference, name, (node) =>
        withHandle(node, (input, nowMs) => {
          const r = node.handle(input, nowMs);
          if (r.ok || !codes.includes(r.error.code)) return r;
          if (onlyMessages && !(input.type === 'message' && onlyMessages.includes(input.message.type))) return r;
          return EMPTY;
        }),
      ),
  };
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
  masking('non-member-votes-counted', 'accepts votes from non-members', ['ERR_NOT_MEMBER'], 'mutations.skipVoterMembership', ['VOTE']),
  masking('duplicate-votes-counted', "accepts a voter's second, different vote", ['ERR_DUPLICATE_VOTE'], 'mutations.countDuplicateVotes'),
  masking('replay-accepted', 'accepts replayed messages', ['ERR_REPLAY'], 'mutations.skipReplayCheck'),
  masking('prev-hash-unchecked', "accepts blocks whose prevHash is not the parent's hash", ['ERR_BAD_PREV_HASH'], 'mutations.skipPrevHashCheck'),
  masking('wrong-proposer-accepted', "accepts proposals and blocks from a validator that is not the round's proposer", ['ERR_WRONG_PROPOSER'], 'mutations.skipProposerCheck'),
  masking('membership-at-wrong-height', 'checks voter membership at the current height instead of the request height', ['ERR_NOT_ELIGIBLE'], 'mutations.eligibilityAtHead'),
  masking('certificate-unchecked', 'accepts blocks with bad or short commit certificates', ['ERR_BAD_CERTIFICATE'], 'mutations.skipCertificateCheck'),
  masking('timestamp-unchecked', 'accepts block timestamps outside the rules', ['ERR_BAD_TIMESTAMP'], 'mutations.skipTimestampCheck'),
  rewriting(
    'access-not-recorded',
    'serves members but never sends its access log to the validators',
    (send, _env, r) => ({ ok: true, output: { ...r.output, send: send.filter((s) => s.message.type !== 'ACCESS_LOG') } }),
    'mutations.skipAccessLog',
  ),
  rewriting(
    'rejection-not-recorded',
    'drops rejections: no decided(rejected) effect, no rejected DECISION or SHARE_RESPONSE',
    (send, _env, r) => ({
      ok: true,
      output: {
        ...r.output,
        send: send.filter((s) => !((s.message.type === 'DECISION' || s.message.type === 'SHARE_RESPONSE') && (s.message.type === 'DECISION' ? s.message.outcome : s.message.status) === 'rejected')),
        effects: r.output.effects.filter((e) => !(e.type === 'decided' && e.outcome === 'rejected')),
      },
    }),
    'mutations.omitRejectionEntries',
  ),
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
