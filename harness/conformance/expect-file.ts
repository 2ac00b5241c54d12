// Expectations file (--expect FILE): the known failures of an implementation, so CI stays green
// while a gap is tracked (as test262 and web-platform-tests runners do). Format, one per line:
//
//   # comment
//   <check id or prefix ending in '*'>  <FAIL|ERROR|TIMEOUT|CRASH|ANY>   [# why]
//
// A check matching a line whose status equals its actual status (ANY: any status but PASS and
// SKIP) is an expected failure and does not fail the run. A listed check that passes is reported
// as an unexpected pass (remove the line). A line matching no check is reported as stale.

import { readFileSync } from 'node:fs';
import type { Status } from './execute.js';

export type ExpectedStatus = Exclude<Status, 'PASS' | 'SKIP'> | 'ANY';
const EXPECTED: readonly ExpectedStatus[] = ['FAIL', 'ERROR', 'TIMEOUT', 'CRASH', 'ANY'];

export interface Expectation {
  readonly pattern: string;
  readonly status: ExpectedStatus;
  readonly line: number;
}

export class ExpectFileError extends Error {
  override readonly name = 'ExpectFileError';
}

export function parseExpectations(text: string, file: string): Expectation[] {
  const out: Expectation[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.replace(/#.*$/, '').trim();
    if (line === '') return;
    const parts = line.split(/\s+/);
    const [pattern, status] = parts;
    if (parts.length !== 2 || pattern === undefined || status === undefined) {
      throw new ExpectFileError(`${file}:${i + 1}: expected '<check id> <status>', got ${JSON.stringify(raw.trim())}`);
    }
    if (!(EXPECTED as readonly string[]).includes(status)) {
      throw new ExpectFileError(`${file}:${i + 1}: status must be one of ${EXPECTED.join(', ')}, got '${status}'`);
    }
    out.push({ pattern, status: status as ExpectedStatus, line: i + 1 });
  });
  return out;
}

export function readExpectations(file: string): Expectation[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ExpectFileError(`${file}: cannot read expectations file (${(error as Error).message})`);
  }
  return parseExpectations(text, file);
}

function matches(pattern: string, id: string): boolean {
  return pattern.endsWith('*') ? id.startsWith(pattern.slice(0, -1)) : id === pattern;
}

export function expectationFor(expectations: readonly Expectation[], id: string): Expectation | undefined {
  return expectations.find((e) => matches(e.pattern, id));
}

export function isExpected(expectation: Expectation | undefined, status: Status): boolean {
  if (!expectation || status === 'PASS' || status === 'SKIP') return false;
  return expectation.status === 'ANY' || expectation.status === status;
}

export function staleExpectations(expectations: readonly Expectation[], ids: readonly string[]): Expectation[] {
  return expectations.filter((e) => !ids.some((id) => matches(e.pattern, id)));
}
