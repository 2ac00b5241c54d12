import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { metricRows } from '../../harness/report/metric-catalogue.js';
import { readResults, RESULTS_SCHEMA_VERSION, ResultsInputError, writeResults } from '../../harness/report/results.js';
import { pointerToPath, ResultsSchemaError, resultsSchema, validateResults } from '../../harness/report/schema.js';
import { engineResults } from './fixtures/engine-results.js';
import { sampleResults } from './fixtures/sample-results.js';

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

test('the full sample results.json is schema-valid', () => {
  assert.equal(validateResults(sampleResults()), []);
});

test('the schema file and the writer agree on the schema version', () => {
  assert.is(resultsSchema()['x-version'], RESULTS_SCHEMA_VERSION);
});

test('crypto-ahead figures: withSignature is optional (earlier results stay valid baselines) but checked when present', () => {
  const r = clone(sampleResults()) as unknown as Record<string, any>;
  const counts = { submitted: 3, byWorker: 2, byMain: 1, notSubmitted: 0 };
  r.run.cryptoAhead = { threads: 1, verify: { ...counts }, sign: { ...counts } };
  assert.equal(validateResults(r), [], 'as written before withSignature existed');
  r.run.cryptoAhead.verify.withSignature = 2;
  assert.equal(validateResults(r), []);
  r.run.cryptoAhead.verify.withSignature = -1;
  assert.ok(validateResults(r).some((p) => p.path === 'run.cryptoAhead.verify.withSignature'));
});

test('a bad results object is rejected with the key path of each problem', () => {
  const bad = clone(sampleResults()) as unknown as Record<string, any>;
  bad.metrics.cleaning.recordsPerSec = 'fast';
  delete bad.finalState.headHash;
  bad.metrics.micro['sha256-1KiB:node'].opsPerSecSamples = [1, 'x'];
  bad.scenarios.smoke.metrics.votes.latencyMs.p99 = -1;
  const problems = validateResults(bad).map((p) => `${p.path}: ${p.message}`);
  assert.ok(problems.includes('metrics.cleaning.recordsPerSec: must be number'), problems.join('\n'));
  assert.ok(problems.includes('finalState.headHash: is required'), problems.join('\n'));
  assert.ok(problems.includes('metrics.micro["sha256-1KiB:node"].opsPerSecSamples[1]: must be number'), problems.join('\n'));
  assert.ok(problems.some((p) => p.startsWith('scenarios.smoke.metrics.votes.latencyMs.p99:')), problems.join('\n'));
});

test('writeResults validates: a bad object throws naming the path and never becomes results.json', () => {
  const dir = mkdtempSync(join(tmpdir(), 'raa-schema-'));
  const bad = clone(sampleResults());
  (bad.run as Record<string, unknown>)['seed'] = 1.5;
  try {
    writeResults(dir, bad);
    assert.unreachable('should have thrown');
  } catch (error) {
    assert.instance(error, ResultsSchemaError);
    assert.match((error as Error).message, 'run.seed: must be integer');
  }
  assert.not.ok(existsSync(join(dir, 'results.json')));
  assert.ok(existsSync(join(dir, 'results.invalid.json')));
});

test('writeResults then readResults round-trips (file or directory)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'raa-schema-'));
  const path = writeResults(dir, sampleResults());
  assert.equal(readResults(path), JSON.parse(readFileSync(path, 'utf8')));
  assert.equal(readResults(dir).finalState, sampleResults().finalState);
});

test('readResults names the file and line of broken JSON', () => {
  const dir = mkdtempSync(join(tmpdir(), 'raa-schema-'));
  const file = join(dir, 'broken.json');
  writeResults(dir, sampleResults());
  writeText(file, '{\n  "schemaVersion": "1.0.0",\n  oops\n}\n');
  assert.throws(() => readResults(file), (e: unknown) => e instanceof ResultsInputError && /broken\.json:3: not valid JSON/.test((e as Error).message));
  assert.throws(() => readResults(join(dir, 'missing.json')), (e: unknown) => e instanceof ResultsInputError && /missing\.json: cannot read/.test((e as Error).message));
});

test('every numeric figure of the sample has a unit, a direction and a kind', () => {
  const unannotated = metricRows(sampleResults()).filter((r) => r.kind === 'unannotated' || r.unit === '');
  assert.equal(unannotated.map((r) => r.path), []);
});

test('samples ride beside their figure and are not metrics themselves', () => {
  const rows = metricRows(sampleResults());
  const cleaning = rows.find((r) => r.path === 'metrics.cleaning.recordsPerSec');
  assert.is(cleaning?.samples?.length, 5);
  assert.is(cleaning?.better, 'higher');
  assert.is(cleaning?.kind, 'wall-clock');
  assert.not.ok(rows.some((r) => r.path.endsWith('Samples')));
  assert.is(rows.find((r) => r.path === 'finalState.headHash')?.kind, 'deterministic');
});

test("the scenario engine's results shape validates and every figure in it is annotated", () => {
  assert.equal(validateResults(engineResults()), []);
  const rows = metricRows(engineResults());
  assert.equal(rows.filter((r) => r.kind === 'unannotated').map((r) => r.path), []);
  const allowed = rows.find((r) => r.path === 'metrics.votes.latencyMs.byOutcome.allowed.p99');
  assert.equal([allowed?.unit, allowed?.better, allowed?.kind], ['ms (virtual)', 'lower', 'deterministic']);
  assert.is(rows.find((r) => r.path === 'liveness.violations')?.better, 'lower');
});

test('pointerToPath renders odd keys and indices', () => {
  assert.is(pointerToPath('/metrics/micro/a:b~1c/opsPerSecSamples/2'), 'metrics.micro["a:b/c"].opsPerSecSamples[2]');
  assert.is(pointerToPath(''), '(root)');
});

function writeText(file: string, text: string): void {
  writeFileSync(file, text);
}

test.run();
