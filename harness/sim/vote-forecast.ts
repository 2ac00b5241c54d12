// The votes members are about to sign. Once a request is submitted, every member whose vote
// policy is allow or reject will sign VOTE{requestId, allow} (SPEC JOIN-003) when the request
// commits, one or two blocks later. The simulator hands these to a sign-ahead pool at submission,
// so the signing happens on another core before the 10,000 members ask for it; a wrong forecast
// costs only the pool's time, never a result (Ed25519 signatures are deterministic, so a
// signature made ahead is the same bytes).

import type { Hex, KeyPair, RequestKind, VotePolicy } from '../../contract/index.js';
import { consensusVotePayload, votePayload } from '../../protocol/index.js';

export interface Voter {
  readonly keys: KeyPair;
  readonly policy: { readonly join: VotePolicy; readonly share: VotePolicy };
}

export function forecastVotes(requestId: Hex, kind: RequestKind, members: readonly Hex[], voters: ReadonlyMap<Hex, Voter>, allianceId: string): { secretKey: Uint8Array; payload: Uint8Array }[] {
  const out: { secretKey: Uint8Array; payload: Uint8Array }[] = [];
  for (const voter of members) {
    const v = voters.get(voter);
    if (v === undefined) continue;
    const policy = kind === 'JOIN_REQUEST' ? v.policy.join : v.policy.share;
    if (policy !== 'allow' && policy !== 'reject') continue;
    out.push({ secretKey: v.keys.secretKey, payload: votePayload({ allianceId, requestId, voter, allow: policy === 'allow' }) });
  }
  return out;
}

/**
 * The prevotes and precommits the validators are about to sign for a proposal: an honest
 * validator that accepts it prevotes its block hash and, once 2/3 agree, precommits it (SPEC
 * CHAIN-005). `validators` is the harness's view of the height's validator set; `blockHash` its
 * own hash of the proposed block.
 */
export function forecastConsensusVotes(height: number, round: number, blockHash: Hex, validators: readonly Hex[], voters: ReadonlyMap<Hex, Voter>, allianceId: string): { secretKey: Uint8Array; payload: Uint8Array }[] {
  const out: { secretKey: Uint8Array; payload: Uint8Array }[] = [];
  for (const validator of validators) {
    const v = voters.get(validator);
    if (v === undefined) continue;
    for (const step of ['PREVOTE', 'PRECOMMIT'] as const) {
      out.push({ secretKey: v.keys.secretKey, payload: consensusVotePayload(allianceId, step, { height, round, blockHash, validator }) });
    }
  }
  return out;
}
