// The conformance command's core (the CLI file only parses arguments and prints): resolves the
// implementation, gets the vectors (recorded from the reference node, or from a directory),
// runs them, applies expectations, optionally runs the mutant self-test and measures the
// stdio adapter's overhead. Returns the results section, junit.xml and the exit code.

import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { NodeFactory } from '../../contract/index.js';
import { SPEC_VERSION } from '../../contract/index.js';
import type { Adapter } from '../adapters/adapter.js';
import { InProcessAdapter, loadFactoryModule } from '../adapters/in-process.js';
import { ProcessAdapter } from '../adapters/process-adapter.js';
import { referenceFactory } from '../adapters/reference.js';
import { readExpectations, type Expectation } from './expect-file.js';
import { conformanceJunit } from './junit.js';
import { measureOverhead, type OverheadResult } from './overhead.js';
import { buildVectors, CHECKS } from './registry.js';
import { runVectors, selectVectors, type CheckResult } from './runner.js';
import { selfTest } from './self-test.js';
import { specRequirementIds } from './spec-ids.js';
import { summarize, type ConformanceSection } from './summary.js';
import { loadVectors } from './vectors-io.js';
import type { Vector } from './vector.js';

/** Command of the example out-of-process adapter wrapping the reference node. */
export const EXAMPLE_ADAPTER_COMMAND = `node ${fileURLToPath(new URL('../../examples/reference-adapter/main.js', import.meta.url))}`;
const SERVE_MODULE = fileURLToPath(new URL('../adapters/serve-module.js', import.meta.url));

export type ImplSpec = { readonly kind: 'reference' } | { readonly kind: 'module'; readonly path: string } | { readonly kind: 'command'; readonly command: string };

/** 'reference', a path to a compiled module (.js/.mjs) exporting a NodeFactory, or a command line. */
export function parseImpl(value: string): ImplSpec {
  if (value === 'reference') return { kind: 'reference' };
  if (/\.m?js$/.test(value) && existsSync(value)) return { kind: 'module', path: value };
  return { kind: 'command', command: value };
}

export interface ConformanceOptions {
  readonly impl: ImplSpec;
  /** Run a MODULE implementation in the harness's own process (faster; no per-request timeout). */
  readonly inProcess?: boolean;
  readonly filter?: string;
  readonly expectFile?: string;
  readonly vectorsDir?: string;
  readonly selfTest?: boolean;
  /** Measure the reference node through the stdio adapter vs in process (repeats). */
  readonly overheadRepeats?: number;
  readonly requestTimeoutMs?: number;
  /** Whole run, wall clock. */
  readonly timeoutMs?: number;
  readonly onCheck?: (result: CheckResult, index: number, total: number) => void;
  readonly log?: (line: string) => void;
  readonly signal?: AbortSignal;
}

export interface ConformanceOutcome {
  readonly section: ConformanceSection;
  readonly junit: string;
  readonly exitCode: 0 | 1 | 130;
  /** Ctrl-C stopped the run: the section holds the checks done so far. */
  readonly interrupted: boolean;
  readonly implementation: string;
  /** Lines worth printing (failures, survivors, unconsumed vectors). */
  readonly problems: readonly string[];
}

async function opener(impl: ImplSpec, inProcess: boolean, requestTimeoutMs: number, deadlineAtMs: number): Promise<() => Adapter> {
  if (impl.kind === 'reference') return () => new InProcessAdapter(referenceFactory);
  if (impl.kind === 'module' && inProcess) {
    const factory: NodeFactory = await loadFactoryModule(impl.path);
    return () => new InProcessAdapter(factory);
  }
  // A module runs in a child process by default, so its hangs and crashes are bounded too.
  const command = impl.kind === 'module' ? `node ${SERVE_MODULE} ${JSON.stringify(resolve(impl.path))}` : impl.command;
  return () => new ProcessAdapter(command, { requestTimeoutMs, deadlineAtMs, onStderr: () => undefined });
}

export async function runConformance(o: ConformanceOptions): Promise<ConformanceOutcome> {
  const log = o.log ?? (() => undefined);
  const deadlineAtMs = Date.now() + (o.timeoutMs ?? 600_000);
  const problems: string[] = [];
  let vectors: readonly Vector[];
  let unlisted: readonly string[] = [];
  let covered: Set<string>;
  if (o.vectorsDir) {
    const loaded = loadVectors(o.vectorsDir);
    vectors = loaded.vectors;
    unlisted = loaded.unlisted;
    covered = new Set(vectors.flatMap((v) => v.requirements));
    log(`loaded ${vectors.length} vectors from ${o.vectorsDir}`);
  } else {
    // Record only the checks the filter selects; coverage still counts the whole registry.
    const checks = selectVectors(CHECKS, o.filter);
    log(`recording ${checks.length} vectors from the reference node…`);
    vectors = buildVectors(referenceFactory, checks);
    covered = new Set(CHECKS.flatMap((c) => c.requirements));
  }
  const expectations: Expectation[] = o.expectFile ? readExpectations(o.expectFile) : [];
  const openAdapter = await opener(o.impl, o.inProcess ?? false, o.requestTimeoutMs ?? 10_000, deadlineAtMs);
  const run = await runVectors({
    openAdapter,
    vectors,
    ...(o.filter === undefined ? {} : { filter: o.filter }),
    deadlineAtMs,
    ...(o.onCheck ? { onCheck: o.onCheck } : {}),
    ...(o.signal ? { signal: o.signal } : {}),
  });
  const section = summarize(run.info, run.checks, specRequirementIds(), expectations, covered);
  const selected = selectVectors(vectors, o.filter);
  const consumed = new Set(run.checks.map((c) => c.id));
  const unconsumed = run.interrupted ? [] : [...selected.filter((v) => !consumed.has(v.id)).map((v) => v.id), ...unlisted.map((f) => `${f} (not in manifest.json)`)];
  if (o.vectorsDir) section['vectors'] = { dir: o.vectorsDir, total: vectors.length, selected: selected.length, consumed: consumed.size, unconsumed };
  for (const id of section.unexpectedFailures) {
    const c = run.checks.find((x) => x.id === id);
    problems.push(`${c?.status ?? '?'} ${id} [${c?.requirements.join(' ') ?? ''}]: ${c?.message ?? ''}`);
  }
  for (const id of section.unexpectedPasses) problems.push(`unexpected PASS ${id}: remove it from ${o.expectFile ?? 'the expectations file'}`);
  for (const u of unconsumed) problems.push(`vector not consumed: ${u}`);
  let mutantsOk = true;
  if (o.selfTest && !run.interrupted) {
    log('self-test: running the suite against every mutant…');
    const st = await selfTest(referenceFactory, selectVectors(vectors, o.filter), undefined, deadlineAtMs);
    section['mutants'] = st;
    mutantsOk = st.survivors.length === 0 && st.total > 0;
    for (const s of st.survivors) problems.push(`mutant survived: ${s}`);
  }
  if (o.overheadRepeats && o.overheadRepeats > 0 && !run.interrupted) {
    log(`measuring adapter overhead (${o.overheadRepeats} repeats)…`);
    const overhead: OverheadResult = await measureOverhead(selectVectors(vectors, o.filter), EXAMPLE_ADAPTER_COMMAND, o.overheadRepeats);
    section['adapterOverhead'] = overhead;
  }
  const implementation = run.info ? `${run.info.implementation.name} ${run.info.implementation.version}` : o.impl.kind === 'command' ? o.impl.command : o.impl.kind;
  section.implementation = implementation;
  section['specVersion'] = SPEC_VERSION;
  const expected = new Set(section.expectedFailures);
  const failed = section.unexpectedFailures.length > 0 || unconsumed.length > 0 || !mutantsOk;
  const exitCode = run.interrupted ? 130 : failed ? 1 : 0;
  return { section, junit: conformanceJunit(`conformance ${implementation}`, run.checks, expected), exitCode, interrupted: run.interrupted, implementation, problems };
}

export { buildVectors };
