// Builders for signed protocol objects. Used by nodes (their own messages) and by the harness
// (treaties, applicants, Byzantine messages, vectors).

import type {
  AccessLogBatch,
  AccessRecord,
  ConsensusStep,
  ConsensusVote,
  CryptoBackend,
  Hex,
  Identity,
  JoinRequest,
  KeyPair,
  ShareRequest,
  Vote,
} from '../contract/index.js';
import { toHex } from './encoding.js';
import {
  accessLogPayload,
  consensusVotePayload,
  identityPayload,
  joinRequestPayload,
  shareRequestPayload,
  votePayload,
} from './payloads.js';

function signHex(crypto: CryptoBackend, keys: KeyPair, payload: Uint8Array): Hex {
  return toHex(crypto.sign(keys.secretKey, payload));
}

export function makeIdentity(
  crypto: CryptoBackend,
  keys: KeyPair,
  name: string,
  params: Record<string, string>,
  declaredAtMs: number,
): Identity {
  const body = { publicKey: keys.publicKey, name, params, declaredAtMs };
  return { ...body, signature: signHex(crypto, keys, identityPayload(body)) };
}

export function makeJoinRequest(
  crypto: CryptoBackend,
  keys: KeyPair,
  allianceId: string,
  applicant: Identity,
  createdAtMs: number,
): JoinRequest {
  const body = { allianceId, applicant, createdAtMs };
  return { ...body, signature: signHex(crypto, keys, joinRequestPayload(body)) };
}

export function makeShareRequest(
  crypto: CryptoBackend,
  keys: KeyPair,
  fields: Omit<ShareRequest, 'signature' | 'requester'>,
): ShareRequest {
  const body = { ...fields, requester: keys.publicKey };
  return { ...body, signature: signHex(crypto, keys, shareRequestPayload(body)) };
}

export function makeVote(crypto: CryptoBackend, keys: KeyPair, allianceId: string, requestId: Hex, allow: boolean): Vote {
  return signVote(crypto, keys, allianceId, requestId, allow).vote;
}

/** makeVote, with the payload bytes the vote was signed over. */
export function signVote(crypto: CryptoBackend, keys: KeyPair, allianceId: string, requestId: Hex, allow: boolean): { vote: Vote; payload: Uint8Array } {
  const body = { allianceId, requestId, voter: keys.publicKey, allow };
  const payload = votePayload(body);
  return { vote: { ...body, signature: signHex(crypto, keys, payload) }, payload };
}

export function makeAccessLogBatch(
  crypto: CryptoBackend,
  keys: KeyPair,
  allianceId: string,
  seq: number,
  records: readonly AccessRecord[],
): AccessLogBatch {
  const body = { allianceId, server: keys.publicKey, seq, records };
  return { ...body, signature: signHex(crypto, keys, accessLogPayload(body)) };
}

export function makeConsensusVote(
  crypto: CryptoBackend,
  keys: KeyPair,
  allianceId: string,
  step: ConsensusStep,
  height: number,
  round: number,
  blockHash: Hex | null,
): ConsensusVote {
  const body = { height, round, blockHash, validator: keys.publicKey };
  return { ...body, signature: signHex(crypto, keys, consensusVotePayload(allianceId, step, body)) };
}
