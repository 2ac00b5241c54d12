// The runner and statuses on a toy node, in process and through the stdio adapter (ERR-001 is
// the toy vectors' nominal requirement; these tests exercise the harness, not the protocol).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { InProcessAdapter } from '../../harness/adapters/in-process.js';
import { ProcessAdapter } from '../../harness/adapters/process-adapter.js';
import { runVectors } from '../../harness/conformance/runner.js';
import { summarize } from '../../harness/conformance/summary.js';
import { parseExpectations } from '../../harness/conformance/expect-file.js';
import { explodingVector, toyVectors } from './fixtures/toy-vectors.js';
import { toyFactory } from './fixtures/toy-node.js';

const FAKE = new URL('./fixtures/fake-adapter.js', import.meta.url).pathname;
const statusOf = (checks: readonly { id: string; status: string }[]): Record<string, string> =>
  Object.fromEntries(checks.map((c) => [c.id, c.status]));

const EXPECTED = { 'toy/pass': 'PASS', 'toy/wrong-code': 'FAIL', 'toy/wrong-digest': 'FAIL', 'toy/needs-sharing': 'SKIP' };

test('in-process: PASS, FAIL (wrong code, wrong digest), SKIP for an undeclared module', async () => {
  const out = await runVectors({ openAdapter: () => new InProcessAdapter(toyFactory), vectors: toyVectors });
  assert.equal(statusOf(out.checks), EXPECTED);
  const wrong = out.checks.find((c) => c.id === 'toy/wrong-code');
  assert.match(wrong?.message ?? '', /expected ERR_REPLAY, got ERR_NOT_MEMBER/);
});

test('in-process: a node that throws is CRASH and the run goes on', async () => {
  const out = await runVectors({ openAdapter: () => new InProcessAdapter(toyFactory), vectors: [explodingVector, ...toyVectors] });
  assert.is(out.checks[0]?.status, 'CRASH');
  assert.match(out.checks[0]?.message ?? '', /toy node exploded/);
  assert.is(out.checks[1]?.status, 'PASS');
});

test('stdio adapter gives the same statuses as in-process', async () => {
  const out = await runVectors({ openAdapter: () => new ProcessAdapter(`node ${FAKE} good`), vectors: toyVectors });
  assert.equal(statusOf(out.checks), EXPECTED);
  assert.is(out.info?.implementation.name, 'toy');
});

test('--filter keeps checks by id or requirement prefix', async () => {
  const out = await runVectors({ openAdapter: () => new InProcessAdapter(toyFactory), vectors: toyVectors, filter: 'toy/wrong' });
  assert.equal(out.checks.map((c) => c.id), ['toy/wrong-code', 'toy/wrong-digest']);
  const none = await runVectors({ openAdapter: () => new InProcessAdapter(toyFactory), vectors: toyVectors, filter: 'JOIN-' });
  assert.is(none.checks.length, 0);
});

test('expectations: expected failures, unexpected passes, stale lines; coverage lists uncovered IDs', async () => {
  const out = await runVectors({ openAdapter: () => new InProcessAdapter(toyFactory), vectors: toyVectors });
  const expectations = parseExpectations('# known gaps\ntoy/wrong-* FAIL\ntoy/pass ANY # fixed?\nnope/x CRASH\n', 'x.expect');
  const s = summarize(out.info, out.checks, ['ERR-001', 'ERR-002'], expectations);
  assert.equal(s.expectedFailures, ['toy/wrong-code', 'toy/wrong-digest']);
  assert.equal(s.unexpectedFailures, []);
  assert.equal(s.unexpectedPasses, ['toy/pass']);
  assert.equal(s.staleExpectations, ['line 4: nopeCRASH'.replace('nopeCRASH', 'nope/x')]);
  assert.equal(s.uncoveredRequirements, ['ERR-002']);
  assert.equal(s.requirements['ERR-001']?.checks.length, 4);
  assert.is(s.passed + s.failed + s.skipped + s.errors, 4);
});

test('expect file errors name the file and line', () => {
  assert.throws(() => parseExpectations('toy/pass\n', 'k.expect'), /k\.expect:1: expected '<check id> <status>'/);
  assert.throws(() => parseExpectations('\ntoy/pass MAYBE\n', 'k.expect'), /k\.expect:2: status must be one of/);
});

test.run();
