// Portable conformance vectors (docs/conformance-vectors.md): plain JSON that any runner can
// replay against any implementation. A vector = the nodes to create (treaty built from
// deterministic keys), a pre-state to replay, the steps under test and the expected digests.

import type { Hex, Input, Module, NodeConfig, SecondaryRecord } from '../../contract/index.js';
import type { DataOp } from '../adapters/adapter.js';

export const VECTOR_FORMAT = 'raa-bench/conformance-vector';
export const VECTOR_FORMAT_VERSION = 1;

export interface VectorNode {
  readonly name: string;
  /** The implementation must refuse to create this node (e.g. an invalid treaty, SPEC MEMB-001). */
  readonly rejectsConfig?: boolean;
  /** Ed25519 secret key, hex (from protocol deriveKeyPair, recorded so other languages need no KDF). */
  readonly secretKey: Hex;
  readonly publicKey: Hex;
  readonly rngSeed: number;
  readonly config: NodeConfig;
  readonly sharing?: readonly SecondaryRecord[];
}

/** Patterns over a list (effects, sends): each `includes` pattern matches some item, no item matches an `excludes` one. */
export interface ListExpectation {
  readonly includes?: readonly unknown[];
  readonly excludes?: readonly unknown[];
}

export interface StepExpectation {
  /** 'ok', 'error' (any code) or error codes joined by '|' where the spec allows either. */
  readonly result?: string;
  /** The node's digest must be the same before and after the step (ERR family). */
  readonly unchanged?: boolean;
  readonly effects?: ListExpectation;
  readonly sends?: ListExpectation;
  /** Partial NodeStateView after the step. */
  readonly query?: unknown;
  /** Partial result of a data operation. */
  readonly data?: unknown;
}

/** A step with neither `input` nor `data` only observes (its `expect.query` is checked). */
export interface Step {
  readonly node: string;
  readonly nowMs: number;
  readonly input?: Input;
  readonly data?: DataOp;
  /** The node crashes and restarts with its storage kept (SPEC CHAIN-011). */
  readonly restart?: true;
  readonly expect?: StepExpectation;
  /** Why this step is here (shown in failure messages). */
  readonly note?: string;
}

/** Effects or sends that must appear in some step's output for `node` (the spec does not fix which step). */
export interface Eventually {
  readonly node: string;
  readonly effects?: ListExpectation;
  readonly sends?: ListExpectation;
  readonly note?: string;
}

export interface VectorRequires {
  readonly modules: readonly Module[];
  readonly features: readonly string[];
}

export interface Vector {
  readonly format: typeof VECTOR_FORMAT;
  readonly version: number;
  readonly id: string;
  readonly title: string;
  readonly requirements: readonly string[];
  readonly requires: VectorRequires;
  readonly nodes: readonly VectorNode[];
  readonly preState: readonly Step[];
  readonly steps: readonly Step[];
  readonly eventually: readonly Eventually[];
  /** When present, the declared capabilities must use only these names (SPEC MOD-001). */
  readonly capabilityVocabulary?: VectorRequires;
  /** Each node's chain head after the pre-state (localises a divergence) and after the steps: every implementation computes these identically (SPEC §9). */
  readonly preStateHeads: Readonly<Record<string, Head>>;
  readonly expectedHeads: Readonly<Record<string, Head>>;
  /** Pairs of nodes whose state digests must be equal after the steps (SPEC MOD-004). */
  readonly sameDigest: readonly (readonly [string, string])[];
  /**
   * State digests as the recording implementation computes them. Digests are implementation-
   * specific (SPEC CHAIN-013), so they are compared only when the implementation under test has
   * the name in `digestsOf` (or is a variant `name+…` of it).
   */
  readonly digestsOf: string;
  readonly preStateDigests: Readonly<Record<string, Hex>>;
  readonly expectedDigests: Readonly<Record<string, Hex>>;
}

export interface Head {
  readonly height: number;
  readonly headHash: Hex;
}

export class VectorFormatError extends Error {
  override readonly name = 'VectorFormatError';
}

function need(cond: boolean, where: string, what: string): void {
  if (!cond) throw new VectorFormatError(`${where}: expected ${what}`);
}

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function checkStep(step: unknown, where: string, names: ReadonlySet<string>): void {
  need(isObj(step), where, 'an object');
  const s = step as Record<string, unknown>;
  need(typeof s['node'] === 'string' && names.has(s['node']), `${where}.node`, `one of the vector's node names`);
  need(Number.isSafeInteger(s['nowMs']), `${where}.nowMs`, 'an integer');
  const actions = [isObj(s['input']), isObj(s['data']), s['restart'] === true].filter(Boolean).length;
  need(actions <= 1, where, "at most one of 'input', 'data' or 'restart' (none: an observation)");
  if (s['expect'] !== undefined) need(isObj(s['expect']), `${where}.expect`, 'an object');
}

/** Checks a parsed vector's shape; `where` names the file for messages. Returns it typed. */
export function validateVector(value: unknown, where: string): Vector {
  need(isObj(value), where, 'a JSON object');
  const v = value as Record<string, unknown>;
  need(v['format'] === VECTOR_FORMAT, `${where}: format`, JSON.stringify(VECTOR_FORMAT));
  need(v['version'] === VECTOR_FORMAT_VERSION, `${where}: version`, String(VECTOR_FORMAT_VERSION));
  need(typeof v['id'] === 'string', `${where}: id`, 'a string');
  need(Array.isArray(v['requirements']), `${where}: requirements`, 'an array of SPEC IDs');
  need(isObj(v['requires']), `${where}: requires`, '{modules, features}');
  need(Array.isArray(v['nodes']) && (v['nodes'] as unknown[]).length > 0, `${where}: nodes`, 'a non-empty array');
  const names = new Set<string>();
  (v['nodes'] as unknown[]).forEach((n, i) => {
    need(isObj(n) && typeof n['name'] === 'string', `${where}: nodes[${i}].name`, 'a string');
    const node = n as Record<string, unknown>;
    need(typeof node['secretKey'] === 'string' && /^[0-9a-f]{64}$/.test(node['secretKey']), `${where}: nodes[${i}].secretKey`, '64 lowercase hex chars');
    need(Number.isSafeInteger(node['rngSeed']), `${where}: nodes[${i}].rngSeed`, 'an integer');
    need(isObj(node['config']), `${where}: nodes[${i}].config`, 'a NodeConfig object');
    names.add(node['name'] as string);
  });
  for (const key of ['preState', 'steps'] as const) {
    need(Array.isArray(v[key]), `${where}: ${key}`, 'an array of steps');
    (v[key] as unknown[]).forEach((s, i) => checkStep(s, `${where}: ${key}[${i}]`, names));
  }
  need(Array.isArray(v['eventually']), `${where}: eventually`, 'an array');
  need(isObj(v['expectedDigests']), `${where}: expectedDigests`, 'an object of node name → digest');
  need(isObj(v['expectedHeads']), `${where}: expectedHeads`, 'an object of node name → {height, headHash}');
  need(isObj(v['preStateHeads']), `${where}: preStateHeads`, 'an object of node name → {height, headHash}');
  need(Array.isArray(v['sameDigest']), `${where}: sameDigest`, 'an array of [node, node] pairs');
  need(typeof v['digestsOf'] === 'string', `${where}: digestsOf`, 'the implementation name the digests belong to');
  need(isObj(v['preStateDigests']), `${where}: preStateDigests`, 'an object of node name → digest');
  return value as unknown as Vector;
}
