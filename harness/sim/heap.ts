// Event queue of the simulator: a binary min-heap over typed arrays keyed (time, sequence).
// The sequence number breaks ties in insertion order, so two runs with one seed pop events in
// exactly the same order. Times are integer microseconds of virtual time.

/** Hard bound on queued events: a run that needs more is a model bug, not a big scenario. */
export const EVENTS_QUEUED_MAX = 1 << 26;

export class EventHeap {
  private times: Float64Array;
  private seqs: Float64Array;
  private slots: Int32Array;
  private count = 0;
  private nextSeq = 0;

  constructor(capacity = 1024) {
    this.times = new Float64Array(capacity);
    this.seqs = new Float64Array(capacity);
    this.slots = new Int32Array(capacity);
  }

  get size(): number {
    return this.count;
  }

  /** Time of the earliest event; Infinity when empty. */
  peekTime(): number {
    return this.count === 0 ? Infinity : (this.times[0] as number);
  }

  push(timeUs: number, slot: number): void {
    if (this.count === this.times.length) this.grow();
    let i = this.count++;
    const seq = this.nextSeq++;
    const times = this.times;
    const seqs = this.seqs;
    const slots = this.slots;
    // Sift up: move parents down until the new key fits.
    while (i > 0) {
      const p = (i - 1) >> 1;
      const pt = times[p] as number;
      if (pt < timeUs || (pt === timeUs && (seqs[p] as number) < seq)) break;
      times[i] = pt;
      seqs[i] = seqs[p] as number;
      slots[i] = slots[p] as number;
      i = p;
    }
    times[i] = timeUs;
    seqs[i] = seq;
    slots[i] = slot;
  }

  /** Removes the earliest event and returns its slot; -1 when empty. */
  pop(): number {
    if (this.count === 0) return -1;
    const times = this.times;
    const seqs = this.seqs;
    const slots = this.slots;
    const top = slots[0] as number;
    const n = --this.count;
    if (n === 0) return top;
    const t = times[n] as number;
    const s = seqs[n] as number;
    const sl = slots[n] as number;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      let c = l;
      if (r < n) {
        const lt = times[l] as number;
        const rt = times[r] as number;
        if (rt < lt || (rt === lt && (seqs[r] as number) < (seqs[l] as number))) c = r;
      }
      const ct = times[c] as number;
      if (t < ct || (t === ct && s < (seqs[c] as number))) break;
      times[i] = ct;
      seqs[i] = seqs[c] as number;
      slots[i] = slots[c] as number;
      i = c;
    }
    times[i] = t;
    seqs[i] = s;
    slots[i] = sl;
    return top;
  }

  private grow(): void {
    const capacity = this.times.length * 2;
    if (capacity > EVENTS_QUEUED_MAX) throw new RangeError(`event queue over ${EVENTS_QUEUED_MAX} events`);
    const times = new Float64Array(capacity);
    const seqs = new Float64Array(capacity);
    const slots = new Int32Array(capacity);
    times.set(this.times);
    seqs.set(this.seqs);
    slots.set(this.slots);
    this.times = times;
    this.seqs = seqs;
    this.slots = slots;
  }
}
