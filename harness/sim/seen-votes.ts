// Which vote signatures each node checked when the VOTE arrived, for the cost model (cost.ts): a
// vote checked on arrival is not charged again inside a block. One table for the run, one bit per
// receiving node, instead of a Set per validator (32 Sets of up to 10^5 signatures each were a
// measurable share of the region's GC and of every VOTE delivery).

/** Signatures remembered before the table is cleared (a cleared table only charges more). */
export const SEEN_VOTES_MAX = 1_000_000;
/** Receivers tracked by bit; later ones get a Set each (validators are at most a few dozen). */
const BIT_SLOTS = 31;

export class SeenVotes {
  /** Signature → its entry in `bits`: a vote reaches several validators, and each after the first
   *  then costs one lookup (a get and a set of a number each time cost two). */
  private entryOf = new Map<string, number>();
  private bits = new Int32Array(1 << 16);
  private readonly slotOf = new Map<number, number>();
  /** 1 for a node that ever checked a vote on arrival: the others (10,000 members) answer 0 at
   *  once, without a lookup per signature of each block they receive. */
  private tracked = new Uint8Array(1024);
  private readonly overflow = new Map<number, Set<string>>();

  /** `node` checked `signature` on arrival. */
  add(node: number, signature: string): void {
    if (this.entryOf.size >= SEEN_VOTES_MAX) this.clear();
    if (node >= this.tracked.length) {
      const grown = new Uint8Array(Math.max(2 * this.tracked.length, node + 1));
      grown.set(this.tracked);
      this.tracked = grown;
    }
    this.tracked[node] = 1;
    const bit = this.bitOf(node);
    if (bit === -1) {
      let own = this.overflow.get(node);
      if (own === undefined) this.overflow.set(node, (own = new Set()));
      own.add(signature);
      return;
    }
    let e = this.entryOf.get(signature);
    if (e === undefined) {
      e = this.entryOf.size;
      if (e === this.bits.length) {
        const grown = new Int32Array(2 * e);
        grown.set(this.bits);
        this.bits = grown;
      }
      this.bits[e] = 0;
      this.entryOf.set(signature, e);
    }
    this.bits[e] = (this.bits[e] as number) | bit;
  }

  /** Whether `node` ever checked a vote on arrival (else count() is 0). */
  tracks(node: number): boolean {
    return this.tracked[node] === 1;
  }

  /** How many of `signatures` `node` checked on arrival. */
  count(node: number, signatures: readonly string[]): number {
    if (!this.tracks(node)) return 0;
    const slot = this.slotOf.get(node);
    let n = 0;
    if (slot !== undefined) {
      const bit = 1 << slot;
      for (const s of signatures) {
        const e = this.entryOf.get(s);
        if (e !== undefined && ((this.bits[e] as number) & bit) !== 0) n += 1;
      }
      return n;
    }
    const own = this.overflow.get(node);
    if (own !== undefined) for (const s of signatures) if (own.has(s)) n += 1;
    return n;
  }

  private bitOf(node: number): number {
    let slot = this.slotOf.get(node);
    if (slot === undefined) {
      if (this.slotOf.size >= BIT_SLOTS) return -1;
      slot = this.slotOf.size;
      this.slotOf.set(node, slot);
    }
    return 1 << slot;
  }

  private clear(): void {
    this.entryOf = new Map();
    for (const own of this.overflow.values()) own.clear();
  }
}
