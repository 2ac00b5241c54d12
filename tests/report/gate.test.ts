import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { gate } from '../../harness/report/gate.js';
import { writeResults, type Results } from '../../harness/report/results.js';
import { sampleResults } from './fixtures/sample-results.js';

const CLI = new URL('../../harness/cli/main.js', import.meta.url).pathname;
const clone = (r: Results): any => JSON.parse(JSON.stringify(r));

function cli(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const env = { ...process.env };
  delete env['GITHUB_STEP_SUMMARY'];
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env, timeout: 30_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function saved(r: Results): string {
  return writeResults(mkdtempSync(join(tmpdir(), 'raa-gate-')), r);
}

/** The baseline was 1.5× faster at cleaning: the current run regressed. */
function fasterBaseline(): Results {
  const b = clone(sampleResults());
  b.metrics.cleaning.recordsPerSecSamples = b.metrics.cleaning.recordsPerSecSamples.map((x: number) => x * 1.5);
  b.metrics.cleaning.recordsPerSec *= 1.5;
  return b;
}

test('gate passes a run against itself (CLI exit 0)', () => {
  const file = saved(sampleResults());
  const r = cli('gate', '--baseline', file, '--current', file);
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stdout, '**PASS**: 0 regression(s)');
});

test('gate fails (exit 1, naming the metric) when the baseline cleaning samples are all 1.5× higher', () => {
  const dir = mkdtempSync(join(tmpdir(), 'raa-gate-'));
  const summary = join(dir, 'summary.md');
  const stepSummary = join(dir, 'step-summary.md');
  writeFileSync(stepSummary, 'before\n');
  const r = spawnSync(process.execPath, [CLI, 'gate', '--baseline', saved(fasterBaseline()), '--current', saved(sampleResults()), '--summary', summary], {
    encoding: 'utf8',
    env: { ...process.env, GITHUB_STEP_SUMMARY: stepSummary },
  });
  assert.is(r.status, 1, r.stderr);
  assert.match(r.stdout, /\| metrics\.cleaning\.recordsPerSec \| wall-clock \| records\/s \| higher \|.*regression/);
  assert.match(readFileSync(summary, 'utf8'), '### All metrics');
  assert.match(readFileSync(stepSummary, 'utf8'), /^before\n## raa-bench gate/);
});

test('gate refuses mismatched seeds (exit 2) unless --force', () => {
  const other = clone(sampleResults());
  other.run.seed = 2;
  const a = saved(sampleResults());
  const b = saved(other);
  const refused = cli('gate', '--baseline', b, '--current', a);
  assert.is(refused.code, 2);
  assert.match(refused.stderr, 'run.seed: baseline 2 ≠ current 1');
  assert.is(cli('gate', '--baseline', b, '--current', a, '--force').code, 0);
});

test('gate refuses differing scenario, implementation, schema version and partial runs', () => {
  const base = sampleResults();
  const variants: [string, (r: any) => void][] = [
    ['run.scenario', (r) => (r.run.scenario = { name: 'region', nodes: 10_000 })],
    ['run.implementation', (r) => (r.run.implementation = 'other')],
    ['schemaVersion', (r) => (r.schemaVersion = '1.1.0')],
    ['partial', (r) => (r.partial = true)],
  ];
  for (const [key, change] of variants) {
    const c = clone(base);
    change(c);
    assert.equal(gate(base, c).refused.map((d) => d.key), [key]);
  }
});

test('gate warns when environments differ but still gates', () => {
  const c = clone(sampleResults());
  c.run.env.cpuModel = 'Other CPU';
  const report = gate(sampleResults(), c);
  assert.equal(report.refused, []);
  assert.ok(report.warnings.some((w) => w.includes('cpuModel: Sample CPU @ 2.00GHz ≠ Other CPU')), report.warnings.join('\n'));
});

test('deterministic figures are compared exactly: a changed head hash fails, a better virtual figure is an improvement', () => {
  const c = clone(sampleResults());
  c.finalState.headHash = 'bb'.repeat(32);
  c.metrics.votes.latencyMs.p99 -= 1;
  const report = gate(sampleResults(), c);
  assert.equal(report.regressions.map((r) => [r.path, r.verdict]), [['finalState.headHash', 'changed']]);
  assert.equal(report.improvements.map((r) => r.path), ['metrics.votes.latencyMs.p99']);
});

test('wall-clock: noise, a change below the threshold, too few samples and figures without samples are not failures', () => {
  const c = clone(sampleResults());
  const s = (xs: number[]) => xs;
  c.metrics.cleaning.recordsPerSecSamples = s([7_300_000, 6_800_000, 7_150_000, 6_950_000, 7_400_000]); // overlapping
  c.metrics.cleaning.mbPerSecSamples = c.metrics.cleaning.mbPerSecSamples.map((x: number) => x * 0.97); // -3%
  c.metrics.micro['ed25519-sign:node'].opsPerSecSamples = [1, 1, 1, 1]; // 4 samples: not gated
  c.metrics.sim.eventsPerSec = 1; // no samples: shown, not gated
  const report = gate(sampleResults(), c);
  assert.equal(report.regressions, []);
  const verdict = (p: string) => report.rows.find((r) => r.path === p)?.verdict;
  assert.is(verdict('metrics.cleaning.recordsPerSec'), 'not significant');
  assert.is(verdict('metrics.micro["ed25519-sign:node"].opsPerSec'), 'not gated');
  assert.is(verdict('metrics.sim.eventsPerSec'), 'not gated');
});

test('significant improvements are listed; a lower-is-better figure regresses upwards', () => {
  const report = gate(fasterBaseline(), sampleResults());
  assert.equal(report.regressions.map((r) => r.path), ['metrics.cleaning.recordsPerSec']);
  const reverse = gate(sampleResults(), fasterBaseline());
  assert.equal(reverse.regressions, []);
  assert.equal(reverse.improvements.map((r) => r.path), ['metrics.cleaning.recordsPerSec']);
});

test('a machine that got slower for the whole run is named as the likely cause', () => {
  const slow = clone(sampleResults());
  for (const t of Object.values(slow.metrics.micro) as { opsPerSecSamples: number[] }[]) t.opsPerSecSamples = t.opsPerSecSamples.map((x) => x * 0.6);
  slow.metrics.cleaning.recordsPerSecSamples = slow.metrics.cleaning.recordsPerSecSamples.map((x: number) => x * 0.6);
  const report = gate(sampleResults(), slow);
  assert.ok(report.regressions.length > 0);
  assert.ok(report.warnings.some((w) => /7 of 8 sampled wall-clock figures are slower .*machine's speed likely changed/.test(w)), report.warnings.join('\n'));
  assert.not.ok(gate(fasterBaseline(), sampleResults()).warnings.some((w) => w.includes("machine's speed")));
});

test('compare reports ratios and differing metadata and exits 0; unusable input exits 2 naming the file', () => {
  const other = clone(sampleResults());
  other.run.implementation = 'other-node';
  const r = cli('compare', saved(sampleResults()), saved(other));
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stdout, 'run.implementation: reference | other-node');
  const bad = join(mkdtempSync(join(tmpdir(), 'raa-gate-')), 'bad.json');
  writeFileSync(bad, '{"schemaVersion":"1.0.0","run":{"command":"x"},"safety":{"violations":-1,"details":[]}}');
  const broken = cli('compare', bad, bad);
  assert.is(broken.code, 2);
  assert.match(broken.stderr, /bad\.json does not match schemas\/results\.schema\.json:\n\s+safety\.violations: must be >= 0/);
});

test.run();
