// Scenario validation: the JSON Schema (scenarios/scenario.schema.json, every error, ajv
// allErrors) then cross-field rules the schema cannot say. Each problem names the key path,
// the line when the source is YAML, and what was expected.

import { readFileSync } from 'node:fs';
import { Ajv, type ErrorObject } from 'ajv';
import { isMap, isSeq, LineCounter, parseDocument, type Document } from 'yaml';

export interface ScenarioProblem {
  /** JSON-pointer-like dotted path, e.g. `network.latencyMs.min`; '' for the whole file. */
  readonly path: string;
  readonly line?: number;
  readonly expected: string;
}

export class ScenarioError extends Error {
  override readonly name = 'ScenarioError';
  constructor(
    readonly file: string,
    readonly problems: readonly ScenarioProblem[],
  ) {
    super(problems.map((p) => formatProblem(file, p)).join('\n'));
  }
}

export function formatProblem(file: string, p: ScenarioProblem): string {
  const where = p.line === undefined ? '' : `:${p.line}`;
  return `${file}${where}: ${p.path === '' ? '(top level)' : p.path}: expected ${p.expected}`;
}

const schemaUrl = new URL('../../../scenarios/scenario.schema.json', import.meta.url);
let compiled: ((data: unknown) => boolean) & { errors?: ErrorObject[] | null } = Object.assign(() => true, {});
let ready = false;

function validator() {
  if (!ready) {
    const schema = JSON.parse(readFileSync(schemaUrl, 'utf8')) as object;
    compiled = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true }).compile(schema);
    ready = true;
  }
  return compiled;
}

function pathOf(instancePath: string): string[] {
  return instancePath === '' ? [] : instancePath.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function expectation(e: ErrorObject): { extra: string | undefined; expected: string } {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required':
      return { extra: String(p.missingProperty), expected: 'this key to be present' };
    case 'additionalProperties':
      return { extra: String(p.additionalProperty), expected: 'no such key (unknown key; see docs/scenarios.md)' };
    case 'enum':
      return { extra: undefined, expected: `one of ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}` };
    case 'type':
      return { extra: undefined, expected: `a value of type ${String(p.type)}` };
    case 'minimum':
    case 'maximum':
      return { extra: undefined, expected: `a number ${e.keyword === 'minimum' ? '≥' : '≤'} ${String(p.limit)}` };
    case 'pattern':
      return { extra: undefined, expected: `a string matching ${String(p.pattern)}` };
    default:
      return { extra: undefined, expected: e.message ?? e.keyword };
  }
}

function lineOf(doc: Document | undefined, lc: LineCounter | undefined, path: readonly string[]): number | undefined {
  if (doc === undefined || lc === undefined) return undefined;
  for (let n = path.length; n >= 0; n--) {
    const node = doc.getIn(path.slice(0, n).map((k) => (/^\d+$/.test(k) ? Number(k) : k)), true) as { range?: [number, number, number] } | undefined;
    const range = node?.range;
    if (range !== undefined) return lc.linePos(range[0]).line;
    if (n === 0 && (isMap(doc.contents) || isSeq(doc.contents))) return 1;
  }
  return undefined;
}

/** Cross-field rules (the schema checks each field alone). */
function semanticProblems(s: Record<string, any>): { path: string[]; expected: string }[] {
  const out: { path: string[]; expected: string }[] = [];
  const nodes = typeof s.nodes === 'number' ? s.nodes : Infinity;
  const duration = typeof s.durationMs === 'number' ? s.durationMs : Infinity;
  const lat = s.network?.latencyMs;
  if (lat !== undefined && typeof lat.min === 'number' && typeof lat.max === 'number' && lat.min > lat.max) {
    out.push({ path: ['network', 'latencyMs', 'min'], expected: `min ≤ max (${lat.max})` });
  }
  (Array.isArray(s.faults) ? s.faults : []).forEach((f: Record<string, any>, i: number) => {
    if (typeof f?.atMs === 'number' && f.atMs >= duration) out.push({ path: ['faults', String(i), 'atMs'], expected: `a time before durationMs (${duration})` });
    if (f?.kind === 'partition' && typeof f.healAtMs === 'number' && typeof f.atMs === 'number' && f.healAtMs <= f.atMs) {
      out.push({ path: ['faults', String(i), 'healAtMs'], expected: `a time after atMs (${f.atMs})` });
    }
    if (f?.kind === 'crash') {
      if (typeof f.node === 'number' && f.node >= nodes) out.push({ path: ['faults', String(i), 'node'], expected: `a member index < nodes (${nodes}) or -1` });
      if (typeof f.restartAtMs === 'number' && f.restartAtMs >= 0 && typeof f.atMs === 'number' && f.restartAtMs <= f.atMs) {
        out.push({ path: ['faults', String(i), 'restartAtMs'], expected: `-1 or a time after atMs (${f.atMs})` });
      }
    }
  });
  (Array.isArray(s.byzantine) ? s.byzantine : []).forEach((b: Record<string, any>, i: number) => {
    (Array.isArray(b?.nodes) ? b.nodes : []).forEach((n: unknown, j: number) => {
      if (typeof n === 'number' && n >= nodes) out.push({ path: ['byzantine', String(i), 'nodes', String(j)], expected: `a member index < nodes (${nodes})` });
    });
  });
  const mixed = s.mixed?.implNodes;
  if (typeof mixed === 'number' && mixed > nodes) out.push({ path: ['mixed', 'implNodes'], expected: `at most nodes (${nodes})` });
  const joins = s.workload?.joins?.countMax;
  if (typeof joins === 'number' && joins > 10_000) out.push({ path: ['workload', 'joins', 'countMax'], expected: 'at most 10000 applicants' });
  return out;
}

/** Validates a parsed scenario object; `doc` (YAML) adds line numbers. Returns every problem. */
export function scenarioProblems(data: unknown, doc?: Document, lc?: LineCounter): ScenarioProblem[] {
  const validate = validator();
  const problems: ScenarioProblem[] = [];
  const seen = new Set<string>();
  const push = (path: string[], expected: string): void => {
    const key = `${path.join('.')}|${expected}`;
    if (seen.has(key)) return;
    seen.add(key);
    const line = lineOf(doc, lc, path);
    problems.push(line === undefined ? { path: path.join('.'), expected } : { path: path.join('.'), line, expected });
  };
  if (!validate(data)) {
    for (const e of validate.errors ?? []) {
      if (e.keyword === 'if') continue; // its then/else branch already reported the detail
      const { extra, expected } = expectation(e);
      push(extra === undefined ? pathOf(e.instancePath) : [...pathOf(e.instancePath), extra], expected);
    }
  }
  if (typeof data === 'object' && data !== null && !Array.isArray(data)) {
    for (const p of semanticProblems(data as Record<string, any>)) push(p.path, p.expected);
  }
  return problems;
}

/** Parses YAML (or JSON) text; throws ScenarioError with every problem found. */
export function parseScenarioText(text: string, file: string): unknown {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new ScenarioError(
      file,
      doc.errors.map((e) => ({ path: '', line: lc.linePos(e.pos[0]).line, expected: `valid YAML (${e.code}: ${e.message.split('\n')[0] ?? ''})` })),
    );
  }
  const data: unknown = doc.toJS({ maxAliasCount: 100 });
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new ScenarioError(file, [{ path: '', line: 1, expected: 'a mapping of scenario keys (nodes, durationMs, treaty, …)' }]);
  }
  const problems = scenarioProblems(data, doc, lc);
  if (problems.length > 0) throw new ScenarioError(file, problems);
  return data;
}
