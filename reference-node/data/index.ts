// The node's S2 data-processing module: parse/validate, dedupe, validity rules, hourly
// aggregation with completeness, labels, and the sharing query by label.

export * from './params.js';
export * from './columns.js';
export * from './rules.js';
export * from './grid.js';
export * from './hourly.js';
export * from './clean.js';
export * from './sorted.js';
export * from './labels.js';
export * from './bids.js';
export * from './time.js';
export * from './parse.js';
export * from './module.js';
