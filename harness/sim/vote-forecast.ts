// The votes members are about to sign. When a block carrying requests first commits, every
// member whose vote policy is allow or reject will sign VOTE{requestId, allow} (SPEC JOIN-003)
// as soon as it commits that block too. The simulator hands these to a sign-ahead pool so the
// signing happens on another core; a wrong forecast costs only the pool's time, never a result
// (Ed25519 signatures are deterministic, so a signature made ahead is the same bytes).

import type { Block, Hex, KeyPair, VotePolicy } from '../../contract/index.js';
import { votePayload } from '../../protocol/index.js';

export interface Voter {
  readonly keys: KeyPair;
  readonly policy: { readonly join: VotePolicy; readonly share: VotePolicy };
}

export function forecastVotes(block: Block, members: readonly Hex[], voters: ReadonlyMap<Hex, Voter>, allianceId: string): { secretKey: Uint8Array; payload: Uint8Array }[] {
  const out: { secretKey: Uint8Array; payload: Uint8Array }[] = [];
  for (const e of block.entries) {
    if (e.kind !== 'JOIN_REQUEST' && e.kind !== 'SHARE_REQUEST') continue;
    for (const voter of members) {
      const v = voters.get(voter);
      if (v === undefined) continue;
      const policy = e.kind === 'JOIN_REQUEST' ? v.policy.join : v.policy.share;
      if (policy !== 'allow' && policy !== 'reject') continue;
      out.push({ secretKey: v.keys.secretKey, payload: votePayload({ allianceId, requestId: e.requestId, voter, allow: policy === 'allow' }) });
    }
  }
  return out;
}
