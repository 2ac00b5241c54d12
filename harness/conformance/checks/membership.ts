// MEMB and CHAIN checks on the chain itself: genesis derived from the treaty (order, tie-break
// by key bytes), invalid treaties refused, validators = the first validatorsMax members, block
// hashes, commits learned by non-validators, catch-up of a node that was away.

import type { Hex, NodeConfig } from '../../../contract/index.js';
import { blockHash } from '../../../protocol/index.js';
import { allianceNodes, START_MS } from '../fixtures.js';
import { MiniNet } from '../mini-net.js';
import { Recorder } from '../recorder.js';
import type { Eventually, Vector, VectorNode } from '../vector.js';
import { consensusVote, corrupt, crypto, message, rejects, runUntil, startedNet, view, voteMessage, type BuildContext, type CheckDef } from './kit.js';

const MODULES = ['communication'] as const;

/** Genesis order: (declaredAtMs, public-key bytes); lowercase hex compares like the bytes. */
function genesisOrder(nodes: readonly VectorNode[]): Hex[] {
  const founders = nodes[0]!.config.treaty.founders;
  return [...founders].sort((a, b) => a.declaredAtMs - b.declaredAtMs || (a.publicKey < b.publicKey ? -1 : 1)).map((f) => f.publicKey);
}

function genesisCheck(id: string, title: string, declaredAtMs: (i: number) => number): CheckDef {
  const requirements = ['MEMB-003', 'MEMB-004', 'MOD-002', 'CHAIN-002'];
  return {
    id,
    title,
    requirements,
    modules: MODULES,
    features: ['genesis'],
    build(ctx: BuildContext): Vector {
      const nodes = allianceNodes({ founders: 4, outsiders: 1, declaredAtMs });
      const net = new MiniNet(ctx.factory, nodes, { startMs: START_MS });
      const rec = new Recorder(net, ['f0', 'f1', 'f2', 'f3', 'o0']);
      rec.mark();
      const members = genesisOrder(nodes);
      const head = view(net, 'f0').headHash;
      for (const n of ['f0', 'f1', 'f2', 'f3']) rec.observe(n, { isMember: true, height: 3, headHash: head, members, validators: members }, 'genesis from the treaty');
      rec.observe('o0', { isMember: false, height: 3, headHash: head, members }, 'a non-member derives the same genesis');
      return rec.build({ id, title, requirements, requires: { modules: MODULES, features: ['genesis'] } });
    },
  };
}

function refusedTreaty(id: string, title: string, broken: (config: NodeConfig) => NodeConfig, requirements = ['MEMB-001']): CheckDef {
  return {
    id,
    title,
    requirements,
    modules: MODULES,
    features: ['genesis'],
    build(ctx: BuildContext): Vector {
      const nodes = allianceNodes({ founders: 3 });
      const net = new MiniNet(ctx.factory, nodes.slice(0, 1), { startMs: START_MS });
      const good = new Recorder(net, ['f0']).build({ id, title, requirements, requires: { modules: MODULES, features: ['genesis'] } });
      const bad: VectorNode = { ...nodes[1]!, name: 'bad', config: broken(nodes[1]!.config), rejectsConfig: true };
      return { ...good, nodes: [...good.nodes, bad] };
    },
  };
}

export const membershipChecks: CheckDef[] = [
  genesisCheck('MEMB-003/genesis-order-by-declared-time', 'genesis orders founders by declared time; every node derives the same chain', (i) => START_MS - 60_000 + (3 - i)),
  genesisCheck('MEMB-003/genesis-tie-broken-by-key', 'founders declared at the same instant are ordered by public-key bytes', () => START_MS - 60_000),
  refusedTreaty('MEMB-001/treaty-bad-founder-signature', 'a treaty whose founder identity is not self-signed is refused', (c) => ({
    ...c,
    treaty: { ...c.treaty, founders: c.treaty.founders.map((f, i) => (i === 1 ? { ...f, signature: corrupt(f.signature) } : f)) },
  }), ['MEMB-001', 'MEMB-002']),
  refusedTreaty('MEMB-001/treaty-parameter-out-of-bounds', 'a treaty parameter outside its bounds is refused', (c) => ({ ...c, treaty: { ...c.treaty, validatorsMax: 0 } })),
  refusedTreaty('MEMB-001/treaty-duplicate-founder', 'a treaty listing one founder twice is refused', (c) => ({ ...c, treaty: { ...c.treaty, founders: [...c.treaty.founders, c.treaty.founders[0]!] } })),
  {
    id: 'CHAIN-004/validators-max',
    title: 'validators are the first validatorsMax members; the others learn blocks from COMMIT messages',
    requirements: ['CHAIN-004', 'CHAIN-010'],
    modules: MODULES,
    features: ['genesis', 'consensus'],
    build(ctx) {
      const { net, rec } = startedNet(ctx, { founders: 4, treaty: { validatorsMax: 3 } }, ['f3']);
      rec.mark();
      runUntil(net, 5_000, 'f3 learns three blocks', () => view(net, 'f3').height >= 6);
      const validators = ['f0', 'f1', 'f2'].map((n) => net.keyOf(n));
      rec.observe('f3', { isMember: true, validators }, 'f3 is a member, not a validator');
      rec.inject('f3', message(net, 'f0', consensusVote(net, 'f0', 'PREVOTE', view(net, 'f3').height + 1, 0, null)), rejects('ERR_NOT_VALIDATOR'), 'a prevote sent to a non-validator');
      rec.inject('f3', message(net, 'f0', voteMessage(net, 'f0', '55'.repeat(32), true)), rejects('ERR_NOT_VALIDATOR'), 'a vote sent to a non-validator');
      const eventually: Eventually[] = [{ node: 'f3', effects: { includes: [{ type: 'committed', height: 4 }, { type: 'committed', height: 5 }, { type: 'committed', height: 6 }] } }];
      return rec.build({ id: this.id, title: this.title, requirements: this.requirements, requires: { modules: MODULES, features: ['genesis', 'consensus'] }, eventually });
    },
  },
  {
    id: 'CHAIN-001/block-hash-and-sequence',
    title: 'blocks commit in height order, each named by SHA-256 of its canonical encoding and chained by prevHash',
    requirements: ['CHAIN-001', 'CHAIN-002', 'CHAIN-006'],
    modules: MODULES,
    features: ['genesis', 'consensus'],
    build(ctx) {
      const { net, rec } = startedNet(ctx, { founders: 4 }, ['f1']);
      const genesisHead = view(net, 'f1').headHash;
      rec.mark();
      runUntil(net, 5_000, 'three consensus blocks at f1', () => view(net, 'f1').height >= 6);
      const committed = net.member('f1').log.flatMap((l) => (l.result.ok ? l.result.output.effects : [])).filter((e) => e.type === 'committed');
      let prev = genesisHead;
      const expected = committed.map((e) => {
        if (e.type !== 'committed') throw new Error('unreachable');
        const hash = blockHash(crypto, e.block); // computed here, independently of the node
        const pattern = { type: 'committed', height: e.height, hash, block: { height: e.height, prevHash: prev } };
        prev = hash;
        return pattern;
      });
      rec.observe('f1', { height: 6, headHash: prev }, 'head is the last committed block');
      return rec.build({ id: this.id, title: this.title, requirements: this.requirements, requires: { modules: MODULES, features: ['genesis', 'consensus'] }, eventually: [{ node: 'f1', effects: { includes: expected } }] });
    },
  },
  {
    id: 'CHAIN-010/catch-up-after-absence',
    title: 'a node that missed blocks asks a peer with BLOCK_REQUEST and applies the certified blocks',
    requirements: ['CHAIN-010', 'CHAIN-009'],
    modules: MODULES,
    features: ['genesis', 'consensus', 'catch-up'],
    build(ctx) {
      const { net, rec } = startedNet(ctx, { founders: 4, treaty: { validatorsMax: 3 } }, ['f3']);
      runUntil(net, 5_000, 'first block at f3', () => view(net, 'f3').height >= 4);
      net.offline.add('f3');
      runUntil(net, 10_000, 'the others move 4 blocks on', () => view(net, 'f0').height >= 9);
      net.offline.delete('f3');
      rec.mark();
      runUntil(net, 10_000, 'f3 catches up', () => view(net, 'f3').height >= view(net, 'f0').height && view(net, 'f3').height >= 10);
      const eventually: Eventually[] = [
        { node: 'f3', sends: { includes: [{ message: { type: 'BLOCK_REQUEST', fromHeight: 5 } }] }, note: 'asks from the first missing height' },
        { node: 'f3', effects: { includes: [5, 6, 7, 8, 9].map((height) => ({ type: 'committed', height })) } },
      ];
      return rec.build({ id: this.id, title: this.title, requirements: this.requirements, requires: { modules: MODULES, features: ['genesis', 'consensus', 'catch-up'] }, eventually });
    },
  },
];
