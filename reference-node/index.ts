// The reference implementation of the RAA protocol (SPEC.md), as a NodeFactory.

import type { Capabilities, NodeConfig, NodeEnv, NodeFactory, NodeUnderTest } from '../contract/index.js';
import type { Mutations } from './mutations.js';
import { ReferenceNode } from './node.js';

export const REFERENCE_CAPABILITIES: Capabilities = {
  modules: ['data-processing', 'communication', 'sharing'],
  features: ['data-clean', 'data-market', 'genesis', 'consensus', 'join', 'share-member', 'share-nonmember', 'access-log', 'catch-up', 'restart'],
};

export const referenceFactory: NodeFactory = {
  implementation: { name: 'raa-reference', version: '0.1.0' },
  capabilities: REFERENCE_CAPABILITIES,
  create(config: NodeConfig, env: NodeEnv): NodeUnderTest {
    return new ReferenceNode(config, env);
  },
};

/** The reference node with some rules switched off: a mutant for the conformance self-test. */
export function createMutantFactory(name: string, mutations: Mutations): NodeFactory {
  return {
    implementation: { name: `raa-reference+mutant:${name}`, version: referenceFactory.implementation.version },
    capabilities: REFERENCE_CAPABILITIES,
    create: (config, env) => new ReferenceNode(config, env, mutations),
  };
}

export { ReferenceNode };
export type { Mutations } from './mutations.js';
export { TreatyError, genesisBlocks } from './genesis.js';
export { allowThreshold, commitQuorum, faultTolerance, settle } from './decisions.js';
