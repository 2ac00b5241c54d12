// The contract module: dependency-free, imported by the reference node and by the harness.
export * from './types.js';
export * from './errors.js';
export * from './limits.js';
export * from './node.js';
export * from './data.js';
export { SPEC_VERSION } from './version.js';
