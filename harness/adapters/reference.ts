// The one place the harness reaches into reference-node/ (design §2, checked by scripts/).
export { createMutantFactory, referenceFactory, REFERENCE_CAPABILITIES, TreatyError, allowThreshold, commitQuorum, faultTolerance, settle } from '../../reference-node/index.js';
export type { Mutations } from '../../reference-node/index.js';
// S2 data-processing module (cleaning functions, createDataModule, parsing).
export * from '../../reference-node/data/index.js';
