// The results.json JSON Schema (schemas/results.schema.json, draft 2020-12) and its validator.
// The schema also carries the metric catalogue: x-unit, x-better and x-kind annotations that
// `gate`, `compare` and the reports read (see metric-catalogue.ts).

import { readFileSync } from 'node:fs';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';

/** Repository root: this file runs from dist/harness/report/, its source is harness/report/. */
const SCHEMA_URL = new URL('../../../schemas/results.schema.json', import.meta.url);
const SOURCE_SCHEMA_URL = new URL('../../schemas/results.schema.json', import.meta.url);

export type JsonSchema = Record<string, unknown>;

let cached: { schema: JsonSchema; validate: ValidateFunction } | undefined;

function readSchema(): JsonSchema {
  for (const url of [SCHEMA_URL, SOURCE_SCHEMA_URL]) {
    try {
      return JSON.parse(readFileSync(url, 'utf8')) as JsonSchema;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  throw new Error(`results schema not found at ${SCHEMA_URL.pathname}`);
}

function load(): { schema: JsonSchema; validate: ValidateFunction } {
  if (cached) return cached;
  const schema = readSchema();
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictTuples: false, strictRequired: false });
  // Our annotations: unit, direction, kind, and figures never gated.
  ajv.addVocabulary(['x-unit', 'x-better', 'x-kind', 'x-gate', 'x-version']);
  cached = { schema, validate: ajv.compile(schema) };
  return cached;
}

export function resultsSchema(): JsonSchema {
  return load().schema;
}

/** One problem found by the schema, with the JSON key path (e.g. `metrics.cleaning.recordsPerSec`). */
export interface SchemaProblem {
  readonly path: string;
  readonly message: string;
}

/** `a.b[0]["odd key"]` from a JSON Pointer. */
export function pointerToPath(pointer: string): string {
  if (pointer === '') return '(root)';
  let out = '';
  for (const raw of pointer.slice(1).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (/^\d+$/.test(key)) out += `[${key}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(key)) out += out === '' ? key : `.${key}`;
    else out += `[${JSON.stringify(key)}]`;
  }
  return out;
}

function describe(e: ErrorObject): SchemaProblem {
  let path = e.instancePath;
  if (e.keyword === 'required') path += `/${String((e.params as { missingProperty: string }).missingProperty)}`;
  const message = e.keyword === 'required' ? 'is required' : (e.message ?? e.keyword);
  return { path: pointerToPath(path), message };
}

/** Validates a results object; returns [] when it matches the schema. */
export function validateResults(value: unknown): SchemaProblem[] {
  const { validate } = load();
  if (validate(value)) return [];
  const seen = new Set<string>();
  const problems: SchemaProblem[] = [];
  for (const e of validate.errors ?? []) {
    // anyOf/oneOf wrappers repeat their branches' errors; keep the specific ones.
    if (e.keyword === 'anyOf' || e.keyword === 'if') continue;
    const p = describe(e);
    const key = `${p.path} ${p.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      problems.push(p);
    }
  }
  return problems;
}

/** Thrown when results do not match the schema; its message names each key path. */
export class ResultsSchemaError extends Error {
  override readonly name = 'ResultsSchemaError';
  constructor(
    readonly source: string,
    readonly problems: readonly SchemaProblem[],
  ) {
    super(
      `${source} does not match schemas/results.schema.json:\n` +
        problems.map((p) => `  ${p.path}: ${p.message}`).join('\n'),
    );
  }
}
