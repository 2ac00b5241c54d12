// A typed-array binary min-heap of events keyed by (time, sequence): the event-queue shape the
// simulator uses (design §3), kept here as a micro-benchmark target. Keys live in parallel typed
// arrays, so pushing and popping allocates nothing once the capacity is reached.

export class EventHeap {
  #time: Float64Array;
  #seq: Uint32Array;
  #item: Uint32Array;
  #size = 0;

  constructor(initialCapacity = 1024) {
    if (!(Number.isInteger(initialCapacity) && initialCapacity > 0)) {
      throw new RangeError(`EventHeap: expected a positive integer capacity, got ${initialCapacity}`);
    }
    this.#time = new Float64Array(initialCapacity);
    this.#seq = new Uint32Array(initialCapacity);
    this.#item = new Uint32Array(initialCapacity);
  }

  get size(): number {
    return this.#size;
  }

  #less(a: number, b: number): boolean {
    const ta = this.#time[a]!;
    const tb = this.#time[b]!;
    return ta < tb || (ta === tb && this.#seq[a]! < this.#seq[b]!);
  }

  #swap(a: number, b: number): void {
    const t = this.#time[a]!;
    this.#time[a] = this.#time[b]!;
    this.#time[b] = t;
    const s = this.#seq[a]!;
    this.#seq[a] = this.#seq[b]!;
    this.#seq[b] = s;
    const i = this.#item[a]!;
    this.#item[a] = this.#item[b]!;
    this.#item[b] = i;
  }

  #grow(): void {
    const cap = this.#time.length * 2;
    const t = new Float64Array(cap);
    t.set(this.#time);
    const s = new Uint32Array(cap);
    s.set(this.#seq);
    const i = new Uint32Array(cap);
    i.set(this.#item);
    this.#time = t;
    this.#seq = s;
    this.#item = i;
  }

  push(timeMs: number, seq: number, item: number): void {
    if (this.#size === this.#time.length) this.#grow();
    let i = this.#size;
    this.#size += 1;
    this.#time[i] = timeMs;
    this.#seq[i] = seq;
    this.#item[i] = item;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.#less(i, parent)) break;
      this.#swap(i, parent);
      i = parent;
    }
  }

  /** Removes the earliest event and returns its item, or -1 when empty. */
  pop(): number {
    if (this.#size === 0) return -1;
    const top = this.#item[0]!;
    this.#size -= 1;
    if (this.#size > 0) {
      this.#time[0] = this.#time[this.#size]!;
      this.#seq[0] = this.#seq[this.#size]!;
      this.#item[0] = this.#item[this.#size]!;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < this.#size && this.#less(l, m)) m = l;
        if (r < this.#size && this.#less(r, m)) m = r;
        if (m === i) break;
        this.#swap(i, m);
        i = m;
      }
    }
    return top;
  }

  peekTimeMs(): number | undefined {
    return this.#size === 0 ? undefined : this.#time[0];
  }
}
