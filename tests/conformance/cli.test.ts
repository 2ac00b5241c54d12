// The conformance and vectors commands: files written, exit codes (0, 1 on an unexpected failure
// or an unconsumed vector, 2 on a bad expectations file). Filtered to MEMB-001 (three checks).
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { UsageError } from '../../harness/cli/command.js';
import { conformance } from '../../harness/cli/commands/conformance.js';
import { vectors } from '../../harness/cli/commands/vectors.js';
import { runConformance } from '../../harness/conformance/run-conformance.js';

const io = { stdout: (t: string) => void lines.push(t), stderr: () => undefined };
let lines: string[] = [];
const base = { impl: 'reference', selfTest: false, overhead: 0, timeoutMs: 60_000, requestTimeoutMs: 10_000, coverage: false, inProcess: false, argv: [] };

test('conformance --filter MEMB-001: results.json and junit.xml, exit 0, coverage over the whole registry', async () => {
  const out = mkdtempSync(join(tmpdir(), 'raa-conf-'));
  try {
    lines = [];
    const code = await conformance.run({ ...base, filter: 'MEMB-001', out }, io);
    assert.is(code, 0, lines.join('\n'));
    const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as { run: { command: string }; conformance: { passed: number; uncoveredRequirements: string[] } };
    assert.is(results.run.command, 'conformance');
    assert.ok(results.conformance.passed >= 3);
    assert.equal(results.conformance.uncoveredRequirements, []);
    assert.match(readFileSync(join(out, 'junit.xml'), 'utf8'), /<testcase classname="conformance.MEMB"/);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

test('an expectations file: listed passes are reported, a malformed file is a usage error (exit 2)', async () => {
  const out = mkdtempSync(join(tmpdir(), 'raa-conf-'));
  try {
    const expect = join(out, 'known.expect');
    writeFileSync(expect, 'MEMB-001/treaty-duplicate-founder FAIL\n');
    lines = [];
    assert.is(await conformance.run({ ...base, filter: 'MEMB-001', expect, out }, io), 0);
    assert.ok(lines.some((l) => l.includes('unexpected PASS MEMB-001/treaty-duplicate-founder')));
    writeFileSync(expect, 'MEMB-001/treaty-duplicate-founder SOMETIMES\n');
    await conformance.run({ ...base, filter: 'MEMB-001', expect, out }, io).then(
      () => assert.unreachable('expected a UsageError'),
      (error: unknown) => {
        assert.instance(error, UsageError);
        assert.match((error as Error).message, /known\.expect:1: status must be one of/);
      },
    );
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

test('vectors export, then conformance --vectors: exit 0; a stray vector file makes it exit 1', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'raa-vec-'));
  try {
    lines = [];
    assert.is(await vectors.run({ dir, argv: [] }, io), 0);
    assert.ok(existsSync(join(dir, 'manifest.json')));
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { vectors: unknown[] };
    assert.ok(manifest.vectors.length >= 50, `${manifest.vectors.length} vectors`);
    const out = join(dir, 'out');
    assert.is(await conformance.run({ ...base, vectors: dir, filter: 'MEMB-001', out }, io), 0, lines.join('\n'));
    writeFileSync(join(dir, 'extra.json'), '{}');
    lines = [];
    assert.is(await conformance.run({ ...base, vectors: dir, filter: 'MEMB-001', out }, io), 1);
    assert.ok(lines.some((l) => l.includes('vector not consumed: extra.json')));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a MODULE implementation runs in its own process: a node that spins forever is a TIMEOUT, the run ends', async () => {
  const path = new URL('./fixtures/hang-node.js', import.meta.url).pathname;
  const started = Date.now();
  const outcome = await runConformance({ impl: { kind: 'module', path }, filter: 'ERR-001/unknown-message-type', requestTimeoutMs: 500, timeoutMs: 20_000 });
  assert.ok(Date.now() - started < 15_000);
  assert.is(outcome.exitCode, 1);
  assert.equal(outcome.section.checks.map((c) => c.status), ['TIMEOUT']);
  assert.match(outcome.section.checks[0]?.message ?? '', /'apply' \(request \d+\): no answer within 500 ms/);
});

test.run();
