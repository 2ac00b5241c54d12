// MOD checks (declared capabilities, determinism) and the CHAIN checks that need several nodes
// or a restart: persisted safety state (CHAIN-011) and agreement under a crashed validator (CHAIN-012).

import type { Hex } from '../../../contract/index.js';
import type { Eventually } from '../vector.js';
import { runToProposal, runUntil, startedNet, view, type CheckDef } from './kit.js';

const MODULES = ['communication'] as const;

/** Capability names SPEC MOD-001 defines. */
export const SPEC_MODULES = ['data-processing', 'communication', 'sharing'] as const;
export const SPEC_FEATURES = ['genesis', 'consensus', 'join', 'share-member', 'share-nonmember', 'access-log', 'catch-up', 'restart', 'data-clean', 'data-market'];

export const modelChecks: CheckDef[] = [
  {
    id: 'MOD-001/capabilities-use-spec-names',
    title: 'declared modules and features are those SPEC.md names, and a declared communication module works',
    requirements: ['MOD-001', 'MOD-002'],
    modules: MODULES,
    features: ['genesis'],
    build(ctx) {
      const { net, rec } = startedNet(ctx, { founders: 4 }, ['f0']);
      rec.mark();
      runUntil(net, 5_000, 'first commit at f0', () => view(net, 'f0').height >= 4);
      rec.observe('f0', { isMember: true, height: 4 }, 'f0 committed the first consensus block');
      const vector = rec.build({ id: this.id, title: this.title, requirements: this.requirements, requires: { modules: MODULES, features: ['genesis'] } });
      return { ...vector, capabilityVocabulary: { modules: [...SPEC_MODULES], features: SPEC_FEATURES } };
    },
  },
  {
    id: 'MOD-004/same-inputs-same-digest',
    title: 'two instances given the same treaty, keys and inputs end in the same state digest',
    requirements: ['MOD-004', 'CHAIN-013'],
    modules: MODULES,
    features: ['genesis', 'consensus'],
    build(ctx) {
      const { net, rec } = startedNet(ctx, { founders: 4 }, ['f2']);
      runUntil(net, 5_000, 'two consensus blocks at f2', () => view(net, 'f2').height >= 5);
      rec.twin('f2', 'f2-copy');
      return rec.build({ id: this.id, title: this.title, requirements: this.requirements, requires: { modules: MODULES, features: ['genesis', 'consensus'] } });
    },
  },
  {
    id: 'CHAIN-011/restart-resumes-without-resigning',
    title: 'a validator restarted with its storage resumes past its persisted round and never signs the same slot twice',
    requirements: ['CHAIN-011', 'CHAIN-010'],
    modules: MODULES,
    features: ['genesis', 'consensus', 'restart', 'catch-up'],
    build(ctx) {
      const { net, rec } = startedNet(ctx, { founders: 4 }, ['f1']);
      const held = runToProposal(net, 'f1', 5);
      const before = view(net, 'f1').consensus;
      rec.mark();
      net.restart('f1');
      net.command('f1', { type: 'start' });
      runUntil(net, 10_000, 'the restarted f1 commits past its old height', () => view(net, 'f1').height > held.height + 1);
      const slots = Array.from({ length: before.round + 1 }, (_, round) => round);
      const eventually: Eventually[] = [
        {
          node: 'f1',
          sends: { excludes: slots.flatMap((round) => ['PREVOTE', 'PRECOMMIT'].map((type) => ({ message: { type, vote: { height: held.height, round } } }))) },
          note: `no vote again at height ${held.height}, rounds ≤ ${before.round}`,
        },
        { node: 'f1', effects: { includes: [{ type: 'committed', height: held.height }] } },
      ];
      return rec.build({ id: this.id, title: this.title, requirements: this.requirements, requires: { modules: MODULES, features: ['genesis', 'consensus', 'restart', 'catch-up'] }, eventually });
    },
  },
  {
    id: 'CHAIN-012/agreement-with-a-crashed-validator',
    title: 'with one of four validators away, the others commit the same blocks and the absent one converges',
    requirements: ['CHAIN-012', 'CHAIN-005', 'CHAIN-006'],
    modules: MODULES,
    features: ['genesis', 'consensus', 'catch-up'],
    build(ctx) {
      const names = ['f0', 'f1', 'f2', 'f3'];
      const { net, rec } = startedNet(ctx, { founders: 4 }, names);
      rec.mark();
      net.offline.add('f0');
      runUntil(net, 20_000, 'three blocks without f0', () => view(net, 'f1').height >= 7);
      net.offline.delete('f0');
      runUntil(net, 20_000, 'f0 converges', () => names.every((n) => view(net, n).height >= 9));
      const hashes = new Map<number, Hex>();
      for (const l of net.member('f1').log) {
        if (l.result.ok) for (const e of l.result.output.effects) if (e.type === 'committed') hashes.set(e.height, e.hash);
      }
      const commits = [...hashes].filter(([h]) => h <= 9).map(([height, hash]) => ({ type: 'committed', height, hash }));
      const eventually: Eventually[] = names.map((node) => ({ node, effects: { includes: commits }, note: 'the same block at every height' }));
      return rec.build({ id: this.id, title: this.title, requirements: this.requirements, requires: { modules: MODULES, features: ['genesis', 'consensus', 'catch-up'] }, eventually });
    },
  },
];
