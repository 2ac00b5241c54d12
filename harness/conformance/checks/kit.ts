// Building blocks for checks: the CheckDef shape, scenario starters on a MiniNet, and crafting
// of signed messages as any fixture node (their keys are deterministic, so the harness can sign
// as a founder, an outsider or a Byzantine validator).

import type { Block, ConsensusStep, Hex, Input, KeyPair, Message, Module, NodeFactory, NodeStateView, Proposal } from '../../../contract/index.js';
import { blockHash, fromHex, keyPairFromSecret, makeConsensusVote, makeVote, proposalPayload, toHex } from '../../../protocol/index.js';
import { allianceNodes, CONFORMANCE_ALLIANCE, fixtureCrypto, START_MS, type AllianceSpec } from '../fixtures.js';
import { MiniNet } from '../mini-net.js';
import { Recorder } from '../recorder.js';
import type { StepExpectation, Vector } from '../vector.js';

export interface BuildContext {
  /** The implementation that records vectors: always the reference node. */
  readonly factory: NodeFactory;
}

export interface CheckDef {
  readonly id: string;
  readonly title: string;
  /** SPEC.md requirement IDs this check verifies. */
  readonly requirements: readonly string[];
  readonly modules: readonly Module[];
  readonly features: readonly string[];
  build(ctx: BuildContext): Vector;
}

export const crypto = fixtureCrypto();

export function keysOf(net: MiniNet, name: string): KeyPair {
  return keyPairFromSecret(crypto, fromHex(net.member(name).spec.secretKey, 32));
}

export function view(net: MiniNet, name: string): NodeStateView {
  return net.member(name).node.query();
}

/** An alliance on a MiniNet with every founder sent 'start'; `underTest` are recorded into the vector. */
export function startedNet(ctx: BuildContext, spec: AllianceSpec, underTest: readonly string[]): { net: MiniNet; rec: Recorder } {
  const net = new MiniNet(ctx.factory, allianceNodes(spec), { startMs: START_MS });
  for (let i = 0; i < spec.founders; i++) net.command(`f${i}`, { type: 'start' });
  return { net, rec: new Recorder(net, underTest) };
}

/** Runs until `name` holds a proposal for its current consensus height (it is waiting to vote on it). */
export function runToProposal(net: MiniNet, name: string, minHeight: number, forMs = 10_000): Proposal {
  const log = net.member(name).log;
  let found: Proposal | undefined;
  net.run(net.nowMs + forMs, () => {
    const last = log[log.length - 1];
    const input = last?.input;
    if (!last?.result.ok || !input || input.type !== 'message' || input.message.type !== 'PROPOSAL') return false;
    const p = input.message.proposal;
    const c = net.member(name).node.query().consensus;
    if (p.height !== c.height || p.height < minHeight) return false;
    found = p;
    return true;
  });
  if (!found) throw new Error(`kit: ${name} saw no proposal at height ≥ ${minHeight}`);
  return found;
}

export function runUntil(net: MiniNet, forMs: number, what: string, pred: () => boolean): void {
  if (!net.run(net.nowMs + forMs, pred)) throw new Error(`kit: ${what} did not happen within ${forMs} ms`);
}

export function validatorName(net: MiniNet, key: Hex): string {
  const name = net.nameOf(key);
  if (!name) throw new Error(`kit: no fixture node has key ${key.slice(0, 12)}`);
  return name;
}

/** Signs `block` as a proposal of (block.height, block.round) by `signer` (claiming `proposerKey`). */
export function signProposal(net: MiniNet, signer: string, block: Block, polRound = -1, proposerKey?: Hex): Proposal {
  const keys = keysOf(net, signer);
  const proposer = proposerKey ?? keys.publicKey;
  const body = { height: block.height, round: block.round, polRound, proposer };
  const signature = toHex(crypto.sign(keys.secretKey, proposalPayload(CONFORMANCE_ALLIANCE, body, blockHash(crypto, block))));
  return { ...body, block, signature };
}

/** The proposer of (height, round) for `nut`'s validator set. */
export function proposerFor(net: MiniNet, nut: string, height: number, round: number): { key: Hex; name: string } {
  const validators = view(net, nut).validators;
  const key = validators[(height + round) % validators.length]!;
  return { key, name: validatorName(net, key) };
}

/**
 * A valid proposal for the next round of `nut`'s current height, made from the proposal it holds:
 * same entries and certificate, that round's proposer, timestamp now. `tamper` may break exactly
 * one thing before it is signed.
 */
export function nextRoundProposal(net: MiniNet, nut: string, held: Proposal, tamper: (block: Block) => Block = (b) => b): Proposal {
  const round = view(net, nut).consensus.round + 1;
  const p = proposerFor(net, nut, held.height, round);
  const block = tamper({ ...held.block, round, proposer: p.key, timestampMs: net.nowMs });
  return signProposal(net, p.name, block);
}

export function message(net: MiniNet, from: string, m: Message): Input {
  return { type: 'message', from: net.keyOf(from), message: m };
}

export function consensusVote(net: MiniNet, signer: string, step: ConsensusStep, height: number, round: number, hash: Hex | null): Message {
  return { type: step, vote: makeConsensusVote(crypto, keysOf(net, signer), CONFORMANCE_ALLIANCE, step, height, round, hash) };
}

export function voteMessage(net: MiniNet, voter: string, requestId: Hex, allow: boolean, allianceId = CONFORMANCE_ALLIANCE): Message {
  return { type: 'VOTE', vote: makeVote(crypto, keysOf(net, voter), allianceId, requestId, allow) };
}

/** Flips the last hex digit of a signature (well-formed, wrong). */
export function corrupt(signature: Hex): Hex {
  return signature.slice(0, -1) + (signature.at(-1) === '0' ? '1' : '0');
}

/** The expectation of every injected bad input: that error (or one of them), state unchanged. */
export function rejects(codes: string): StepExpectation {
  return { result: codes, unchanged: true };
}

export { START_MS };
