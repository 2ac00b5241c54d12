// results.json: the one machine-readable output of every command (design §5).
// The schema (schemas/results.schema.json) is owned by the report module; every command
// fills the sections it produces and writes through `writeResults`.

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const RESULTS_SCHEMA_VERSION = '1.0.0';

export interface Results {
  schemaVersion: string;
  partial?: boolean;
  run: Record<string, unknown>;
  finalState?: { headHash: string; height: number };
  metrics?: Record<string, unknown>;
  safety?: { violations: number; details: unknown[] };
  conformance?: Record<string, unknown>;
  scenarios?: Record<string, unknown>;
  [section: string]: unknown;
}

/** Writes DIR/results.json (creating DIR) and returns its path. */
export function writeResults(dir: string, results: Results): string {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, 'results.json');
  writeFileSync(path, `${JSON.stringify(results, null, 2)}\n`);
  return path;
}
