// The votes members are about to sign. Once a request is submitted, every member whose vote
// policy is allow or reject will sign VOTE{requestId, allow} (SPEC JOIN-003) when the request
// commits, one or two blocks later. The simulator hands these to a sign-ahead pool at submission,
// so the signing happens on another core before the 10,000 members ask for it; a wrong forecast
// costs only the pool's time, never a result (Ed25519 signatures are deterministic, so a
// signature made ahead is the same bytes).

import type { Hex, KeyPair, RequestKind, VotePolicy } from '../../contract/index.js';
import { votePayload } from '../../protocol/index.js';

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
