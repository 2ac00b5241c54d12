// junit.xml: conformance checks and safety checks as test cases, so CI test tabs show them.

import type { Results } from './results.js';
import { view, type ConformanceCheck, type SafetySection } from './results-view.js';

function xml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    // XML 1.0 forbids most control characters even when escaped.
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');
}

interface Case {
  classname: string;
  name: string;
  timeSec: number;
  outcome: { kind: 'pass' } | { kind: 'failure' | 'error'; type: string; message: string } | { kind: 'skipped'; message: string };
}

function conformanceCases(r: Results): Case[] {
  const c = view.conformance(r);
  if (!c) return [];
  const runImpl = r.run['implementation'] as string | { name?: string } | undefined;
  // classname segments are dot-separated: keep the implementation's name one segment.
  const impl = (c.implementation ?? (typeof runImpl === 'string' ? runImpl : (runImpl?.name ?? 'implementation'))).replace(/[\s.]+/g, '_');
  const toCase = (k: ConformanceCheck): Case => {
    const base = { classname: `conformance.${impl}.${(k.requirements?.[0] ?? k.id).split('-')[0]}`, name: `${k.id}${k.requirements ? ` [${k.requirements.join(', ')}]` : ''}`, timeSec: (k.durationMs ?? 0) / 1000 };
    const message = k.message ?? k.status;
    switch (k.status) {
      case 'PASS':
        return { ...base, outcome: { kind: 'pass' } };
      case 'SKIP':
        return { ...base, outcome: { kind: 'skipped', message } };
      case 'FAIL':
        return { ...base, outcome: { kind: 'failure', type: k.status, message } };
      default:
        return { ...base, outcome: { kind: 'error', type: k.status, message } };
    }
  };
  if (c.checks && c.checks.length > 0) return c.checks.map(toCase);
  // Counts only: one case that fails when anything failed.
  const failed = c.failed + (c.errors ?? 0);
  return [
    {
      classname: `conformance.${impl}`,
      name: `conformance suite (${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped)`,
      timeSec: 0,
      outcome: failed === 0 ? { kind: 'pass' } : { kind: 'failure', type: 'FAIL', message: `${failed} check(s) failed` },
    },
  ];
}

function safetyCases(scenario: string, s: SafetySection): Case[] {
  const detailsOf = (checker?: string) =>
    s.details
      .filter((d) => checker === undefined || d.checker === checker)
      .map((d) => `${d.checker ? `[${d.checker}] ` : ''}${d.message}${d.height !== undefined ? ` (height ${d.height})` : ''}${d.replay ? `\nreplay: ${d.replay}` : ''}`)
      .join('\n');
  const checks = s.checks && s.checks.length > 0 ? s.checks : [{ name: 'all safety checkers', violations: s.violations }];
  return checks.map((k) => ({
    classname: `safety.${scenario}`,
    name: k.name,
    timeSec: 0,
    outcome:
      k.violations === 0
        ? { kind: 'pass' as const }
        : { kind: 'failure' as const, type: 'SafetyViolation', message: `${k.violations} violation(s)\n${detailsOf(s.checks ? k.name : undefined)}` },
  }));
}

function suiteXml(name: string, cases: readonly Case[]): string {
  const count = (kind: string) => cases.filter((c) => c.outcome.kind === kind).length;
  const time = cases.reduce((a, c) => a + c.timeSec, 0);
  const body = cases
    .map((c) => {
      const open = `    <testcase classname="${xml(c.classname)}" name="${xml(c.name)}" time="${c.timeSec.toFixed(3)}"`;
      const o = c.outcome;
      if (o.kind === 'pass') return `${open}/>`;
      if (o.kind === 'skipped') return `${open}>\n      <skipped message="${xml(o.message)}"/>\n    </testcase>`;
      const first = o.message.split('\n')[0] ?? '';
      return `${open}>\n      <${o.kind} type="${xml(o.type)}" message="${xml(first)}">${xml(o.message)}</${o.kind}>\n    </testcase>`;
    })
    .join('\n');
  return (
    `  <testsuite name="${xml(name)}" tests="${cases.length}" failures="${count('failure')}" errors="${count('error')}" ` +
    `skipped="${count('skipped')}" time="${time.toFixed(3)}">\n${body}\n  </testsuite>`
  );
}

export function toJunit(r: Results): string {
  const suites: [string, Case[]][] = [];
  const conformance = conformanceCases(r);
  if (conformance.length > 0) suites.push(['conformance', conformance]);
  const scenarios = view.scenarios(r).filter(([, s]) => s.safety);
  const headline = view.safety(r);
  if (scenarios.length > 0) {
    for (const [name, s] of scenarios) suites.push([`safety.${name}`, safetyCases(name, s.safety!)]);
  } else if (headline) {
    suites.push(['safety', safetyCases('run', headline)]);
  }
  const all = suites.flatMap(([, c]) => c);
  const count = (kind: string) => all.filter((c) => c.outcome.kind === kind).length;
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="raa-bench" tests="${all.length}" failures="${count('failure')}" ` +
    `errors="${count('error')}" skipped="${count('skipped')}">\n${suites.map(([n, c]) => suiteXml(n, c)).join('\n')}\n</testsuites>\n`
  );
}
