// The conformance suite on the reference node: a subset of checks recorded once, run in memory,
// exported and run from disk (same statuses), through the stdio example adapter, and against
// mutants. The full suite is `raa-bench conformance [--self-test]` (tens of seconds).
// The checks cite SPEC IDs; here the subset covers MOD-001, MEMB-001, ERR-001, JOIN-004, SHARE-004.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { InProcessAdapter } from '../../harness/adapters/in-process.js';
import { ProcessAdapter } from '../../harness/adapters/process-adapter.js';
import { referenceFactory } from '../../harness/adapters/reference.js';
import { MUTANTS } from '../../harness/conformance/mutants.js';
import { buildVectors, CHECKS } from '../../harness/conformance/registry.js';
import { EXAMPLE_ADAPTER_COMMAND } from '../../harness/conformance/run-conformance.js';
import { runVectors } from '../../harness/conformance/runner.js';
import { selfTest } from '../../harness/conformance/self-test.js';
import { specRequirementIds } from '../../harness/conformance/spec-ids.js';
import { exportVectors, loadVectors } from '../../harness/conformance/vectors-io.js';
import type { Vector } from '../../harness/conformance/vector.js';

const SUBSET = ['MOD-001/', 'MEMB-001/', 'ERR-001/', 'JOIN-004/majority-tie-rejected', 'SHARE-004/', 'ERR-006/proposal-bad-signature'];
const checks = CHECKS.filter((c) => SUBSET.some((p) => c.id.startsWith(p)));
let vectors: Vector[] = [];
const statuses = (cs: readonly { id: string; status: string }[]): Record<string, string> => Object.fromEntries(cs.map((c) => [c.id, c.status]));

test.before(() => {
  vectors = buildVectors(referenceFactory, checks);
});

test('the registry: ≥ 50 checks, unique ids, every SPEC requirement has one, every check cites SPEC IDs', () => {
  assert.ok(CHECKS.length >= 50, `${CHECKS.length} checks`);
  assert.is(new Set(CHECKS.map((c) => c.id)).size, CHECKS.length);
  const covered = new Set(CHECKS.flatMap((c) => c.requirements));
  const spec = specRequirementIds();
  assert.ok(spec.length > 30, 'SPEC.md lists its requirements');
  assert.equal(spec.filter((id) => !covered.has(id)), []);
  for (const c of CHECKS) assert.ok(c.requirements.length > 0 && c.requirements.every((r) => /^[A-Z]+-\d{3}$/.test(r)), c.id);
});

test('recording is deterministic: the same vector twice', () => {
  const again = buildVectors(referenceFactory, checks.slice(0, 3));
  assert.equal(JSON.stringify(again), JSON.stringify(vectors.slice(0, 3)));
});

test('the reference node passes every check in memory', async () => {
  const out = await runVectors({ openAdapter: () => new InProcessAdapter(referenceFactory), vectors });
  for (const c of out.checks) assert.is(c.status, 'PASS', `${c.id}: ${c.message ?? ''}`);
});

test('exported vectors run from disk give the same results as in memory; a stray file is reported', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'raa-vectors-'));
  try {
    const manifest = exportVectors(dir, vectors, { specVersion: '1.0.0', generatedBy: referenceFactory.implementation });
    assert.is(manifest.vectors.length, vectors.length);
    assert.ok((manifest.requirements['ERR-001']?.length ?? 0) > 0);
    const loaded = loadVectors(dir);
    assert.equal(loaded.unlisted, []);
    const mem = await runVectors({ openAdapter: () => new InProcessAdapter(referenceFactory), vectors });
    const disk = await runVectors({ openAdapter: () => new InProcessAdapter(referenceFactory), vectors: loaded.vectors });
    assert.equal(statuses(disk.checks), statuses(mem.checks));
    writeFileSync(join(dir, 'stray.json'), '{}');
    assert.equal(loadVectors(dir).unlisted, ['stray.json']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a vector file edited by hand is refused with its path and what was expected', () => {
  const dir = mkdtempSync(join(tmpdir(), 'raa-vectors-'));
  try {
    const manifest = exportVectors(dir, vectors.slice(0, 1), { specVersion: '1.0.0', generatedBy: referenceFactory.implementation });
    const file = join(dir, manifest.vectors[0]!.file);
    writeFileSync(file, readFileSync(file, 'utf8').replace('"steps":', '"stepz":'));
    assert.throws(() => loadVectors(dir), /SHA-256 differs from manifest vectors\[0\]/);
    const m = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { vectors: { sha256?: string }[] };
    delete m.vectors[0]!.sha256;
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify(m));
    assert.throws(() => loadVectors(dir), /: steps: expected an array of steps/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('through the stdio example adapter: the same statuses', async () => {
  const some = vectors.filter((v) => v.id.startsWith('ERR-001/') || v.id.startsWith('MEMB-001/'));
  const out = await runVectors({ openAdapter: () => new ProcessAdapter(EXAMPLE_ADAPTER_COMMAND), vectors: some });
  assert.ok(out.checks.length >= 5);
  for (const c of out.checks) assert.is(c.status, 'PASS', `${c.id}: ${c.message ?? ''}`);
});

test('the Python example adapter declares nothing: every check is SKIP', async () => {
  const python = new URL('../../../examples/python-adapter/adapter.py', import.meta.url).pathname;
  const out = await runVectors({ openAdapter: () => new ProcessAdapter(`python3 ${python}`), vectors });
  assert.is(out.info?.implementation.name, 'python-minimal');
  for (const c of out.checks) assert.is(c.status, 'SKIP', `${c.id}: ${c.message ?? ''}`);
});

test('DATA and CLEAN checks pass on the reference node; CLEAN-012 with cleanMarket (data-market)', async () => {
  const data = buildVectors(referenceFactory, CHECKS.filter((c) => c.requirements.some((r) => r.startsWith('DATA-') || r.startsWith('CLEAN-'))));
  assert.ok(data.length >= 20);
  const out = await runVectors({ openAdapter: () => new InProcessAdapter(referenceFactory), vectors: data });
  for (const c of out.checks) assert.is(c.status, 'PASS', `${c.id}: ${c.message ?? ''}`);
  const plain = await runVectors({ openAdapter: () => new InProcessAdapter(referenceFactory), vectors: data.filter((v) => v.id.startsWith('CLEAN-012')) });
  assert.is(plain.checks[0]?.status, referenceFactory.capabilities.features.includes('data-market') ? 'PASS' : 'SKIP');
});

test('mutants: each is killed, and by the checks aimed at it', async () => {
  const picked = MUTANTS.filter((m) => ['always-ok', 'signatures-unchecked', 'tie-counted-wrong', 'served-without-decision'].includes(m.name));
  const st = await selfTest(referenceFactory, vectors, picked);
  assert.is(st.total, 4);
  assert.equal(st.survivors, []);
  const by = Object.fromEntries(st.details.map((d) => [d.name, d.killedBy]));
  assert.ok(by['tie-counted-wrong']?.includes('JOIN-004/majority-tie-rejected'));
  assert.ok(by['served-without-decision']?.includes('SHARE-004/non-member-answered-pending'));
  assert.ok(by['signatures-unchecked']?.includes('ERR-006/proposal-bad-signature'));
});

test.run();
