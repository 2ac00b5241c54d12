// Runs one vector against one adapter and says PASS / FAIL / SKIP (adapter failures propagate
// as AdapterFailure and become CRASH / TIMEOUT / ERROR in the runner).

import type { Capabilities, Effect, HandleResult, Outgoing } from '../../contract/index.js';
import { AdapterFailure, type Adapter, type AdapterInfo, type InstanceSpec } from '../adapters/adapter.js';
import { listMismatch, mismatch, resultMatches } from './match.js';
import type { Head, Step, Vector } from './vector.js';

export type Status = 'PASS' | 'FAIL' | 'ERROR' | 'TIMEOUT' | 'CRASH' | 'SKIP';
export const STATUSES: readonly Status[] = ['PASS', 'FAIL', 'ERROR', 'TIMEOUT', 'CRASH', 'SKIP'];

export interface Verdict {
  readonly status: Status;
  readonly message?: string;
}

/** Capabilities a vector needs that the implementation does not declare (→ SKIP, never FAIL). */
export function missingCapabilities(vector: Vector, caps: Capabilities): string[] {
  return [
    ...vector.requires.modules.filter((m) => !caps.modules.includes(m)).map((m) => `module '${m}'`),
    ...vector.requires.features.filter((f) => !caps.features.includes(f)).map((f) => `feature '${f}'`),
  ];
}

class Failed extends Error {}

function where(kind: string, index: number, step: Step): string {
  const what = step.input ? step.input.type : step.data ? `data.${step.data.op}` : step.restart ? 'restart' : 'observe';
  return `${kind}[${index}] (${step.node}, ${what}${step.note ? `: ${step.note}` : ''})`;
}

function resultOf(r: HandleResult): string {
  if (typeof r !== 'object' || r === null || typeof (r as { ok?: unknown }).ok !== 'boolean') {
    throw new AdapterFailure('ERROR', `malformed HandleResult ${JSON.stringify(r).slice(0, 80)}`);
  }
  return r.ok ? 'ok' : r.error.code;
}

/** Digests are implementation-specific (SPEC CHAIN-013): compare them only within one implementation. */
export function digestsComparable(vector: Vector, implementation: string): boolean {
  return implementation === vector.digestsOf || implementation.startsWith(`${vector.digestsOf}+`);
}

export async function executeVector(adapter: Adapter, info: AdapterInfo, vector: Vector, prefix: string): Promise<Verdict> {
  const caps = info.capabilities;
  const ownDigests = digestsComparable(vector, info.implementation.name);
  const missing = missingCapabilities(vector, caps);
  if (missing.length > 0) return { status: 'SKIP', message: `implementation does not declare ${missing.join(', ')}` };
  const vocabulary = vector.capabilityVocabulary;
  if (vocabulary) {
    const unknown = [...caps.modules.filter((m) => !vocabulary.modules.includes(m)), ...caps.features.filter((f) => !vocabulary.features.includes(f))];
    if (unknown.length > 0) return { status: 'FAIL', message: `capabilities name unknown modules/features: ${unknown.join(', ')}` };
  }
  const instance = (name: string): string => `${prefix}/${name}`;
  const created: string[] = [];
  const outputs = new Map<string, { effects: Effect[]; sends: Outgoing[] }>();
  try {
    for (const node of vector.nodes) {
      const spec = { instance: instance(node.name), config: node.config, secretKey: node.secretKey, rngSeed: node.rngSeed };
      if (node.rejectsConfig) {
        await expectRefusal(adapter, node.sharing ? { ...spec, sharing: node.sharing } : spec, node.name);
        continue;
      }
      const { publicKey } = await adapter.create(node.sharing ? { ...spec, sharing: node.sharing } : spec);
      created.push(spec.instance);
      if (publicKey !== node.publicKey) throw new Failed(`node ${node.name}: public key ${publicKey}, expected ${node.publicKey}`);
      outputs.set(node.name, { effects: [], sends: [] });
    }
    for (const [i, step] of vector.preState.entries()) {
      const { actual, result } = await apply(adapter, instance(step.node), step);
      const expected = step.expect?.result;
      if (expected !== undefined && (expected === 'ok') !== (actual === 'ok')) {
        const detail = result && !result.ok ? `: ${result.error.message}` : '';
        throw new Failed(`pre-state diverged at ${where('preState', i, step)}: expected ${expected}, got ${actual}${detail}`);
      }
    }
    await compareHeads(adapter, vector, vector.preStateHeads, instance, 'after the pre-state');
    if (ownDigests) await compareDigests(adapter, vector, vector.preStateDigests, instance, 'after the pre-state');
    for (const [i, step] of vector.steps.entries()) {
      await runStep(adapter, instance(step.node), step, where('steps', i, step), outputs.get(step.node));
    }
    for (const ev of vector.eventually) {
      const out = outputs.get(ev.node) ?? { effects: [], sends: [] };
      const problem =
        (ev.effects && listMismatch('effect', out.effects, ev.effects)) ?? (ev.sends && listMismatch('sent message', out.sends, ev.sends));
      if (problem) throw new Failed(`over the steps of ${ev.node}${ev.note ? ` (${ev.note})` : ''}: ${problem}`);
    }
    await compareHeads(adapter, vector, vector.expectedHeads, instance, 'after the steps');
    if (ownDigests) await compareDigests(adapter, vector, vector.expectedDigests, instance, 'after the steps');
    for (const [a, b] of vector.sameDigest) {
      const [da, db] = [await adapter.digest(instance(a)), await adapter.digest(instance(b))];
      if (da !== db) throw new Failed(`${a} and ${b} handled the same inputs but their digests differ (${da.slice(0, 12)}… vs ${db.slice(0, 12)}…)`);
    }
    return { status: 'PASS' };
  } catch (error) {
    if (error instanceof Failed) return { status: 'FAIL', message: error.message };
    throw error;
  } finally {
    for (const id of created) await adapter.destroy(id).catch(() => undefined);
  }
}

/** create must fail (CRASH or ERROR from the adapter: the node refused its config); TIMEOUT still propagates. */
async function expectRefusal(adapter: Adapter, spec: InstanceSpec, name: string): Promise<void> {
  try {
    await adapter.create(spec);
  } catch (error) {
    if (error instanceof AdapterFailure && error.kind !== 'TIMEOUT') return;
    throw error;
  }
  await adapter.destroy(spec.instance).catch(() => undefined);
  throw new Failed(`node ${name}: created from a config the spec says must be refused`);
}

async function apply(adapter: Adapter, id: string, step: Step): Promise<{ actual: string; result?: HandleResult; data?: unknown }> {
  if (step.input) {
    const result = await adapter.apply(id, step.input, step.nowMs);
    return { actual: resultOf(result), result };
  }
  if (step.data) return { actual: 'ok', data: await adapter.data(id, step.data) };
  if (step.restart) {
    await adapter.restart(id);
    return { actual: 'ok' };
  }
  return { actual: 'ok' }; // an observation step
}

async function runStep(
  adapter: Adapter,
  id: string,
  step: Step,
  at: string,
  sink: { effects: Effect[]; sends: Outgoing[] } | undefined,
): Promise<void> {
  const ex = step.expect ?? {};
  const before = ex.unchanged ? await adapter.digest(id) : undefined;
  const { actual, result, data } = await apply(adapter, id, step);
  if (ex.result !== undefined && !resultMatches(ex.result, actual)) {
    const detail = result && !result.ok ? ` (${result.error.message})` : '';
    throw new Failed(`${at}: expected ${ex.result}, got ${actual}${detail}`);
  }
  const effects = result?.ok ? [...result.output.effects] : [];
  const sends = result?.ok ? [...result.output.send] : [];
  sink?.effects.push(...effects);
  sink?.sends.push(...sends);
  if (before !== undefined) {
    const after = await adapter.digest(id);
    if (after !== before) throw new Failed(`${at}: state digest changed (${before.slice(0, 12)}… → ${after.slice(0, 12)}…) on a rejected input`);
  }
  const problem =
    (ex.effects && listMismatch('effect', effects, ex.effects)) ??
    (ex.sends && listMismatch('sent message', sends, ex.sends)) ??
    (ex.data !== undefined ? mismatch(ex.data, data, 'data') : null) ??
    (ex.query !== undefined ? mismatch(ex.query, await adapter.query(id), 'query') : null);
  if (problem) throw new Failed(`${at}: ${problem}`);
}

/** Compares, node by node, an expected value with what `read` returns; `differs` explains a mismatch. */
async function compareEach<T, U>(
  vector: Vector,
  expected: Readonly<Record<string, T>>,
  read: (name: string) => Promise<U>,
  differs: (name: string, want: T, got: U) => string | null,
): Promise<void> {
  for (const node of vector.nodes) {
    const want = expected[node.name];
    if (want === undefined) continue;
    const problem = differs(node.name, want, await read(node.name));
    if (problem) throw new Failed(problem);
  }
}

function compareHeads(adapter: Adapter, vector: Vector, expected: Readonly<Record<string, Head>>, instance: (name: string) => string, when: string): Promise<void> {
  return compareEach(vector, expected, (n) => adapter.query(instance(n)), (n, want, v) =>
    v.height === want.height && v.headHash === want.headHash
      ? null
      : `${when}, ${n} is at height ${v.height} (${String(v.headHash).slice(0, 12)}…), expected ${want.height} (${want.headHash.slice(0, 12)}…)`,
  );
}

function compareDigests(adapter: Adapter, vector: Vector, expected: Readonly<Record<string, string>>, instance: (name: string) => string, when: string): Promise<void> {
  return compareEach(vector, expected, (n) => adapter.digest(instance(n)), (n, want, got) =>
    got === want ? null : `${when}, ${n}'s state digest is ${got.slice(0, 16)}…, expected ${want.slice(0, 16)}…`,
  );
}
