// The `conformance` section of results.json: counts, per-check statuses, expectations applied,
// and the coverage table (every SPEC requirement → the checks that verify it).

import type { AdapterInfo } from '../adapters/adapter.js';
import type { Status } from './execute.js';
import { expectationFor, isExpected, staleExpectations, type Expectation } from './expect-file.js';
import type { CheckResult } from './runner.js';

export interface RequirementRow {
  readonly checks: readonly string[];
  /** Worst status among its checks run (PASS when all pass; SKIP when all skip; NONE when none ran). */
  readonly status: Status | 'NONE';
}

export interface ConformanceSection {
  /** 'name version' of the implementation under test. */
  implementation: string | null;
  transport: string | null;
  passed: number;
  failed: number;
  skipped: number;
  errors: number;
  statuses: Record<Status, number>;
  expectedFailures: string[];
  unexpectedFailures: string[];
  unexpectedPasses: string[];
  staleExpectations: string[];
  uncoveredRequirements: string[];
  requirements: Record<string, RequirementRow>;
  checks: CheckResult[];
  [extra: string]: unknown;
}

const SEVERITY: readonly (Status | 'NONE')[] = ['NONE', 'SKIP', 'PASS', 'FAIL', 'ERROR', 'TIMEOUT', 'CRASH'];

export function summarize(
  info: AdapterInfo | undefined,
  checks: readonly CheckResult[],
  specIds: readonly string[],
  expectations: readonly Expectation[] = [],
  /** Requirements some check in the whole registry verifies (a --filter run still has them covered). */
  coveredIds: ReadonlySet<string> = new Set(checks.flatMap((c) => c.requirements)),
): ConformanceSection {
  const statuses: Record<Status, number> = { PASS: 0, FAIL: 0, ERROR: 0, TIMEOUT: 0, CRASH: 0, SKIP: 0 };
  const expectedFailures: string[] = [];
  const unexpectedFailures: string[] = [];
  const unexpectedPasses: string[] = [];
  for (const c of checks) {
    statuses[c.status] += 1;
    const e = expectationFor(expectations, c.id);
    if (isExpected(e, c.status)) expectedFailures.push(c.id);
    else if (c.status !== 'PASS' && c.status !== 'SKIP') unexpectedFailures.push(c.id);
    else if (e && c.status === 'PASS') unexpectedPasses.push(c.id);
  }
  const requirements: Record<string, RequirementRow> = {};
  const ids = new Set([...specIds, ...checks.flatMap((c) => c.requirements)]);
  for (const id of [...ids].sort()) {
    const mine = checks.filter((c) => c.requirements.includes(id));
    let status: Status | 'NONE' = 'NONE';
    for (const c of mine) if (SEVERITY.indexOf(c.status) > SEVERITY.indexOf(status)) status = c.status;
    requirements[id] = { checks: mine.map((c) => c.id), status };
  }
  return {
    implementation: info ? `${info.implementation.name} ${info.implementation.version}` : null,
    transport: info?.transport ?? null,
    passed: statuses.PASS,
    failed: statuses.FAIL,
    skipped: statuses.SKIP,
    errors: statuses.ERROR + statuses.TIMEOUT + statuses.CRASH,
    statuses,
    expectedFailures,
    unexpectedFailures,
    unexpectedPasses,
    staleExpectations: staleExpectations(expectations, checks.map((c) => c.id)).map((e) => `line ${e.line}: ${e.pattern}`),
    uncoveredRequirements: specIds.filter((id) => !coveredIds.has(id)),
    requirements,
    checks: [...checks],
  };
}

/** One line per requirement, for the terminal. */
export function coverageTable(section: ConformanceSection): string {
  const rows = Object.entries(section.requirements).map(
    ([id, row]) => `${id.padEnd(10)} ${row.status.padEnd(8)} ${row.checks.length ? row.checks.join(', ') : '(no check)'}`,
  );
  return ['requirement status   checks', ...rows].join('\n');
}
