// The one harness file that imports reference-node/ (scripts/check-imports.ts).
// Data-processing (S2) re-exports; the lead merges these with the node adapter.

export * from '../../reference-node/data/index.js';
