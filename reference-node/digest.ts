// The state digest (SPEC CHAIN-013): SHA-256 of the canonical JSON of everything a message or
// timer can change. Equal digests mean equal protocol state; an error must leave it unchanged.

import type { Hex } from '../contract/index.js';
import { canonicalJson, sha256Hex } from '../protocol/index.js';
import type { Core } from './core.js';

const encoder = new TextEncoder();

function votesDigest(core: Core): string[] {
  const c = core.consensus;
  const out: string[] = [];
  for (const step of ['PREVOTE', 'PRECOMMIT'] as const) {
    for (const [round, m] of c.votes[step]) {
      for (const [validator, v] of m) out.push(`${step}:${round}:${validator}:${v.blockHash ?? 'nil'}`);
    }
  }
  return out.sort();
}

export function stateDigest(core: Core): Hex {
  const c = core.consensus;
  const a = core.access;
  const open = [...core.state.open.values()]
    .map((r) => [r.requestId, r.allows, r.rejects, r.settled ?? ''])
    .sort((x, y) => (String(x[0]) < String(y[0]) ? -1 : 1));
  const doc = {
    chain: { height: core.state.height, headHash: core.state.hash, members: core.state.members.size, open },
    consensus: {
      height: c.height,
      round: c.round,
      step: c.step,
      lockedRound: c.lockedRound,
      lockedHash: c.lockedBlock?.hash ?? null,
      validRound: c.validRound,
      validHash: c.validBlock?.hash ?? null,
      proposals: [...c.proposals].map(([r, p]) => `${r}:${p.sealed.hash}`).sort(),
      votes: votesDigest(core),
    },
    pending: core.pending.keys(),
    buffered: core.buffered.length,
    myVotes: [...core.myVotes].map(([id, v]) => `${id}:${v.vote.allow}:${v.sentAtHeight}`).sort(),
    access: { unsent: a.unsent.length, inFlight: a.inFlight?.seq ?? 0, timerArmed: a.timerArmed },
    served: [...core.served.keys()].sort(),
    forwarded: [...core.forwarded].sort(),
    outstanding: [...core.outstanding.keys()].sort(),
    catchUpInFlight: core.catchUpInFlight,
    started: core.started,
  };
  return sha256Hex(core.crypto, encoder.encode(canonicalJson(doc)));
}
