// The one place the harness reaches into reference-node/ (design §2, checked by scripts/).
export { referenceFactory, REFERENCE_CAPABILITIES, TreatyError, allowThreshold, commitQuorum, faultTolerance, settle } from '../../reference-node/index.js';
