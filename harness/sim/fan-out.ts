// One send to many receivers (a validator's COMMIT to ~312 members) as one queue entry: the copies'
// arrival times and event sequence numbers are computed at the send, exactly as if each copy were
// pushed on its own, sorted once, and the stream keeps only its earliest copy in the event heap.
// The heap pops the same events in the same order (a k-way merge of sorted runs), while holding a
// few dozen streams instead of ten thousand copies, and each copy's data lies in order in memory.

/** Sort scratch shared by every fan-out (sorting is synchronous): typed arrays are allocated
 *  outside V8's heap, and a region run sorts ~19,000 fan-outs. */
let sortKeys = new Float64Array(0);
let sortSeqs = new Float64Array(0);
let sortTargets = new Int32Array(0);

export class FanOut {
  /** What every copy carries: the input it is delivered as, and its size. */
  input: unknown = null;
  bytes = 0;
  /** The engine's delivery counter for the message's type. */
  counter: { n: number } | null = null;
  /** What receiving a copy costs a node that checked no vote on arrival (cost.ts). */
  untrackedReceiveUs = 0;
  readonly times: Float64Array;
  /** Sequence number of each copy (the heap's, reserved at the send). */
  readonly seqs: Float64Array;
  readonly targets: Int32Array;
  count = 0;
  cursor = 0;

  constructor(readonly capacity: number) {
    this.times = new Float64Array(capacity);
    this.seqs = new Float64Array(capacity);
    this.targets = new Int32Array(capacity);
  }

  /** Empty again, for another send of at most `capacity` copies (FanOutPool). */
  reset(): void {
    this.input = null;
    this.bytes = 0;
    this.counter = null;
    this.untrackedReceiveUs = 0;
    this.count = 0;
    this.cursor = 0;
  }

  add(timeUs: number, seq: number, target: number): void {
    const i = this.count++;
    this.times[i] = timeUs;
    this.seqs[i] = seq;
    this.targets[i] = target;
  }

  /**
   * Orders the copies by (time, seq); seqs must rise in the order copies were added (they are the
   * heap's, reserved in that order). Integer times (the usual case) pack with the copy's index
   * into one exact double, sorted natively: an insertion sort took ~100 µs per region COMMIT
   * fan-out, whose latency spread (18 ms) covers hundreds of copies.
   */
  sort(): void {
    const n = this.count;
    let span = 1;
    while (span < n) span *= 2;
    if (sortKeys.length < n) {
      sortKeys = new Float64Array(2 * n);
      sortSeqs = new Float64Array(2 * n);
      sortTargets = new Int32Array(2 * n);
    }
    const keys = sortKeys.subarray(0, n);
    for (let i = 0; i < n; i++) {
      const t = this.times[i] as number;
      if (!Number.isInteger(t) || t < 0 || t * span + span > Number.MAX_SAFE_INTEGER) return this.insertionSort();
      keys[i] = t * span + i;
    }
    keys.sort();
    const seqs = sortSeqs;
    const targets = sortTargets;
    seqs.set(this.seqs.subarray(0, n));
    targets.set(this.targets.subarray(0, n));
    for (let i = 0; i < n; i++) {
      const k = keys[i] as number;
      const r = k % span;
      this.times[i] = (k - r) / span;
      this.seqs[i] = seqs[r] as number;
      this.targets[i] = targets[r] as number;
    }
  }

  /** Any times: insertion sort (copies are out of place by their latency spread at most). */
  private insertionSort(): void {
    const { times, seqs, targets } = this;
    for (let i = 1; i < this.count; i++) {
      const t = times[i] as number;
      const s = seqs[i] as number;
      const g = targets[i] as number;
      let j = i - 1;
      while (j >= 0 && ((times[j] as number) > t || ((times[j] as number) === t && (seqs[j] as number) > s))) {
        times[j + 1] = times[j] as number;
        seqs[j + 1] = seqs[j] as number;
        targets[j + 1] = targets[j] as number;
        j--;
      }
      times[j + 1] = t;
      seqs[j + 1] = s;
      targets[j + 1] = g;
    }
  }
}

/** Fan-outs whose streams ended, by capacity (a power of two), for the next sends. */
export class FanOutPool {
  private readonly free = new Map<number, FanOut[]>();

  /** An empty fan-out for up to `n` copies. */
  take(n: number): FanOut {
    let capacity = 16;
    while (capacity < n) capacity *= 2;
    return this.free.get(capacity)?.pop() ?? new FanOut(capacity);
  }

  give(fan: FanOut): void {
    fan.reset();
    let list = this.free.get(fan.capacity);
    if (list === undefined) this.free.set(fan.capacity, (list = []));
    list.push(fan);
  }
}
