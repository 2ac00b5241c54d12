// Event queue of the simulator: a 4-ary min-heap over typed arrays keyed (time, sequence).
// The sequence number breaks ties in insertion order, so two runs with one seed pop events in
// exactly the same order. Times are integer microseconds of virtual time.
// Four children per node halve the depth of a binary heap, and a node's key pair (time, seq)
// sits side by side, so a sift-down step reads one or two cache lines instead of six.

/** Hard bound on queued events: a run that needs more is a model bug, not a big scenario. */
export const EVENTS_QUEUED_MAX = 1 << 26;

export class EventHeap {
  /** time, seq of entry i at 2i, 2i + 1. */
  private keys: Float64Array;
  private slots: Int32Array;
  private count = 0;
  private nextSeq = 0;

  constructor(capacity = 1024) {
    this.keys = new Float64Array(2 * capacity);
    this.slots = new Int32Array(capacity);
  }

  get size(): number {
    return this.count;
  }

  /** Time of the earliest event; Infinity when empty. */
  peekTime(): number {
    return this.count === 0 ? Infinity : (this.keys[0] as number);
  }

  push(timeUs: number, slot: number): void {
    this.pushAt(timeUs, this.nextSeq++, slot);
  }

  /** The next `n` sequence numbers, for entries pushed later with pushAt (fan-out.ts). */
  reserveSeqs(n: number): number {
    const first = this.nextSeq;
    this.nextSeq += n;
    return first;
  }

  /** Pushes with a sequence number taken earlier (reserveSeqs). */
  pushAt(timeUs: number, seq: number, slot: number): void {
    if (this.count === this.slots.length) this.grow();
    let i = this.count++;
    const keys = this.keys;
    const slots = this.slots;
    // Sift up: move parents down until the new key fits.
    while (i > 0) {
      const p = (i - 1) >> 2;
      const pt = keys[2 * p] as number;
      if (pt < timeUs || (pt === timeUs && (keys[2 * p + 1] as number) < seq)) break;
      keys[2 * i] = pt;
      keys[2 * i + 1] = keys[2 * p + 1] as number;
      slots[i] = slots[p] as number;
      i = p;
    }
    keys[2 * i] = timeUs;
    keys[2 * i + 1] = seq;
    slots[i] = slot;
  }

  /** Slot of the earliest event; -1 when empty. */
  peekSlot(): number {
    return this.count === 0 ? -1 : (this.slots[0] as number);
  }

  /** Removes the earliest event and returns its slot; -1 when empty. */
  pop(): number {
    if (this.count === 0) return -1;
    const top = this.slots[0] as number;
    const n = --this.count;
    if (n > 0) this.siftDown(this.keys[2 * n] as number, this.keys[2 * n + 1] as number, this.slots[n] as number);
    return top;
  }

  /**
   * pop() then pushAt(timeUs, seq, slot) in one pass from the top: a fan-out stream replaces its
   * copy just delivered with its next one (5.8 M times per region run).
   */
  replaceTop(timeUs: number, seq: number, slot: number): void {
    if (this.count === 0) return this.pushAt(timeUs, seq, slot);
    this.siftDown(timeUs, seq, slot);
  }

  /** Puts (t, s, sl) at the root's place and moves it down to where it fits among count entries. */
  private siftDown(t: number, s: number, sl: number): void {
    const keys = this.keys;
    const slots = this.slots;
    const n = this.count;
    let i = 0;
    for (;;) {
      const first = 4 * i + 1;
      if (first >= n) break;
      // The least of up to four children.
      let c = first;
      let ct = keys[2 * first] as number;
      let cs = keys[2 * first + 1] as number;
      const last = Math.min(first + 4, n);
      for (let k = first + 1; k < last; k++) {
        const kt = keys[2 * k] as number;
        if (kt < ct || (kt === ct && (keys[2 * k + 1] as number) < cs)) {
          c = k;
          ct = kt;
          cs = keys[2 * k + 1] as number;
        }
      }
      if (t < ct || (t === ct && s < cs)) break;
      keys[2 * i] = ct;
      keys[2 * i + 1] = cs;
      slots[i] = slots[c] as number;
      i = c;
    }
    keys[2 * i] = t;
    keys[2 * i + 1] = s;
    slots[i] = sl;
  }

  private grow(): void {
    const capacity = this.slots.length * 2;
    if (capacity > EVENTS_QUEUED_MAX) throw new RangeError(`event queue over ${EVENTS_QUEUED_MAX} events`);
    const keys = new Float64Array(2 * capacity);
    const slots = new Int32Array(capacity);
    keys.set(this.keys);
    slots.set(this.slots);
    this.keys = keys;
    this.slots = slots;
  }
}
