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
  | 'node-threw';

export interface Violation {
  readonly kind: ViolationKind;
  readonly message: string;
  readonly atMs: number;
  readonly height?: number;
  readonly node?: string;
}

/** Collects violations, bounded: a broken run can produce millions; the count stays exact. */
export class ViolationLog {
  static readonly DETAILS_MAX = 200;
  readonly details: Violation[] = [];
  count = 0;
  readonly byKind = new Map<ViolationKind, number>();

  add(v: Violation): void {
    this.count += 1;
    this.byKind.set(v.kind, (this.byKind.get(v.kind) ?? 0) + 1);
    if (this.details.length < ViolationLog.DETAILS_MAX) this.details.push(v);
  }
}
