// Safety and liveness findings. Each carries enough to replay: the run layer adds the command.

export type ViolationKind =
  | 'agreement'
  | 'prev-hash'
  | 'block-hash'
  | 'certificate'
  | 'proposer'
  | 'timestamp'
  | 'decision-tally'
  | 'decision-rule'
  | 'decision-missing'
  | 'decision-unknown'
  | 'non-member-vote'
  | 'double-vote'
  | 'vote-out-of-window'
  | 'access-unrecorded'
  | 'liveness'
  | 'node-threw'
  | 'differential'
  | 'nondeterminism';

/** Liveness findings are reported apart from safety ones (results.liveness). */
export const LIVENESS_KINDS: ReadonlySet<ViolationKind> = new Set(['liveness']);

export interface Violation {
  readonly kind: ViolationKind;
  readonly message: string;
  readonly atMs: number;
  readonly height?: number;
  readonly node?: string;
}

/** Collects violations, bounded per kind: a broken run can produce millions; counts stay exact. */
export class ViolationLog {
  static readonly DETAILS_PER_KIND_MAX = 50;
  readonly details: Violation[] = [];
  count = 0;
  readonly byKind = new Map<ViolationKind, number>();

  add(v: Violation): void {
    this.count += 1;
    const n = (this.byKind.get(v.kind) ?? 0) + 1;
    this.byKind.set(v.kind, n);
    if (n <= ViolationLog.DETAILS_PER_KIND_MAX) this.details.push(v);
  }

  /** Counts and details split into safety and liveness findings. */
  split(): { safety: { count: number; details: Violation[] }; liveness: { count: number; details: Violation[] } } {
    const isLive = (k: ViolationKind): boolean => LIVENESS_KINDS.has(k);
    let live = 0;
    for (const [k, n] of this.byKind) if (isLive(k)) live += n;
    return {
      safety: { count: this.count - live, details: this.details.filter((d) => !isLive(d.kind)) },
      liveness: { count: live, details: this.details.filter((d) => isLive(d.kind)) },
    };
  }
}
