// The votes members are about to sign. Once a request is submitted, every member whose vote
// policy is allow or reject will sign VOTE{requestId, allow} (SPEC JOIN-003) when the request
// commits, one or two blocks later. The simulator hands these to a sign-ahead pool at submission,
// so the signing happens on another core before the 10,000 members ask for it; a wrong forecast
// costs only the pool's time, never a result (Ed25519 signatures are deterministic, so a
// signature made ahead is the same bytes).

import type { Hex, KeyPair, RequestKind, VotePolicy } from '../../contract/index.js';
import { consensusVotePayload, votePayload } from '../../protocol/index.js';

/** A signature the pool may make ahead: the signer's secret key and the payload bytes. */
export interface PresignJob {
  readonly secretKey: Uint8Array;
  readonly payload: Uint8Array;
}

export interface Voter {
  readonly keys: KeyPair;
  readonly policy: { readonly join: VotePolicy; readonly share: VotePolicy };
}

/** Keys are 64 lowercase hex characters: as a JSON string, the same bytes in quotes. */
const HEX_KEY = /^[0-9a-f]{64}$/;

/**
 * votePayload for each voter, from one encoded template: the voter is the last field of the
 * canonical form, so a payload is the template's bytes up to `"voter":"`, the key, and `"}`.
 * Encoding each of 10,000 payloads afresh cost the main thread ~3 µs apiece per request.
 */
function votePayloads(allianceId: string, requestId: Hex, allow: boolean): (voter: Hex) => Uint8Array {
  const empty = votePayload({ allianceId, requestId, voter: '', allow });
  const head = empty.subarray(0, empty.length - 2); // without the closing `"}`
  return (voter) => {
    if (!HEX_KEY.test(voter)) return votePayload({ allianceId, requestId, voter, allow });
    const out = new Uint8Array(head.length + 66);
    out.set(head);
    Buffer.from(out.buffer, out.byteOffset, out.byteLength).write(voter, head.length, 'latin1');
    out[head.length + 64] = 0x22; // "
    out[head.length + 65] = 0x7d; // }
    return out;
  };
}

export function forecastVotes(requestId: Hex, kind: RequestKind, members: readonly Hex[], voters: ReadonlyMap<Hex, Voter>, allianceId: string): PresignJob[] {
  const out: PresignJob[] = [];
  const allows = votePayloads(allianceId, requestId, true);
  const rejects = votePayloads(allianceId, requestId, false);
  for (const voter of members) {
    const v = voters.get(voter);
    if (v === undefined) continue;
    const policy = kind === 'JOIN_REQUEST' ? v.policy.join : v.policy.share;
    if (policy !== 'allow' && policy !== 'reject') continue;
    out.push({ secretKey: v.keys.secretKey, payload: (policy === 'allow' ? allows : rejects)(voter) });
  }
  return out;
}

/**
 * The prevotes and precommits the validators are about to sign for a proposal: an honest
 * validator that accepts it prevotes its block hash and, once 2/3 agree, precommits it (SPEC
 * CHAIN-005). `validators` is the harness's view of the height's validator set; `blockHash` its
 * own hash of the proposed block.
 */
export function forecastConsensusVotes(height: number, round: number, blockHash: Hex, validators: readonly Hex[], voters: ReadonlyMap<Hex, Voter>, allianceId: string): PresignJob[] {
  const out: PresignJob[] = [];
  for (const validator of validators) {
    const v = voters.get(validator);
    if (v === undefined) continue;
    for (const step of ['PREVOTE', 'PRECOMMIT'] as const) {
      out.push({ secretKey: v.keys.secretKey, payload: consensusVotePayload(allianceId, step, { height, round, blockHash, validator }) });
    }
  }
  return out;
}
