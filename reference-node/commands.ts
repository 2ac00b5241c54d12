// Commands from the node's operator (the harness): start, apply to join, request a share, vote.

import type { Command, NodeError } from '../contract/index.js';
import { LIMITS } from '../contract/index.js';
import { joinRequestId, makeIdentity, makeJoinRequest, makeShareRequest, shareRequestId, utf8Length } from '../protocol/index.js';
import { isMember } from './chain-state.js';
import { castVote, startIfIdle } from './commit.js';
import type { Core, Out } from './core.js';
import { err, voteError } from './entries.js';
import { requestBlocks } from './on-consensus.js';
import { armShareRetry } from './sharing.js';

export function onCommand(core: Core, command: Command, nowMs: number, out: Out): NodeError | null {
  const self = core.keys.publicKey;
  const state = core.state;
  switch (command.type) {
    case 'start': {
      if (core.started) return null;
      core.started = true;
      const saved = core.resume;
      if (saved && saved.height > state.height + 1) {
        // A restarted validator first catches up to where it was.
        const peer = state.validators.find((v) => v !== self);
        if (peer) requestBlocks(core, peer, nowMs, out);
      }
      startIfIdle(core, nowMs, out);
      return null;
    }
    case 'applyToJoin': {
      if (isMember(state, self)) return err('ERR_ALREADY_MEMBER', 'this node is already a member');
      if (command.via.length === 0 || !command.via.every((v) => isMember(state, v))) {
        return err('ERR_NOT_MEMBER', 'applyToJoin.via: expected member public keys');
      }
      if (!Number.isSafeInteger(command.createdAtMs) || command.createdAtMs < 0) return err('ERR_MALFORMED', 'applyToJoin.createdAtMs: expected a non-negative integer');
      for (const o of core.outstanding.values()) if (o.kind === 'JOIN_REQUEST') return err('ERR_REPLAY', 'a join request is already outstanding');
      const profile = core.config.profile ?? { name: `node-${self.slice(0, 8)}`, params: {} };
      const identity = makeIdentity(core.crypto, core.keys, profile.name, { ...profile.params }, command.createdAtMs);
      const request = makeJoinRequest(core.crypto, core.keys, core.treaty.allianceId, identity, command.createdAtMs);
      const { signature: _s, ...body } = request;
      const requestId = joinRequestId(core.crypto, body);
      core.outstanding.set(requestId, { kind: 'JOIN_REQUEST', server: null });
      out.to(command.via, { type: 'JOIN_REQUEST', request });
      out.effect({ type: 'requestSubmitted', requestId, requestKind: 'JOIN_REQUEST' });
      return null;
    }
    case 'requestShare': {
      if (!isMember(state, command.server)) return err('ERR_NOT_MEMBER', 'requestShare.server: expected a member');
      if (command.server === self) return err('ERR_NOT_TARGET', 'requestShare.server: a node does not request its own data');
      if (typeof command.label !== 'string' || utf8Length(command.label) > LIMITS.labelBytesMax) {
        return err('ERR_MALFORMED', `requestShare.label: expected a string of at most ${LIMITS.labelBytesMax} bytes`);
      }
      if (!Number.isSafeInteger(command.nonce) || command.nonce < 0) return err('ERR_MALFORMED', 'requestShare.nonce: expected a non-negative integer');
      const request = makeShareRequest(core.crypto, core.keys, {
        allianceId: core.treaty.allianceId,
        server: command.server,
        label: command.label,
        createdAtMs: nowMs,
        nonce: command.nonce,
      });
      const { signature: _s, ...body } = request;
      const requestId = shareRequestId(core.crypto, body);
      if (core.outstanding.has(requestId)) return err('ERR_REPLAY', 'the same share request is outstanding');
      const member = isMember(state, self);
      core.outstanding.set(requestId, member ? { kind: 'MEMBER_SHARE', server: command.server, request } : { kind: 'SHARE_REQUEST', server: command.server });
      out.to([command.server], { type: 'SHARE_REQUEST', request });
      if (member) armShareRetry(core, nowMs, out);
      out.effect({ type: 'requestSubmitted', requestId, requestKind: member ? 'MEMBER_SHARE' : 'SHARE_REQUEST' });
      return null;
    }
    case 'vote': {
      const mine = core.myVotes.get(command.requestId);
      if (mine) {
        return mine.vote.allow === command.allow ? err('ERR_REPLAY', 'already voted') : err('ERR_DUPLICATE_VOTE', 'already voted differently');
      }
      const probe = { allianceId: core.treaty.allianceId, requestId: command.requestId, voter: self, allow: command.allow, signature: '' };
      const problem = voteError(state, probe, core.verifier, { signatures: false });
      if (problem) return problem;
      castVote(core, command.requestId, command.allow, out);
      return null;
    }
  }
}
