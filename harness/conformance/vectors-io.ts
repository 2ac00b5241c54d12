// Vector directories: manifest.json (format version, requirement index, vector list with each
// file's SHA-256) plus one JSON file per vector. Loading checks every file and reports any vector
// file the manifest does not list, so a run can fail when a vector was not consumed.

import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateVector, VectorFormatError, type Vector } from './vector.js';

export const MANIFEST_FORMAT = 'raa-bench/conformance-vectors';
export const MANIFEST_VERSION = 1;

export interface ManifestEntry {
  readonly id: string;
  readonly file: string;
  readonly requirements: readonly string[];
  readonly sha256: string;
}

export interface Manifest {
  readonly format: typeof MANIFEST_FORMAT;
  readonly version: number;
  readonly specVersion: string;
  readonly generatedBy: { readonly name: string; readonly version: string };
  /** SPEC requirement → ids of the vectors that verify it. */
  readonly requirements: Readonly<Record<string, readonly string[]>>;
  readonly vectors: readonly ManifestEntry[];
}

export function vectorFileName(id: string): string {
  return `${id.replace(/[^A-Za-z0-9._-]+/g, '_')}.json`;
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export function exportVectors(
  dir: string,
  vectors: readonly Vector[],
  meta: { specVersion: string; generatedBy: { name: string; version: string } },
): Manifest {
  mkdirSync(dir, { recursive: true });
  const entries: ManifestEntry[] = [];
  const requirements: Record<string, string[]> = {};
  for (const v of vectors) {
    const file = vectorFileName(v.id);
    const text = `${JSON.stringify(v)}\n`;
    writeFileSync(join(dir, file), text);
    entries.push({ id: v.id, file, requirements: v.requirements, sha256: sha256(text) });
    for (const r of v.requirements) (requirements[r] ??= []).push(v.id);
  }
  const sorted = Object.fromEntries(Object.entries(requirements).sort(([a], [b]) => a.localeCompare(b)));
  const manifest: Manifest = { format: MANIFEST_FORMAT, version: MANIFEST_VERSION, ...meta, requirements: sorted, vectors: entries };
  writeFileSync(join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

export interface LoadedVectors {
  readonly manifest: Manifest;
  readonly vectors: readonly Vector[];
  /** JSON files in the directory that the manifest does not list (never consumed). */
  readonly unlisted: readonly string[];
}

function readJson(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new VectorFormatError(`${path}: cannot read (${(error as Error).message})`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new VectorFormatError(`${path}: not valid JSON (${(error as Error).message})`);
  }
}

export function loadVectors(dir: string): LoadedVectors {
  const manifestPath = join(dir, 'manifest.json');
  const raw = readJson(manifestPath) as Record<string, unknown> | null;
  if (!raw || raw['format'] !== MANIFEST_FORMAT) throw new VectorFormatError(`${manifestPath}: format: expected "${MANIFEST_FORMAT}"`);
  if (raw['version'] !== MANIFEST_VERSION) {
    throw new VectorFormatError(`${manifestPath}: version: expected ${MANIFEST_VERSION}, got ${JSON.stringify(raw['version'])}`);
  }
  if (!Array.isArray(raw['vectors'])) throw new VectorFormatError(`${manifestPath}: vectors: expected an array`);
  const manifest = raw as unknown as Manifest;
  const vectors = manifest.vectors.map((entry, i) => {
    if (typeof entry?.file !== 'string') throw new VectorFormatError(`${manifestPath}: vectors[${i}].file: expected a file name`);
    const path = join(dir, entry.file);
    const text = readFileSync(path, 'utf8');
    if (entry.sha256 && sha256(text) !== entry.sha256) {
      throw new VectorFormatError(`${path}: SHA-256 differs from manifest vectors[${i}].sha256 (file edited?)`);
    }
    const vector = validateVector(readJson(path), path);
    if (vector.id !== entry.id) throw new VectorFormatError(`${path}: id '${vector.id}' differs from manifest vectors[${i}].id '${entry.id}'`);
    return vector;
  });
  const listed = new Set(manifest.vectors.map((e) => e.file));
  const unlisted = readdirSync(dir).filter((f) => f.endsWith('.json') && f !== 'manifest.json' && !listed.has(f)).sort();
  return { manifest, vectors, unlisted };
}
