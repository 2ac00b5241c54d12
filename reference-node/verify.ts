// Signature checks over the protocol's signing payloads, with an optional verdict cache the
// environment may share among honest nodes (design §3): a verdict is a pure function of
// (public key, payload, signature), so the cache key holds all three.

import type { CryptoBackend, Hex, NodeError, SharedCaches, Vote } from '../contract/index.js';
import type { ChainState } from './chain-state.js';
import type { Memo } from './memo.js';
import { NO_MUTATIONS, type Mutations } from './mutations.js';
import { bytesKey, consensusVotePayload, fromHex, votePayload } from '../protocol/index.js';
import type { ConsensusStep } from '../contract/index.js';


/** Entries of a node's own verdict cache when the environment shares none. */
const LOCAL_VERDICTS_MAX = 8_192;
/** Consensus-vote verdicts remembered by signature (cleared when full: a miss only re-checks). */
const CONSENSUS_SIGNATURES_MAX = 100_000;
/** Vote verdicts remembered by signature (likewise). */
const VOTE_SIGNATURES_MAX = 1_000_000;

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

  /** Remembers the payload a member signed its vote over, for the validator that checks the vote
   *  first (where verdicts are shared): it would encode the same bytes again. */
  rememberVotePayload(vote: Vote, payload: Uint8Array): void {
    if (!this.bounded) this.memo?.().votePayloads.set(vote, payload);
  }

  /**
   * A vote's verdict, from the payload its signer encoded when there is one (taken: once the
   * vote's verdict is known, nobody encodes it again). Where verdicts are shared it is remembered
   * by the vote object and by its signature with the fields it was checked for: a 440-character
   * verdict-map key per vote was most of the verdict map's time in the region run.
   */
  verifyVote(vote: Vote): boolean {
    const memo = this.memo?.();
    if (memo === undefined || this.bounded) return this.verifyObject(vote, vote.voter, () => this.takeVotePayload(vote) ?? votePayload(vote), vote.signature);
    const known = memo.signatures.get(vote);
    if (known !== undefined) return known;
    const bySignature = memo.voteSignatures;
    const seen = bySignature.get(vote.signature);
    let ok: boolean;
    if (seen !== undefined && seen.voter === vote.voter && seen.requestId === vote.requestId && seen.allow === vote.allow && seen.allianceId === vote.allianceId) {
      ok = seen.ok;
    } else {
      ok = this.check(vote.voter, this.takeVotePayload(vote) ?? votePayload(vote), vote.signature);
      if (bySignature.size >= VOTE_SIGNATURES_MAX) bySignature.clear();
      bySignature.set(vote.signature, { allianceId: vote.allianceId, requestId: vote.requestId, voter: vote.voter, allow: vote.allow, ok });
    }
    memo.signatures.set(vote, ok);
    return ok;
  }

  /** The backend's verdict; malformed hex is a bad signature, not a crash. */
  private check(publicKey: Hex, payload: Uint8Array, signature: Hex): boolean {
    try {
      return this.crypto.verify(fromHex(publicKey, 32), payload, fromHex(signature, 64));
    } catch {
      return false;
    }
  }

  private takeVotePayload(vote: Vote): Uint8Array | undefined {
    const payloads = this.memo?.().votePayloads;
    const payload = payloads?.get(vote);
    if (payload !== undefined) payloads?.delete(vote);
    return payload;
  }

  /**
   * A consensus vote's verdict, cached by its fields: a precommit checked on arrival is then not
   * checked again inside the certificate that carries it (certificateError). Only the alliance id
   * may contain '|', so it goes last and the key splits one way.
   */
  consensusVote(step: ConsensusStep, allianceId: string, height: number, round: number, blockHash: Hex | null, validator: Hex, signature: Hex): boolean {
    // By signature first, where verdicts are shared: each of k validators' certificates repeats
    // the precommits the validators checked on arrival, with the same signature strings, whose
    // hash V8 keeps (412 k lookups of a 450-character key per region run otherwise). The memo
    // holds the fields a signature was checked for; the shared map its verdict (so an environment
    // that counts hits sees this one).
    const bySignature = this.bounded ? undefined : this.memo?.().consensusSignatures;
    const known = bySignature?.get(signature);
    if (known !== undefined && known.step === step && known.height === height && known.round === round && known.blockHash === blockHash && known.validator === validator && known.allianceId === allianceId) {
      const verdict = this.verdicts.get(signature);
      if (verdict !== undefined) return verdict;
    }
    const payload = () => consensusVotePayload(allianceId, step, { height, round, blockHash, validator });
    const ok = this.verifyKeyed(validator, signature, `${step}|${height}|${round}|${blockHash}|${allianceId}`, payload);
    if (bySignature !== undefined) {
      if (bySignature.size >= CONSENSUS_SIGNATURES_MAX) bySignature.clear();
      bySignature.set(signature, { step, height, round, blockHash, validator, allianceId });
      // Keyed by the signature alone (128 characters): no verifyKeyed key is that short.
      this.verdicts.set(signature, ok);
    }
    return ok;
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
    const ok = this.check(publicKey, payload, signature);
    this.verdicts.set(cacheKey, ok);
    return ok;
  }
}
