// A small JUnit XML writer for conformance results (one testcase per check, classname = the
// check's first requirement family). harness/report/ has the general writer; this one keeps the
// conformance command self-contained.

import type { CheckResult } from './runner.js';

function esc(text: string): string {
  return text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c] ?? c);
}

export function conformanceJunit(suiteName: string, checks: readonly CheckResult[], expected: ReadonlySet<string> = new Set()): string {
  const failures = checks.filter((c) => c.status === 'FAIL' && !expected.has(c.id)).length;
  const errors = checks.filter((c) => ['ERROR', 'TIMEOUT', 'CRASH'].includes(c.status) && !expected.has(c.id)).length;
  const skipped = checks.filter((c) => c.status === 'SKIP' || expected.has(c.id)).length;
  const seconds = (ms: number): string => (ms / 1000).toFixed(3);
  const total = checks.reduce((s, c) => s + c.durationMs, 0);
  const cases = checks.map((c) => {
    const family = (c.requirements[0] ?? 'MISC').split('-')[0] ?? 'MISC';
    const head = `    <testcase classname="conformance.${esc(family)}" name="${esc(`${c.id} [${c.requirements.join(' ')}]`)}" time="${seconds(c.durationMs)}"`;
    const msg = esc(c.message ?? c.status);
    if (c.status === 'PASS') return `${head}/>`;
    if (c.status === 'SKIP') return `${head}>\n      <skipped message="${msg}"/>\n    </testcase>`;
    if (expected.has(c.id)) return `${head}>\n      <skipped message="expected ${c.status}: ${msg}"/>\n    </testcase>`;
    const tag = c.status === 'FAIL' ? 'failure' : 'error';
    return `${head}>\n      <${tag} type="${c.status}" message="${msg}"/>\n    </testcase>`;
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="raa-bench" tests="${checks.length}" failures="${failures}" errors="${errors}" skipped="${skipped}" time="${seconds(total)}">`,
    `  <testsuite name="${esc(suiteName)}" tests="${checks.length}" failures="${failures}" errors="${errors}" skipped="${skipped}" time="${seconds(total)}">`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}
