// Flattens a results object into metric rows with unit, direction and kind, read from the
// schema's annotations (x-unit, x-better, x-kind, x-gate). Annotations on an object apply to the
// numbers inside it. A figure X measured repeatedly has its samples beside it as XSamples.

import type { Results } from './results.js';
import { resultsSchema, type JsonSchema } from './schema.js';

export type Better = 'higher' | 'lower' | 'equal';
export type MetricKind = 'deterministic' | 'wall-clock' | 'unannotated';

export interface MetricRow {
  /** Key path, e.g. `metrics.cleaning.recordsPerSec` or `metrics.micro["sha256:node"].opsPerSec`. */
  readonly path: string;
  readonly value: number | string;
  readonly samples?: readonly number[];
  readonly unit: string;
  readonly better: Better;
  readonly kind: MetricKind;
  /** false for figures the schema marks x-gate:false (shown, never gated). */
  readonly gateable: boolean;
}

/** Top-level sections that hold metrics (run holds identity and environment, not metrics). */
const METRIC_SECTIONS = ['finalState', 'metrics', 'safety', 'liveness', 'conformance', 'scenarios'] as const;

interface Annotations {
  unit?: string;
  better?: Better;
  kind?: Exclude<MetricKind, 'unannotated'>;
  gate?: boolean;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function deref(root: JsonSchema, schema: unknown): JsonSchema | undefined {
  if (!isObject(schema)) return undefined;
  const ref = schema['$ref'];
  if (typeof ref !== 'string') return schema;
  // Local references only: #/$defs/NAME or #/properties/NAME.
  const [, where, name] = /^#\/(\$defs|properties)\/(.+)$/.exec(ref) ?? [];
  const table = where ? (root[where] as Record<string, unknown> | undefined) : undefined;
  const target = deref(root, name ? table?.[name] : undefined);
  const { $ref: _ignored, ...siblings } = schema;
  return { ...(target ?? {}), ...siblings };
}

function annotationsOf(schema: JsonSchema | undefined, inherited: Annotations): Annotations {
  if (!schema) return inherited;
  const out: Annotations = { ...inherited };
  if (typeof schema['x-unit'] === 'string') out.unit = schema['x-unit'];
  const better = schema['x-better'];
  if (better === 'higher' || better === 'lower' || better === 'equal') out.better = better;
  const kind = schema['x-kind'];
  if (kind === 'deterministic' || kind === 'wall-clock') out.kind = kind;
  if (schema['x-gate'] === false) out.gate = false;
  return out;
}

function childSchema(root: JsonSchema, schema: JsonSchema | undefined, key: string): JsonSchema | undefined {
  if (!schema) return undefined;
  const props = schema['properties'];
  if (isObject(props) && key in props) return deref(root, props[key]);
  const extra = schema['additionalProperties'];
  return isObject(extra) ? deref(root, extra) : undefined;
}

export function pathJoin(base: string, key: string): string {
  if (/^[A-Za-z_$][\w$]*$/.test(key)) return base === '' ? key : `${base}.${key}`;
  return `${base}[${JSON.stringify(key)}]`;
}

function isSamples(v: unknown): v is number[] {
  return Array.isArray(v) && v.every((x) => typeof x === 'number');
}

/** Every metric of `results`, in document order. */
export function metricRows(results: Results): MetricRow[] {
  const root = resultsSchema();
  const rows: MetricRow[] = [];
  const walk = (value: unknown, schema: JsonSchema | undefined, ann: Annotations, path: string): void => {
    const here = annotationsOf(schema, ann);
    if (isObject(value)) {
      for (const [key, child] of Object.entries(value)) {
        if (key === 'run') continue; // a scenario's identity and environment, not metrics
        if (key.endsWith('Samples') && key.length > 7 && key.slice(0, -7) in value) continue;
        const samples = value[`${key}Samples`];
        walkLeaf(child, childSchema(root, schema, key), here, pathJoin(path, key), isSamples(samples) ? samples : undefined);
      }
    }
  };
  const walkLeaf = (
    value: unknown,
    schema: JsonSchema | undefined,
    ann: Annotations,
    path: string,
    samples: number[] | undefined,
  ): void => {
    if (isObject(value)) return walk(value, schema, ann, path);
    const here = annotationsOf(schema, ann);
    const isNumber = typeof value === 'number' && Number.isFinite(value);
    if (!isNumber && !(typeof value === 'string' && here.kind)) return;
    rows.push({
      path,
      value: value as number | string,
      ...(samples ? { samples } : {}),
      unit: here.unit ?? '',
      better: here.better ?? 'equal',
      kind: here.kind ?? 'unannotated',
      gateable: here.gate !== false && here.kind !== undefined,
    });
  };
  const rootProps = root['properties'] as Record<string, unknown>;
  for (const section of METRIC_SECTIONS) {
    if (section in results) {
      walkLeaf(results[section], deref(root, rootProps[section]), {}, section, undefined);
    }
  }
  return rows;
}
