// The request a node will make for a workload command, known when the workload draws the command
// one period (seconds) before issuing it. Its id is what every member's vote will sign, so the
// sign-ahead pool can sign and check the 10,000 votes in the quiet seconds before the request
// rather than in the burst after it commits (vote-forecast.ts).
// The request follows from the command, the node's keys and clock and its profile (SPEC JOIN-001,
// SHARE-003); an implementation that builds it otherwise only makes the forecast miss, which
// costs the pool's time and never a result.

import type { Command, CryptoBackend, Hex, KeyPair, RequestKind } from '../../contract/index.js';
import { joinRequestId, makeIdentity, makeJoinRequest, makeShareRequest, shareRequestId } from '../../protocol/index.js';
import { NODE_EPOCH_MS } from './engine.js';

/** The profile the harness gives an applicant (what the reference node takes by default too). */
export function applicantProfile(publicKey: Hex): { readonly name: string; readonly params: Readonly<Record<string, string>> } {
  return { name: `node-${publicKey.slice(0, 8)}`, params: {} };
}

export interface ForecastNode {
  readonly keys: KeyPair;
  /** Member of the alliance when the command runs (a member's share is not voted on). */
  readonly member: boolean;
  readonly skewUs: number;
}

/**
 * The id and kind of the request `command` makes on `node` at virtual time `atUs`, if the node
 * handles it on arrival (an idle node: applicants and outside requesters are); null for commands
 * that make no request all members vote on.
 */
export function forecastRequest(node: ForecastNode, command: Command, atUs: number, allianceId: string, crypto: CryptoBackend): { requestId: Hex; kind: RequestKind } | null {
  switch (command.type) {
    case 'applyToJoin': {
      const { name, params } = applicantProfile(node.keys.publicKey);
      const identity = makeIdentity(crypto, node.keys, name, { ...params }, command.createdAtMs);
      const { signature: _s, ...body } = makeJoinRequest(crypto, node.keys, allianceId, identity, command.createdAtMs);
      return { requestId: joinRequestId(crypto, body), kind: 'JOIN_REQUEST' };
    }
    case 'requestShare': {
      if (node.member) return null;
      const createdAtMs = NODE_EPOCH_MS + Math.floor((atUs + node.skewUs) / 1000);
      const request = makeShareRequest(crypto, node.keys, { allianceId, server: command.server, label: command.label, createdAtMs, nonce: command.nonce });
      const { signature: _s, ...body } = request;
      return { requestId: shareRequestId(crypto, body), kind: 'SHARE_REQUEST' };
    }
    default:
      return null;
  }
}
