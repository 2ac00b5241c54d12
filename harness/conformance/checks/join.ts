// JOIN checks (S4): a join request is committed, the members as of its block vote, the outcome
// follows the treaty's joinRule (ties matter), the next block carries JOIN or REJECTION and the
// applicant learns it. Vote rules: members only, eligible at the request's height, once.

import { TREATY_DEFAULTS, type Hex, type JoinRule, type Message, type VotePolicy } from '../../../contract/index.js';
import { makeIdentity, makeJoinRequest } from '../../../protocol/index.js';
import { CONFORMANCE_ALLIANCE, type AllianceSpec } from '../fixtures.js';
import type { MiniNet } from '../mini-net.js';
import type { Recorder } from '../recorder.js';
import type { Eventually } from '../vector.js';
import { corrupt, crypto, keysOf, message, rejects, runUntil, startedNet, view, voteMessage, type BuildContext, type CheckDef } from './kit.js';

const FEATURES = ['genesis', 'consensus', 'join'];
const MODULES = ['communication'] as const;

const policies = (join: VotePolicy[]) => (i: number) => ({ join: join[i] ?? 'allow', share: 'allow' as VotePolicy });

/** Founders started, first consensus block committed at f1, then o0 applies via f0 and f1. */
function applied(ctx: BuildContext, spec: AllianceSpec, underTest: string[]): { net: MiniNet; rec: Recorder; requestId: Hex } {
  const { net, rec } = startedNet(ctx, spec, underTest);
  runUntil(net, 5_000, 'first commit at f1', () => view(net, 'f1').height >= spec.founders);
  rec.mark();
  const r = net.command('o0', { type: 'applyToJoin', via: [net.keyOf('f0'), net.keyOf('f1')], createdAtMs: net.nowMs });
  const submitted = r.ok ? r.output.effects.find((e) => e.type === 'requestSubmitted') : undefined;
  if (!submitted || submitted.type !== 'requestSubmitted') throw new Error('join: applyToJoin gave no requestSubmitted');
  return { net, rec, requestId: submitted.requestId };
}

/** SPEC JOIN-003: F round-0 proposers of coming heights, h+1+g+j·G (G = ⌊k/F⌋, g = member index mod G), itself excluded. */
function voteTargets(validators: readonly Hex[], head: number, memberIndex: number, self: Hex): Hex[] {
  const k = validators.length;
  const f = Math.min(TREATY_DEFAULTS.submitProposers, k);
  const groups = Math.floor(k / f);
  const chosen = new Set(Array.from({ length: f }, (_, j) => (head + 1 + (memberIndex % groups) + j * groups) % k));
  return validators.filter((v, i) => chosen.has(i) && v !== self);
}

function runToDecision(net: MiniNet, name: string, requestId: Hex): void {
  net.runUntilEffect(name, (e) => e.type === 'decided' && e.requestId === requestId, 20_000, `decision on ${requestId.slice(0, 8)}`);
  net.run(net.nowMs + 300); // let the applicant hear of it and catch up
}

interface OutcomeCase {
  readonly id: string;
  readonly title: string;
  readonly requirements: string[];
  readonly founders: number;
  readonly votes: VotePolicy[];
  readonly joinRule?: JoinRule;
  readonly voteWindowBlocks?: number;
  readonly outcome: 'allowed' | 'rejected';
  readonly allows: number;
}

function outcomeCheck(c: OutcomeCase): CheckDef {
  return {
    id: c.id,
    title: c.title,
    requirements: c.requirements,
    modules: MODULES,
    features: FEATURES,
    build(ctx) {
      const treaty = { ...(c.joinRule ? { joinRule: c.joinRule } : {}), ...(c.voteWindowBlocks ? { voteWindowBlocks: c.voteWindowBlocks } : {}) };
      const spec: AllianceSpec = { founders: c.founders, outsiders: 1, treaty, votePolicy: policies(c.votes) };
      const { net, rec, requestId } = applied(ctx, spec, ['f1', 'o0']);
      net.runUntilEffect('f1', (e) => e.type === 'voteRequested' && e.requestId === requestId, 20_000, `vote request ${requestId.slice(0, 8)}`);
      const atVote = view(net, 'f1');
      runToDecision(net, 'o0', requestId);
      const decided = { type: 'decided', requestId, requestKind: 'JOIN_REQUEST', outcome: c.outcome, allows: c.allows, eligible: c.founders };
      const founderKeys = Array.from({ length: c.founders }, (_, i) => net.keyOf(`f${i}`));
      rec.observe('f1', { members: c.outcome === 'allowed' ? [...founderKeys, net.keyOf('o0')] : founderKeys, openRequests: [] }, 'membership after the decision: the joiner is appended');
      rec.observe('o0', { isMember: c.outcome === 'allowed' }, 'the applicant is a member iff allowed');
      const entry = c.outcome === 'allowed' ? { kind: 'JOIN', requestId, allows: c.allows, eligible: c.founders } : { kind: 'REJECTION', requestId, requestKind: 'JOIN_REQUEST', allows: c.allows, eligible: c.founders };
      const others = voteTargets(atVote.validators, atVote.height, atVote.members.indexOf(net.keyOf('f1')), net.keyOf('f1'));
      const myVote = c.votes[1] ?? 'allow';
      const eventually: Eventually[] = [
        { node: 'f1', effects: { includes: [decided, { type: 'committed', block: { entries: { $has: entry } } }] }, note: 'the decision entry is committed' },
        ...(myVote === 'abstain' ? [] : [{ node: 'f1', effects: { includes: [{ type: 'voteRequested', requestId }, { type: 'voted', requestId, allow: myVote === 'allow' }] }, sends: { includes: [{ to: others, message: { type: 'VOTE', vote: { requestId, allow: myVote === 'allow' } } }] }, note: 'f1 votes once, to the next proposers' }]),
        { node: 'o0', effects: c.outcome === 'allowed' ? { includes: [decided, { type: 'joined' }] } : { includes: [decided], excludes: [{ type: 'joined' }] }, note: 'the applicant hears the decision' },
      ];
      return rec.build({ id: c.id, title: c.title, requirements: c.requirements, requires: { modules: MODULES, features: FEATURES }, eventually });
    },
  };
}

/** Founders vote 'manual', so o0's request stays open while crafted votes arrive at f1. */
function openRequestCheck(id: string, title: string, requirements: string[], craft: (net: MiniNet, rec: Recorder, requestId: Hex) => void): CheckDef {
  return {
    id,
    title,
    requirements,
    modules: MODULES,
    features: FEATURES,
    build(ctx) {
      const spec: AllianceSpec = { founders: 4, outsiders: 2, votePolicy: () => ({ join: 'manual', share: 'manual' }) };
      const { net, rec, requestId } = applied(ctx, spec, ['f1']);
      runUntil(net, 5_000, 'join request committed at f1', () => view(net, 'f1').openRequests.some((r) => r.requestId === requestId));
      craft(net, rec, requestId);
      return rec.build({ id, title, requirements, requires: { modules: MODULES, features: FEATURES } });
    },
  };
}

function joinRequestOf(net: MiniNet, applicant: string, allianceId = CONFORMANCE_ALLIANCE): Message {
  const keys = keysOf(net, applicant);
  const identity = makeIdentity(crypto, keys, `applicant-${applicant}`, { region: 'east' }, net.nowMs);
  return { type: 'JOIN_REQUEST', request: makeJoinRequest(crypto, keys, allianceId, identity, net.nowMs) };
}

export const joinChecks: CheckDef[] = [
  outcomeCheck({ id: 'JOIN-003/allowed-by-all', title: 'all four founders allow: JOIN entry, the applicant becomes a member', requirements: ['JOIN-001', 'JOIN-003', 'JOIN-006', 'MEMB-004'], founders: 4, votes: [], outcome: 'allowed', allows: 4 }),
  outcomeCheck({ id: 'JOIN-004/majority-three-of-four', title: "joinRule majority: 3 of 4 allows is allowed", requirements: ['JOIN-004', 'JOIN-006'], founders: 4, votes: ['allow', 'allow', 'allow', 'reject'], outcome: 'allowed', allows: 3 }),
  outcomeCheck({ id: 'JOIN-004/majority-tie-rejected', title: 'joinRule majority: a 2–2 tie is rejected (allows must exceed half)', requirements: ['JOIN-004', 'JOIN-005', 'JOIN-006'], founders: 4, votes: ['allow', 'allow', 'reject', 'reject'], outcome: 'rejected', allows: 2 }),
  outcomeCheck({ id: 'JOIN-004/half-tie-allowed', title: 'joinRule half: a 2–2 tie is allowed', requirements: ['JOIN-004'], founders: 4, votes: ['allow', 'allow', 'reject', 'reject'], joinRule: 'half', outcome: 'allowed', allows: 2 }),
  outcomeCheck({ id: 'JOIN-004/two-thirds-of-five', title: 'joinRule twoThirds: 3 of 5 is rejected (needs 4)', requirements: ['JOIN-004'], founders: 5, votes: ['allow', 'allow', 'allow', 'reject', 'reject'], joinRule: 'twoThirds', outcome: 'rejected', allows: 3 }),
  outcomeCheck({ id: 'JOIN-004/unanimous-one-reject', title: 'joinRule unanimous: one reject is a rejection', requirements: ['JOIN-004'], founders: 4, votes: ['allow', 'allow', 'allow', 'reject'], joinRule: 'unanimous', outcome: 'rejected', allows: 3 }),
  outcomeCheck({ id: 'JOIN-005/window-closes-missing-votes', title: 'votes missing when the window closes count as not allowing', requirements: ['JOIN-005', 'JOIN-002'], founders: 4, votes: ['allow', 'allow', 'abstain', 'abstain'], voteWindowBlocks: 2, outcome: 'rejected', allows: 2 }),
  openRequestCheck('JOIN-002/vote-from-non-member', 'a vote from a non-member is refused and not counted', ['JOIN-002', 'ERR-004'], (net, rec, id) => {
    rec.inject('f1', message(net, 'o1', voteMessage(net, 'o1', id, true)), rejects('ERR_NOT_MEMBER'), 'outsider o1 votes');
    rec.inject('f1', message(net, 'o0', voteMessage(net, 'o0', id, true)), rejects('ERR_NOT_MEMBER'), 'the applicant votes for itself');
    rec.observe('f1', { openRequests: [{ requestId: id, allows: 0 }] }, 'nothing counted');
  }),
  openRequestCheck('ERR-005/duplicate-vote', 'a second, different vote of one voter is refused; the same vote again is a replay', ['ERR-005', 'JOIN-002'], (net, rec, id) => {
    rec.inject('f1', message(net, 'f2', voteMessage(net, 'f2', id, true)), { result: 'ok' }, 'f2 allows');
    rec.inject('f1', message(net, 'f2', voteMessage(net, 'f2', id, false)), rejects('ERR_DUPLICATE_VOTE'), 'f2 rejects too');
    rec.inject('f1', message(net, 'f2', voteMessage(net, 'f2', id, true)), rejects('ERR_REPLAY'), 'f2 allows again');
  }),
  openRequestCheck('JOIN-002/vote-unknown-request', 'a vote for a request never committed is refused', ['JOIN-002', 'ERR-002'], (net, rec) => {
    rec.inject('f1', message(net, 'f2', voteMessage(net, 'f2', '44'.repeat(32), true)), rejects('ERR_UNKNOWN_REQUEST'), 'unknown request id');
  }),
  openRequestCheck('ERR-006/vote-bad-signature', 'a vote with a bad signature is refused', ['ERR-006', 'JOIN-002'], (net, rec, id) => {
    const m = voteMessage(net, 'f2', id, true);
    if (m.type !== 'VOTE') throw new Error('unreachable');
    rec.inject('f1', message(net, 'f2', { type: 'VOTE', vote: { ...m.vote, signature: corrupt(m.vote.signature) } }), rejects('ERR_BAD_SIGNATURE'), 'corrupted signature');
  }),
  openRequestCheck('JOIN-002/vote-wrong-alliance', 'a vote signed for another alliance is refused', ['JOIN-002', 'ERR-002'], (net, rec, id) => {
    rec.inject('f1', message(net, 'f2', voteMessage(net, 'f2', id, true, 'another-alliance')), rejects('ERR_WRONG_ALLIANCE'), 'allianceId differs');
  }),
  openRequestCheck('JOIN-001/applicant-already-member', 'a join request from a member is refused', ['JOIN-001'], (net, rec) => {
    rec.inject('f1', message(net, 'f3', joinRequestOf(net, 'f3')), rejects('ERR_ALREADY_MEMBER'), 'founder f3 applies');
  }),
  openRequestCheck('JOIN-001/join-request-bad-signature', 'a join request with a bad signature is refused', ['JOIN-001', 'ERR-006'], (net, rec) => {
    const m = joinRequestOf(net, 'o1');
    if (m.type !== 'JOIN_REQUEST') throw new Error('unreachable');
    rec.inject('f1', message(net, 'o1', { type: 'JOIN_REQUEST', request: { ...m.request, signature: corrupt(m.request.signature) } }), rejects('ERR_BAD_SIGNATURE'), 'corrupted signature');
  }),
  openRequestCheck('MEMB-002/joiner-identity-not-self-signed', 'a join request whose identity is not self-signed is refused', ['MEMB-002', 'ERR-006'], (net, rec) => {
    const keys = keysOf(net, 'o1');
    const identity = makeIdentity(crypto, keys, 'applicant-o1', { region: 'east' }, net.nowMs);
    const forged = { ...identity, signature: corrupt(identity.signature) };
    rec.inject('f1', message(net, 'o1', { type: 'JOIN_REQUEST', request: makeJoinRequest(crypto, keys, CONFORMANCE_ALLIANCE, forged, net.nowMs) }), rejects('ERR_BAD_SIGNATURE'), 'identity signature corrupted, request signed');
  }),
  openRequestCheck('JOIN-001/join-request-forwarded-once', "an applicant's join request is forwarded to the other validators; the same request again is a replay", ['JOIN-001', 'ERR-005'], (net, rec) => {
    const m = joinRequestOf(net, 'o1');
    const others = view(net, 'f1').validators.filter((v) => v !== net.keyOf('f1'));
    rec.inject('f1', message(net, 'o1', m), { result: 'ok', sends: { includes: [{ to: others, message: { type: 'JOIN_REQUEST' } }] } }, 'o1 applies via f1');
    rec.inject('f1', message(net, 'o1', m), rejects('ERR_REPLAY'), 'the same request again');
  }),
  {
    id: 'JOIN-002/voter-not-eligible-at-request-height',
    title: 'a member who joined after a request was committed may not vote on it',
    requirements: ['JOIN-002', 'MEMB-004'],
    modules: MODULES,
    features: FEATURES,
    build(ctx) {
      const spec: AllianceSpec = { founders: 4, outsiders: 2, votePolicy: () => ({ join: 'manual', share: 'manual' }) };
      const { net, rec, requestId: first } = applied(ctx, spec, ['f1']);
      const r = net.command('o1', { type: 'applyToJoin', via: [net.keyOf('f0'), net.keyOf('f1')], createdAtMs: net.nowMs });
      const sub = r.ok ? r.output.effects.find((e) => e.type === 'requestSubmitted') : undefined;
      if (!sub || sub.type !== 'requestSubmitted') throw new Error('join: o1 applyToJoin failed');
      const second = sub.requestId;
      const founders = ['f0', 'f1', 'f2', 'f3'];
      runUntil(net, 5_000, 'both requests open at every founder', () => founders.every((f) => view(net, f).openRequests.length === 2));
      for (const f of founders) {
        const voted = net.command(f, { type: 'vote', requestId: first, allow: true });
        if (!voted.ok) throw new Error(`join: ${f} could not vote: ${voted.error.message}`);
      }
      runUntil(net, 10_000, 'o0 joined (seen by f1)', () => view(net, 'f1').members.includes(net.keyOf('o0')));
      rec.inject('f1', message(net, 'o0', voteMessage(net, 'o0', second, true)), rejects('ERR_NOT_ELIGIBLE'), 'o0 (joined later) votes on o1');
      rec.observe('f1', { openRequests: [{ requestId: second, allows: 0, eligible: 4 }] }, 'eligible stays the 4 founders');
      return rec.build({ id: this.id, title: this.title, requirements: this.requirements, requires: { modules: MODULES, features: FEATURES } });
    },
  },
];
