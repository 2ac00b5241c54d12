import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Results } from '../../harness/report/results.js';
import { validateResults } from '../../harness/report/schema.js';
import { summaryLines } from '../../harness/report/summary.js';
import { assembleSuite } from '../../harness/suite/assemble.js';
import { SAMPLE_HEAD_HASH, sampleResults } from './fixtures/sample-results.js';

const sample = sampleResults() as any;
const scenario = (name: string): Results => ({
  schemaVersion: '1.0.0',
  ...sample.scenarios[name],
  run: { ...sample.scenarios[name].run, scenario: { name, nodes: sample.scenarios[name].run.nodes } },
});

test('the suite results: city is the headline, every scenario under scenarios, other sections merged', () => {
  const r = assembleSuite({ command: 'suite', argv: ['suite'] }, [
    { kind: 'conformance', name: 'conformance', results: { schemaVersion: '1.0.0', run: { command: 'conformance' }, conformance: sample.conformance } },
    { kind: 'scenario', name: 'smoke', results: scenario('smoke') },
    { kind: 'scenario', name: 'city', results: scenario('city') },
    { kind: 'cleaning', name: 'cleaning', results: { schemaVersion: '1.0.0', run: { command: 'bench cleaning' }, metrics: { cleaning: sample.metrics.cleaning } } },
    { kind: 'micro', name: 'micro', results: { schemaVersion: '1.0.0', run: { command: 'bench micro' }, metrics: { micro: sample.metrics.micro } } },
  ]);
  assert.equal(validateResults(r), []);
  assert.is(r.finalState?.headHash, SAMPLE_HEAD_HASH);
  assert.is(r.run['seed'], 1);
  assert.equal(Object.keys(r.scenarios ?? {}), ['smoke', 'city']);
  assert.equal(Object.keys(r.metrics ?? {}).sort(), ['chain', 'cleaning', 'micro', 'sim', 'votes']);
  assert.is((r.conformance as { passed: number }).passed, 3);
  const summary = summaryLines(r).join('\n');
  assert.match(summary, SAMPLE_HEAD_HASH);
  assert.match(summary, /cleaning records\/s\s+7,100,000 \(duckdb 6,900,000\)/);
});

test('a partial stage makes the suite partial', () => {
  const r = assembleSuite({ command: 'suite' }, [{ kind: 'micro', name: 'micro', results: { schemaVersion: '1.0.0', partial: true, run: { command: 'bench micro' }, metrics: { micro: sample.metrics.micro } } }]);
  assert.is(r.partial, true);
  assert.equal(validateResults(r), []);
});

test.run();
