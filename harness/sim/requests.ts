// Request tracking: submission to final outcome, for latency (every request counts, rejected
// and timed-out included) and liveness (pending after faults heal must finish within a bound).

import type { Effect, Hex } from '../../contract/index.js';
import { LatencyByKey } from './latency.js';

export type RequestClass = 'join' | 'share' | 'memberShare';

interface Pending {
  readonly cls: RequestClass;
  readonly node: number;
  readonly submittedUs: number;
  readonly wallMs: number;
}

export class RequestTracker {
  private readonly pending = new Map<Hex, Pending>();
  /** Applicants have one join request each: `joined` carries no request id. */
  private readonly joinOf = new Map<number, Hex>();
  readonly decisions = { virtual: new LatencyByKey(), wall: new LatencyByKey() };
  readonly memberShares = { virtual: new LatencyByKey(), wall: new LatencyByKey() };
  readonly submitted: Record<RequestClass, number> = { join: 0, share: 0, memberShare: 0 };
  readonly completed: Record<RequestClass, number> = { join: 0, share: 0, memberShare: 0 };

  constructor(private readonly wallNowMs: () => number) {}

  onEffect(node: number, e: Effect, nowUs: number): void {
    switch (e.type) {
      case 'requestSubmitted': {
        const cls: RequestClass = e.requestKind === 'JOIN_REQUEST' ? 'join' : e.requestKind === 'SHARE_REQUEST' ? 'share' : 'memberShare';
        if (this.pending.has(e.requestId)) return;
        this.pending.set(e.requestId, { cls, node, submittedUs: nowUs, wallMs: this.wallNowMs() });
        this.submitted[cls] += 1;
        if (cls === 'join') this.joinOf.set(node, e.requestId);
        return;
      }
      case 'shareAnswered':
        if (e.status !== 'pending') this.complete(node, e.requestId, e.status, nowUs);
        return;
      case 'decided':
        this.complete(node, e.requestId, e.outcome, nowUs);
        return;
      case 'joined': {
        const id = this.joinOf.get(node);
        if (id !== undefined) this.complete(node, id, 'allowed', nowUs);
        return;
      }
      default:
        return;
    }
  }

  private complete(node: number, id: Hex, outcome: string, nowUs: number): void {
    const p = this.pending.get(id);
    if (p === undefined || p.node !== node) return;
    this.pending.delete(id);
    this.completed[p.cls] += 1;
    this.record(p, outcome, nowUs);
  }

  private record(p: Pending, outcome: string, nowUs: number): void {
    const sink = p.cls === 'memberShare' ? this.memberShares : this.decisions;
    sink.virtual.recordMs(outcome, (nowUs - p.submittedUs) / 1000);
    sink.wall.recordMs(outcome, this.wallNowMs() - p.wallMs);
  }

  /**
   * Ends the run: unfinished requests are recorded as timedOut; returns those that broke the
   * liveness bound (submitted, or faults healed, more than boundUs before the end).
   */
  finish(endUs: number, healedUs: number, boundUs: number, excluded: (node: number) => boolean): { id: Hex; node: number; cls: RequestClass; submittedUs: number }[] {
    const late: { id: Hex; node: number; cls: RequestClass; submittedUs: number }[] = [];
    for (const [id, p] of this.pending) {
      this.record(p, 'timedOut', endUs);
      if (!excluded(p.node) && Math.max(p.submittedUs, healedUs) + boundUs < endUs) late.push({ id, node: p.node, cls: p.cls, submittedUs: p.submittedUs });
    }
    this.pending.clear();
    return late;
  }
}
