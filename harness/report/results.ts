// results.json: the one machine-readable output of every command (design §5).
// The schema (schemas/results.schema.json) is owned by the report module; every command
// fills the sections it produces and writes through `writeResults`, which validates first.

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ResultsSchemaError, validateResults } from './schema.js';

export const RESULTS_SCHEMA_VERSION = '1.0.0';
export const RESULTS_FILE = 'results.json';

export interface Results {
  schemaVersion: string;
  partial?: boolean;
  run: Record<string, unknown>;
  finalState?: { headHash: string; height: number };
  metrics?: Record<string, unknown>;
  safety?: { violations: number; details: unknown[]; checks?: { name: string; violations: number }[]; [key: string]: unknown };
  conformance?: Record<string, unknown>;
  scenarios?: Record<string, unknown>;
  [section: string]: unknown;
}

/**
 * Validates `results` against the schema and writes DIR/results.json (creating DIR); returns its
 * path. An invalid object is written to DIR/results.invalid.json (to debug it) and a
 * ResultsSchemaError naming each key path is thrown: no invalid results.json is ever written.
 */
export function writeResults(dir: string, results: Results): string {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, RESULTS_FILE);
  const text = `${JSON.stringify(results, null, 2)}\n`;
  // Validate the JSON form (what readers will see), not the in-memory object (undefined, NaN…).
  const problems = validateResults(JSON.parse(text));
  if (problems.length > 0) {
    writeFileSync(join(dir, 'results.invalid.json'), text);
    throw new ResultsSchemaError(path, problems);
  }
  writeFileSync(path, text);
  return path;
}

/** Input that leaves nothing usable: the message names the file and where and what was expected. */
export class ResultsInputError extends Error {
  override readonly name = 'ResultsInputError';
}

/** Reads and validates a results.json (or a directory holding one). */
export function readResults(file: string): Results {
  let text: string;
  let path = file;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EISDIR') {
      path = join(file, RESULTS_FILE);
      return readResults(path);
    }
    throw new ResultsInputError(`${file}: cannot read (${code ?? String(error)}); expected a results.json file`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const m = /position (\d+)/.exec(String(error));
    const line = m ? text.slice(0, Number(m[1])).split('\n').length : undefined;
    throw new ResultsInputError(
      `${path}${line ? `:${line}` : ''}: not valid JSON (${(error as Error).message}); expected a results.json object`,
    );
  }
  const problems = validateResults(value);
  if (problems.length > 0) {
    throw new ResultsInputError(new ResultsSchemaError(path, problems).message);
  }
  return value as Results;
}

/** The `run` section every command starts from: command, argv, commit, start time, environment. */
export function baseRun(command: string, argv: readonly string[], env: { commit: string | null }): Record<string, unknown> {
  return { command, argv: [...argv], commit: env.commit, startedAt: new Date().toISOString(), env };
}
