// Broken out-of-process adapters get CRASH / TIMEOUT / ERROR with a clear message, the runner
// still produces a result for every check, never outlives its deadline and leaves no child.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ProcessAdapter } from '../../harness/adapters/process-adapter.js';
import { runVectors } from '../../harness/conformance/runner.js';
import { toyVectors } from './fixtures/toy-vectors.js';

const FAKE = new URL('./fixtures/fake-adapter.js', import.meta.url).pathname;
const vectors = toyVectors.slice(0, 2);

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}


const cases: [string, string, RegExp][] = [
  ['crash', 'CRASH', /exited with code 139; stderr: fake adapter: segfault imitation/],
  ['crash-at-hello', 'CRASH', /exited with code 3/],
  ['hang', 'TIMEOUT', /'create' \(request \d+\): no answer within 300 ms/],
  ['hang-at-hello', 'TIMEOUT', /'hello' \(request 1\): no answer within 1000 ms/],
  ['garbage', 'ERROR', /garbage on the adapter's stdout \(not JSON: "this is not json \{"\)/],
  ['wrong-id', 'ERROR', /answer with wrong id 1002 \(awaiting 2\)/],
  ['oversized', 'ERROR', /oversized frame: .*maxFrameBytes 4096/],
];

for (const [mode, status, message] of cases) {
  test(`${mode} → ${status} with a clear message, a result for every check`, async () => {
    const out = await runVectors({
      openAdapter: () => new ProcessAdapter(`node ${FAKE} ${mode}`, { requestTimeoutMs: 300, helloTimeoutMs: mode === 'hang-at-hello' ? 1_000 : 10_000, maxFrameBytes: 4096 }),
      vectors,
    });
    assert.is(out.checks.length, vectors.length);
    for (const c of out.checks) assert.is(c.status, status, `${c.id}: ${c.message ?? ''}`);
    assert.match(out.checks[0]?.message ?? '', message);
  });
}

test('a command that does not exist is CRASH, not a thrown error', async () => {
  const out = await runVectors({ openAdapter: () => new ProcessAdapter('/nonexistent/adapter --x'), vectors });
  assert.is(out.checks[0]?.status, 'CRASH');
  assert.match(out.checks[0]?.message ?? '', /exited with code 127|cannot run/);
});

test('the whole-run deadline bounds a hanging adapter, and the child is killed', async () => {
  const adapters: ProcessAdapter[] = [];
  const started = Date.now();
  const out = await runVectors({
    openAdapter: () => {
      const a = new ProcessAdapter(`node ${FAKE} hang`, { requestTimeoutMs: 60_000, deadlineAtMs: started + 700 });
      adapters.push(a);
      return a;
    },
    vectors: toyVectors,
    deadlineAtMs: started + 700,
  });
  const elapsedMs = Date.now() - started;
  assert.ok(elapsedMs < 700 + 1_500, `run took ${elapsedMs} ms`);
  assert.is(out.checks.length, toyVectors.length);
  assert.ok(out.checks.every((c) => c.status === 'TIMEOUT'), JSON.stringify(out.checks.map((c) => c.status)));
  assert.match(out.checks[0]?.message ?? '', /run deadline passed/);
  for (const a of adapters) {
    const pid = (a as unknown as { child?: { pid?: number } }).child?.pid;
    if (pid !== undefined) assert.not.ok(alive(pid), `child ${pid} still alive`);
  }
});

test('close() kills an adapter that ignores end of input and SIGTERM', async () => {
  const a = new ProcessAdapter(`node ${FAKE} ignore-term`, { requestTimeoutMs: 2_000 });
  await a.open();
  const pid = (a as unknown as { child?: { pid?: number } }).child?.pid;
  const started = Date.now();
  await a.close();
  assert.ok(Date.now() - started < 1_500);
  assert.ok(pid !== undefined && !alive(pid));
});

test.run();
