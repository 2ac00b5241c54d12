// Signature checks over the protocol's signing payloads, with an optional verdict cache the
// environment may share among honest nodes (design §3): a verdict is a pure function of
// (public key, payload, signature), so the cache key holds all three.

import type { CryptoBackend, Hex, NodeError, SharedCaches } from '../contract/index.js';
import type { ChainState } from './chain-state.js';
import type { Memo } from './memo.js';
import { NO_MUTATIONS, type Mutations } from './mutations.js';
import { bytesKey, consensusVotePayload, fromHex } from '../protocol/index.js';
import type { ConsensusStep } from '../contract/index.js';


/** Entries of a node's own verdict cache when the environment shares none. */
const LOCAL_VERDICTS_MAX = 8_192;

export class Verifier {
  private readonly verdicts: Map<string, boolean>;
  constructor(
    private readonly crypto: CryptoBackend,
    shared: Map<string, boolean> | undefined,
  ) {
    // Without a shared cache a node still remembers recent verdicts: a certificate arrives once
    // with its block's COMMIT and again as the next block's lastCommit.
    this.verdicts = shared ?? new Map();
    this.bounded = shared === undefined;
  }
  private readonly bounded: boolean;

  static from(crypto: CryptoBackend, caches: SharedCaches | undefined, memo?: () => Memo, mutations: Mutations = NO_MUTATIONS): Verifier {
    const v = new Verifier(crypto, caches?.verdicts);
    if (memo) v.memo = memo;
    v.mutations = mutations;
    return v;
  }

  /** Rules switched off (conformance self-test only); travels with the checker to every rule. */
  mutations: Mutations = NO_MUTATIONS;

  private memo: (() => Memo) | undefined;

  /**
   * The verdict of a signed object whose payload is a function of the object alone (votes,
   * requests, batches, consensus votes): memoised by identity, so a payload shared by many
   * receivers is encoded and checked once.
   */
  verifyObject(obj: object, publicKey: Hex, payload: () => Uint8Array, signature: Hex): boolean {
    const memo = this.memo?.();
    const known = memo?.signatures.get(obj);
    if (known !== undefined) return known;
    const ok = this.verify(publicKey, payload(), signature);
    memo?.signatures.set(obj, ok);
    return ok;
  }

  /**
   * A consensus vote's verdict, cached by its fields: a precommit checked on arrival is then not
   * checked again inside the certificate that carries it (certificateError). Only the alliance id
   * may contain '|', so it goes last and the key splits one way.
   */
  consensusVote(step: ConsensusStep, allianceId: string, height: number, round: number, blockHash: Hex | null, validator: Hex, signature: Hex): boolean {
    const payload = () => consensusVotePayload(allianceId, step, { height, round, blockHash, validator });
    return this.verifyKeyed(validator, signature, `${step}|${height}|${round}|${blockHash}|${allianceId}`, payload);
  }

  /** The verdict of a consensus vote object: its fields' verdict, memoised by identity and step. */
  consensusVoteObject(step: ConsensusStep, allianceId: string, vote: { readonly height: number; readonly round: number; readonly blockHash: Hex | null; readonly validator: Hex; readonly signature: Hex }): boolean {
    const byStep = this.memo?.().consensusVotes[step];
    const known = byStep?.get(vote);
    if (known !== undefined) return known;
    const ok = this.consensusVote(step, allianceId, vote.height, vote.round, vote.blockHash, vote.validator, vote.signature);
    byStep?.set(vote, ok);
    return ok;
  }

  /** The verdict on a certificate object for (height, hash, validator list): pure in all four. */
  certificateVerdict(cert: object, height: number, hash: Hex, validators: readonly Hex[], compute: () => NodeError | null): NodeError | null {
    const memo = this.memo?.();
    if (!memo) return compute();
    const known = memo.certificates.get(cert);
    if (known !== undefined && known.height === height && known.hash === hash && known.validators === validators) return known.error;
    const error = compute();
    memo.certificates.set(cert, { height, hash, validators, error });
    return error;
  }

  /** The verdict on a block's entries against its parent state: a pure function of the two. */
  entriesVerdict(state: ChainState, blockHash: Hex, compute: () => NodeError | null): NodeError | null {
    const memo = this.memo?.();
    if (!memo) return compute();
    let byHash = memo.entries.get(state);
    if (!byHash) {
      byHash = new Map();
      memo.entries.set(state, byHash);
    }
    const known = byHash.get(blockHash);
    if (known !== undefined) return known;
    const verdict = compute();
    byHash.set(blockHash, verdict);
    return verdict;
  }

  verify(publicKey: Hex, payload: Uint8Array, signature: Hex): boolean {
    return this.verifyKeyed(publicKey, signature, bytesKey(payload), () => payload);
  }

  /**
   * As verify, with the cache keyed by `fields`, a string that determines the payload: the
   * payload is encoded only on a miss (a precommit is checked by every node that sees its block).
   */
  verifyKeyed(publicKey: Hex, signature: Hex, fields: string, payloadOf: () => Uint8Array): boolean {
    const cacheKey = `${publicKey}${signature}${fields}`;
    const cached = this.verdicts.get(cacheKey);
    if (cached !== undefined) return cached;
    const payload = payloadOf();
    if (this.bounded && this.verdicts.size >= LOCAL_VERDICTS_MAX) this.verdicts.clear();
    let ok: boolean;
    try {
      ok = this.crypto.verify(fromHex(publicKey, 32), payload, fromHex(signature, 64));
    } catch {
      ok = false; // malformed hex is a bad signature, not a crash
    }
    this.verdicts.set(cacheKey, ok);
    return ok;
  }
}
