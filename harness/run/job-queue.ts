// A single-producer, single-consumer queue of crypto-ahead jobs in shared memory: the main thread
// appends a job in about a microsecond, and the worker takes jobs as they come, sleeping on an
// Atomics.wait when there are none. Posting the same jobs as Piscina tasks of 16 cost the main
// thread ~7 µs a job (packing, structured clone, the task's promise): 9% of the region run.
// Records are laid end to end in a byte ring (4-byte aligned): length, kind, slot, word, a
// 32-byte key, for verify jobs the 64-byte signature, then the payload.
// A queue may have several lanes, each its own ring, taken in order: lane 0 holds what a node
// needs within milliseconds, a later lane what the harness forecast seconds ahead, so a batch of
// 20,000 forecast jobs never holds up an urgent one. One consumer serves all lanes.

export const enum JobKind {
  /** Filler to the end of the ring (a record never wraps). */
  Skip = 0,
  Verify = 1,
  Sign = 2,
  /** Sign, then verify the signature with the signer's public key (crypto-ahead-worker.ts). */
  SignVerify = 3,
}

/** Int32 slots of the control array: three shared, then a write and a read position per lane. */
const SLEEPING = 0;
const STOP = 1;
/** Bumped by a producer that finds the consumer asleep; the consumer sleeps on it. */
const BELL = 2;
const LANES_AT = 4;
const writeAt = (lane: number): number => LANES_AT + 2 * lane;
const readAt = (lane: number): number => LANES_AT + 2 * lane + 1;
const LANES_MAX = 4;
/** Positions count bytes modulo 2^31; the capacity is a power of two below that. */
const POS_MASK = 0x7fffffff;
const HEADER_BYTES = 16;
/** Looks at the write position before sleeping (tens of microseconds). */
const SPIN_LOOKS = 20_000;
/** Longest a consumer sleeps before looking again (only a guard: a producer wakes it). */
const SLEEP_MS_MAX = 100;

export interface QueueBuffers {
  readonly ctrl: SharedArrayBuffer;
  /** One byte ring per lane, the most urgent first. */
  readonly lanes: readonly SharedArrayBuffer[];
}

/** A queue of `lanes` rings of `capacityBytes` each. */
export function createQueueBuffers(capacityBytes: number, lanes = 1): QueueBuffers {
  if (capacityBytes < 1024 || (capacityBytes & (capacityBytes - 1)) !== 0 || capacityBytes > 1 << 28) {
    throw new RangeError(`job queue capacity: expected a power of two in [1 KiB, 256 MiB], got ${capacityBytes}`);
  }
  if (!Number.isInteger(lanes) || lanes < 1 || lanes > LANES_MAX) throw new RangeError(`job queue lanes: expected 1 to ${LANES_MAX}, got ${lanes}`);
  return { ctrl: new SharedArrayBuffer(4 * (LANES_AT + 2 * lanes)), lanes: Array.from({ length: lanes }, () => new SharedArrayBuffer(capacityBytes)) };
}

const recordBytes = (kind: JobKind, payloadBytes: number): number => (HEADER_BYTES + 32 + (kind === JobKind.Verify ? 64 : 0) + payloadBytes + 3) & ~3;

/** One lane's ring and where its positions live in the control array. */
interface LaneView {
  readonly bytes: Uint8Array;
  readonly ints: Int32Array;
  readonly capacity: number;
  readonly write: number;
  readonly read: number;
}

function laneView(buffers: QueueBuffers, lane: number): LaneView {
  const ring = buffers.lanes[lane];
  if (ring === undefined) throw new RangeError(`job queue lane ${lane}: the queue has ${buffers.lanes.length}`);
  return { bytes: new Uint8Array(ring), ints: new Int32Array(ring), capacity: ring.byteLength, write: writeAt(lane), read: readAt(lane) };
}

/** Appends jobs to one lane of a queue. */
export class JobQueueWriter {
  private readonly ctrl: Int32Array;
  private readonly bytes: Uint8Array;
  private readonly ints: Int32Array;
  private readonly capacity: number;
  private readonly write: number;
  private readonly read: number;

  constructor(buffers: QueueBuffers, lane = 0) {
    this.ctrl = new Int32Array(buffers.ctrl);
    ({ bytes: this.bytes, ints: this.ints, capacity: this.capacity, write: this.write, read: this.read } = laneView(buffers, lane));
  }

  /** Appends a job; false when the lane is full (the job is then simply not done ahead). */
  push(kind: JobKind.Verify | JobKind.Sign | JobKind.SignVerify, slot: number, word: number, key: Uint8Array, signature: Uint8Array | null, payload: Uint8Array): boolean {
    const len = recordBytes(kind, payload.length);
    const w = Atomics.load(this.ctrl, this.write);
    const r = Atomics.load(this.ctrl, this.read);
    const at = w & (this.capacity - 1);
    const skip = at + len > this.capacity ? this.capacity - at : 0;
    if (((w - r) & POS_MASK) + skip + len > this.capacity || len > this.capacity / 2) return false;
    if (skip > 0) {
      this.ints[at >> 2] = skip;
      this.ints[(at >> 2) + 1] = JobKind.Skip;
    }
    const start = (at + skip) & (this.capacity - 1);
    const i = start >> 2;
    this.ints[i] = len;
    // Kind in the low two bits, the payload's length above them.
    this.ints[i + 1] = kind | (payload.length << 2);
    this.ints[i + 2] = slot;
    this.ints[i + 3] = word;
    this.bytes.set(key.subarray(0, 32), start + HEADER_BYTES);
    let p = start + HEADER_BYTES + 32;
    if (kind === JobKind.Verify) {
      this.bytes.set((signature as Uint8Array).subarray(0, 64), p);
      p += 64;
    }
    this.bytes.set(payload, p);
    Atomics.store(this.ctrl, this.write, (w + skip + len) & POS_MASK);
    if (Atomics.load(this.ctrl, SLEEPING) === 1) {
      Atomics.add(this.ctrl, BELL, 1);
      Atomics.notify(this.ctrl, BELL);
    }
    return true;
  }

  /** Asks the consumer to return once every lane is empty. */
  stop(): void {
    Atomics.store(this.ctrl, STOP, 1);
    Atomics.add(this.ctrl, BELL, 1);
    Atomics.notify(this.ctrl, BELL);
  }
}

export interface Job {
  readonly kind: JobKind.Verify | JobKind.Sign | JobKind.SignVerify;
  readonly slot: number;
  readonly word: number;
  /** Copies in a buffer of the consumer's own (libsodium refuses views of shared memory); valid
   *  until the next call to next(). */
  readonly key: Uint8Array;
  readonly signature: Uint8Array;
  readonly payload: Uint8Array;
}

/** Takes jobs from every lane of a queue, the first lane's first. */
export class JobQueueReader {
  private readonly ctrl: Int32Array;
  private readonly lanes: readonly LaneView[];
  private scratch = new Uint8Array(4096);

  constructor(buffers: QueueBuffers) {
    this.ctrl = new Int32Array(buffers.ctrl);
    this.lanes = buffers.lanes.map((_, lane) => laneView(buffers, lane));
  }

  /** The next job, or null when none is queued (without waiting). */
  next(): Job | null {
    for (let i = 0; i < this.lanes.length; i++) {
      const job = this.nextIn(this.lanes[i] as LaneView);
      if (job !== null) return job;
    }
    return null;
  }

  private nextIn(lane: LaneView): Job | null {
    const { bytes, ints, capacity } = lane;
    for (;;) {
      const r = Atomics.load(this.ctrl, lane.read);
      if (r === Atomics.load(this.ctrl, lane.write)) return null;
      const at = r & (capacity - 1);
      const i = at >> 2;
      const len = ints[i] as number;
      const head = ints[i + 1] as number;
      const kind = (head & 3) as JobKind;
      if (kind === JobKind.Skip) {
        Atomics.store(this.ctrl, lane.read, (r + len) & POS_MASK);
        continue;
      }
      const payloadBytes = head >>> 2;
      const sigBytes = kind === JobKind.Verify ? 64 : 0;
      const body = 32 + sigBytes + payloadBytes;
      if (this.scratch.length < body) this.scratch = new Uint8Array(2 * body);
      this.scratch.set(bytes.subarray(at + HEADER_BYTES, at + HEADER_BYTES + body));
      const job: Job = {
        kind,
        slot: ints[i + 2] as number,
        word: ints[i + 3] as number,
        key: this.scratch.subarray(0, 32),
        signature: this.scratch.subarray(32, 32 + sigBytes),
        payload: this.scratch.subarray(32 + sigBytes, body),
      };
      // Consumed: the producer may overwrite the record now that its bytes are copied.
      Atomics.store(this.ctrl, lane.read, (r + len) & POS_MASK);
      return job;
    }
  }

  private anyQueued(): boolean {
    for (const lane of this.lanes) if (Atomics.load(this.ctrl, lane.read) !== Atomics.load(this.ctrl, lane.write)) return true;
    return false;
  }

  /** Sleeps until a job may be queued; false once stopped and empty. */
  waitForJobs(): boolean {
    // Looks again for a while first: while the simulation queues a job every few microseconds,
    // sleeping would cost the main thread a wake-up (a futex call) per job.
    for (let spin = 0; spin < SPIN_LOOKS; spin++) if (this.anyQueued()) return true;
    if (Atomics.load(this.ctrl, STOP) === 1) return this.anyQueued();
    Atomics.store(this.ctrl, SLEEPING, 1);
    const bell = Atomics.load(this.ctrl, BELL);
    // Looked at again after saying so: a producer that wrote before seeing the flag is caught
    // here, and one that saw it rings the bell, which the wait then finds changed.
    if (!this.anyQueued() && Atomics.load(this.ctrl, STOP) !== 1) Atomics.wait(this.ctrl, BELL, bell, SLEEP_MS_MAX);
    Atomics.store(this.ctrl, SLEEPING, 0);
    return true;
  }
}
