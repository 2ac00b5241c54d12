import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { compareHtml, compareRuns } from '../../harness/report/compare.js';
import { toJunit } from '../../harness/report/junit.js';
import { writeResults, type Results } from '../../harness/report/results.js';
import { writeReports, type WrittenReports } from '../../harness/report/write-reports.js';
import { SAMPLE_HEAD_HASH, sampleResults } from './fixtures/sample-results.js';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

let dir = '';
let written: WrittenReports;

test.before(() => {
  dir = mkdtempSync(join(tmpdir(), 'raa-reports-'));
  writeResults(dir, sampleResults());
  written = writeReports(dir, sampleResults());
});

test('charts: at least 4 PNG files with a PNG signature and a real picture', () => {
  const pngs = readdirSync(join(dir, 'charts')).filter((f) => f.endsWith('.png'));
  assert.ok(pngs.length >= 4, pngs.join(','));
  for (const f of pngs) {
    const bytes = readFileSync(join(dir, 'charts', f));
    assert.ok(bytes.subarray(0, 8).equals(PNG_SIGNATURE), `${f}: not a PNG`);
    assert.ok(bytes.length > 10_000, `${f}: only ${bytes.length} bytes`);
    assert.is(bytes.readUInt32BE(16), 1000, `${f}: width`); // IHDR width
  }
});

test('report.md holds the headline figures and links the charts', () => {
  const md = readFileSync(written.markdown, 'utf8');
  assert.match(md, SAMPLE_HEAD_HASH);
  assert.match(md, '| vote latency p99 (virtual) | 871 ms |');
  assert.match(md, '| cleaning records/s | 7,100,000 records/s |');
  assert.match(md, '![Vote latency by percentile](charts/vote-latency.png)');
  assert.match(md, '| metrics.cleaning.recordsPerSec | 7,100,000 | records/s | higher | wall-clock | 5 |');
});

test('report.html is self-contained: inline images, no external URL, a CSP that forbids fetching', () => {
  const html = readFileSync(written.html, 'utf8');
  assert.match(html, SAMPLE_HEAD_HASH);
  assert.is((html.match(/<img [^>]*src="data:image\/png;base64,/g) ?? []).length, 5);
  assert.not.match(html, /(?:src|href)\s*=\s*["']?(?:https?:)?\/\//i);
  assert.not.match(html, /@import|url\(/);
  assert.match(html, "default-src 'none'");
});

test('junit.xml: conformance checks and safety checkers as test cases', () => {
  const xml = readFileSync(written.junit, 'utf8');
  assert.match(xml, '<testsuites name="raa-bench" tests="11" failures="1" errors="0" skipped="1">');
  assert.match(xml, /<testcase classname="conformance\.reference\.SHARE" name="SHARE-003\.half \[SHARE-003\]"[^>]*>\s*<failure type="FAIL" message="expected allowed, got rejected">/);
  assert.match(xml, '<testsuite name="safety.city" tests="3" failures="0"');
  assert.match(xml, '<skipped message="capability data not declared"/>');
});

test('bmf.json (Bencher Metric Format) and github-action-benchmark files', () => {
  const bmf = JSON.parse(readFileSync(written.bmf, 'utf8')) as Record<string, Record<string, { value: number; lower_value?: number; upper_value?: number }>>;
  assert.equal(bmf['metrics.cleaning']?.['records-per-sec'], { value: 7_100_000, lower_value: 6_990_000, upper_value: 7_180_000 });
  assert.is(bmf['metrics.micro["sha256-1KiB:node"]']?.['ops-per-sec']?.value, 610_000);
  const bigger = JSON.parse(readFileSync(written.githubActionBenchmark[0]!, 'utf8')) as { name: string; unit: string; value: number }[];
  const smaller = JSON.parse(readFileSync(written.githubActionBenchmark[1]!, 'utf8')) as { name: string; unit: string; value: number }[];
  assert.ok(bigger.some((e) => e.name === 'metrics.cleaning.recordsPerSec' && e.unit === 'records/s'));
  assert.ok(smaller.some((e) => e.name === 'metrics.votes.latencyMs.p99' && e.value === 871));
  assert.not.ok(bigger.some((e) => smaller.some((s) => s.name === e.name)));
});

test('junit: a safety violation fails its checker case with the replay command; counts-only conformance is one case', () => {
  const r = JSON.parse(JSON.stringify(sampleResults())) as any;
  r.scenarios.city.safety = {
    violations: 1,
    details: [{ checker: 'agreement', message: 'height 7: two hashes', replay: 'raa-bench run --scenario city --seed 1' }],
    checks: [{ name: 'agreement', violations: 1 }, { name: 'validity', violations: 0 }],
  };
  r.conformance = { passed: 5, failed: 2, skipped: 0 };
  const xml = toJunit(r as Results);
  assert.match(xml, /<testcase classname="safety\.city" name="agreement"[^>]*>\s*<failure type="SafetyViolation" message="1 violation\(s\)">1 violation\(s\)\n\[agreement\] height 7: two hashes\nreplay: raa-bench run --scenario city --seed 1<\/failure>/);
  assert.match(xml, '<testcase classname="safety.city" name="validity" time="0.000"/>');
  assert.match(xml, /name="conformance suite \(5 passed, 2 failed, 0 skipped\)"[^>]*>\s*<failure type="FAIL" message="2 check\(s\) failed">/);
});

test('compare --html is self-contained and names the differing run metadata', () => {
  const other = JSON.parse(JSON.stringify(sampleResults())) as any;
  other.run.implementation = { name: 'other-node', version: '2.0.0' };
  const html = compareHtml(compareRuns([sampleResults(), other as Results]), ['a.json', 'b.json']);
  assert.match(html, 'run.implementation: reference | {&quot;name&quot;:&quot;other-node&quot;,&quot;version&quot;:&quot;2.0.0&quot;}');
  assert.match(html, '#2 city other-node seed 1 vs #1');
  assert.not.match(html, /(?:src|href)\s*=\s*["']?(?:https?:)?\/\//i);
});

test('a results file with only one section still gives every chart (saying what is missing)', () => {
  const d = mkdtempSync(join(tmpdir(), 'raa-reports-'));
  const w = writeReports(d, { schemaVersion: '1.0.0', run: { command: 'bench micro' } });
  assert.is(w.charts.length, 5);
  for (const c of w.charts) assert.ok(statSync(c).size > 1000);
  assert.match(readFileSync(w.junit, 'utf8'), 'tests="0"');
});

test.run();
