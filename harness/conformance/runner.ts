// Runs vectors against an implementation through an Adapter. The runner never hangs: each
// request has a timeout inside the adapter, the whole run has a deadline, and a dead adapter
// (crash, hang, protocol error) is closed, reported on that check, and replaced for the next.

import { AdapterFailure, type Adapter, type AdapterInfo } from '../adapters/adapter.js';
import { executeVector, type Status, type Verdict } from './execute.js';
import type { Vector } from './vector.js';

export interface CheckResult {
  readonly id: string;
  readonly title: string;
  readonly requirements: readonly string[];
  readonly status: Status;
  readonly message?: string;
  readonly durationMs: number;
}

export interface RunOptions {
  /** Makes a fresh adapter (called again after an adapter failure). */
  readonly openAdapter: () => Adapter;
  readonly vectors: readonly Vector[];
  /** Only checks whose id or a requirement starts with this prefix. */
  readonly filter?: string;
  /** Wall-clock instant (Date.now() scale) by which the run must end. */
  readonly deadlineAtMs?: number;
  readonly onCheck?: (result: CheckResult, index: number, total: number) => void;
  /** Ctrl-C: stop before the next check; the outcome holds the checks done so far. */
  readonly signal?: AbortSignal;
}

export interface RunOutcome {
  readonly info: AdapterInfo | undefined;
  readonly checks: readonly CheckResult[];
  readonly interrupted: boolean;
}

/** Vectors (or checks) whose id or one of whose requirement IDs starts with `filter`. */
export function selectVectors<T extends { readonly id: string; readonly requirements: readonly string[] }>(items: readonly T[], filter: string | undefined): T[] {
  if (!filter) return [...items];
  return items.filter((v) => v.id.startsWith(filter) || v.requirements.some((r) => r.startsWith(filter)));
}

function verdictOf(error: unknown): Verdict {
  if (error instanceof AdapterFailure) return { status: error.kind, message: error.message };
  return { status: 'ERROR', message: `runner error: ${error instanceof Error ? error.message : String(error)}` };
}

export async function runVectors(options: RunOptions): Promise<RunOutcome> {
  const selected = selectVectors(options.vectors, options.filter);
  const checks: CheckResult[] = [];
  let adapter: Adapter | undefined;
  let info: AdapterInfo | undefined;
  let openFailures = 0;
  let fatal: Verdict | undefined;
  try {
    for (const [index, vector] of selected.entries()) {
      if (options.signal?.aborted) break;
      const started = Date.now();
      let verdict: Verdict;
      if (fatal) {
        verdict = fatal;
      } else if (options.deadlineAtMs !== undefined && started >= options.deadlineAtMs) {
        verdict = { status: 'TIMEOUT', message: 'the run deadline passed before this check started' };
      } else {
        try {
          if (!adapter) {
            adapter = options.openAdapter();
            try {
              info = await adapter.open();
              openFailures = 0;
            } catch (error) {
              openFailures += 1;
              throw error;
            }
          }
          verdict = await executeVector(adapter, info!, vector, `c${index}`);
        } catch (error) {
          verdict = verdictOf(error);
          // The adapter may be dead: replace it. Two failed handshakes in a row make it hopeless.
          await adapter?.close();
          adapter = undefined;
          if (openFailures >= 2) fatal = { status: verdict.status, message: `adapter unusable: ${verdict.message ?? ''}` };
        }
      }
      const result: CheckResult = {
        id: vector.id,
        title: vector.title,
        requirements: vector.requirements,
        status: verdict.status,
        ...(verdict.message === undefined ? {} : { message: verdict.message }),
        durationMs: Date.now() - started,
      };
      checks.push(result);
      options.onCheck?.(result, index, selected.length);
    }
  } finally {
    await adapter?.close();
  }
  return { info, checks, interrupted: options.signal?.aborted === true };
}
