// Verify-ahead: every signature a simulated node makes through this backend is queued, the
// moment it is made, for verification on a Piscina worker, and the main thread picks up the
// verdict when a receiver asks for it. A verdict is a pure function of (public key, payload,
// signature), so the run is the same with or without the pool (same head hash for any worker
// count); only wall time changes. Whoever claims a slot first (worker or main thread) verifies
// it, so no signature is checked twice.

import { Piscina } from 'piscina';
import type { CryptoBackend, KeyPair } from '../../contract/index.js';
import { fromHex } from '../../protocol/index.js';

export interface SignedPayload {
  readonly publicKey: Uint8Array;
  readonly payload: Uint8Array;
  readonly signature: Uint8Array;
}
import { SlotState, type VerifyBatch } from './verify-slots.js';

/** Slots in the ring: signatures submitted but not yet asked for (older ones are forgotten). */
const SLOTS = 1 << 18;
/** Signatures per task: ~64 × 106 µs of work against a ~26 µs task round trip. */
const BATCH_SIGNATURES = 64;

interface Job {
  readonly slot: number;
  readonly word: number;
  readonly publicKey: Uint8Array;
  readonly payload: Uint8Array;
}

export interface VerifyAheadStats {
  submitted: number;
  /** Verdicts the worker had ready (or was computing) when a node asked. */
  byWorker: number;
  /** Submitted signatures the main thread reached first and verified itself. */
  byMain: number;
  /** Verifications asked for that were never submitted (or did not match the submission). */
  notSubmitted: number;
}

const sigKey = (s: Uint8Array): string => Buffer.from(s.buffer, s.byteOffset, s.length).toString('latin1');
const same = (a: Uint8Array, b: Uint8Array): boolean => Buffer.from(a.buffer, a.byteOffset, a.length).equals(b);

export class VerifyAhead {
  readonly stats: VerifyAheadStats = { submitted: 0, byWorker: 0, byMain: 0, notSubmitted: 0 };
  private readonly state = new Int32Array(new SharedArrayBuffer(SLOTS * 4));
  private readonly jobs = new Map<string, Job>();
  private readonly keyOfSlot: (string | undefined)[] = new Array<string | undefined>(SLOTS);
  private seq = 0;
  private batch: { slot: number; word: number; s: SignedPayload }[] = [];
  private readonly inFlight = new Set<Promise<unknown>>();
  /** Public key by secret key (latin1): a signer's key pair is derived once, not per signature. */
  private readonly publicKeys = new Map<string, Uint8Array>();

  private constructor(
    private readonly pool: Piscina,
    private readonly inner: CryptoBackend,
  ) {}

  /** A pool of `threads` workers, ready (the first task waits for them to start). */
  static async start(inner: CryptoBackend, threads: number): Promise<VerifyAhead> {
    const pool = new Piscina({
      filename: new URL('./verify-worker.js', import.meta.url).href,
      minThreads: threads,
      maxThreads: threads,
      // Tasks go straight to a worker's own queue: the main thread is busy simulating and does
      // not turn its event loop often enough to feed a Piscina queue.
      concurrentTasksPerWorker: 1 << 20,
    });
    const va = new VerifyAhead(pool, inner);
    await Promise.all(Array.from({ length: threads }, () => pool.run({ init: va.state.buffer })));
    return va;
  }

  /** Key pairs already derived elsewhere (the founders, on the keys pool). */
  rememberKeys(pairs: readonly KeyPair[]): void {
    for (const k of pairs) this.publicKeys.set(sigKey(k.secretKey), fromHex(k.publicKey, 32));
  }

  private publicKeyOf(secretKey: Uint8Array): Uint8Array {
    const id = sigKey(secretKey);
    let pk = this.publicKeys.get(id);
    if (pk === undefined) {
      pk = this.inner.publicKeyOf(secretKey);
      this.publicKeys.set(id, pk);
    }
    return pk;
  }

  /** Queues a signature for verification on the pool. */
  submit(s: SignedPayload): void {
    const key = sigKey(s.signature);
    if (this.jobs.has(key)) return; // a resent message: already queued
    const slot = this.seq % SLOTS;
    const word = (((Math.floor(this.seq / SLOTS) + 1) & 0x1fffffff) << 2) >>> 0;
    this.seq += 1;
    const old = this.keyOfSlot[slot];
    if (old !== undefined) this.jobs.delete(old);
    this.keyOfSlot[slot] = key;
    Atomics.store(this.state, slot, word | SlotState.Pending);
    this.jobs.set(key, { slot, word, publicKey: s.publicKey, payload: s.payload });
    this.batch.push({ slot, word, s });
    this.stats.submitted += 1;
    if (this.batch.length >= BATCH_SIGNATURES) this.flush();
  }

  /** Sends the partial batch (called between simulation slices). */
  flush(): void {
    const b = this.batch;
    if (b.length === 0) return;
    this.batch = [];
    let bytes = 0;
    for (const j of b) bytes += j.s.payload.length;
    const task: VerifyBatch = {
      slots: Int32Array.from(b, (j) => j.slot),
      words: Int32Array.from(b, (j) => j.word),
      keys: new Uint8Array(b.length * 32),
      signatures: new Uint8Array(b.length * 64),
      payloads: new Uint8Array(bytes),
      ends: new Int32Array(b.length),
    };
    let at = 0;
    b.forEach((j, i) => {
      task.keys.set(j.s.publicKey, i * 32);
      task.signatures.set(j.s.signature, i * 64);
      task.payloads.set(j.s.payload, at);
      at += j.s.payload.length;
      task.ends[i] = at;
    });
    const p = this.pool.run(task).catch(() => 0); // a failed batch only means main verifies
    this.inFlight.add(p);
    void p.then(() => this.inFlight.delete(p));
  }

  /** The base backend: signatures it makes are queued, and verify is answered from the pool. */
  backend(): CryptoBackend {
    const inner = this.inner;
    return {
      name: inner.name,
      sha256: (d) => inner.sha256(d),
      publicKeyOf: (k) => this.publicKeyOf(k),
      sign: (secretKey, payload) => {
        const signature = inner.sign(secretKey, payload);
        this.submit({ publicKey: this.publicKeyOf(secretKey), payload, signature });
        return signature;
      },
      verify: (publicKey, payload, signature) => {
        const verdict = this.claim(publicKey, payload, signature);
        return verdict ?? inner.verify(publicKey, payload, signature);
      },
    };
  }

  /** The pool's verdict, or null when this thread must verify. */
  private claim(publicKey: Uint8Array, payload: Uint8Array, signature: Uint8Array): boolean | null {
    const key = signature.length === 64 ? sigKey(signature) : '';
    const job = this.jobs.get(key);
    if (job === undefined || !same(job.publicKey, publicKey) || !same(job.payload, payload)) {
      this.stats.notSubmitted += 1;
      return null;
    }
    this.jobs.delete(key);
    this.keyOfSlot[job.slot] = undefined;
    const pending = job.word | SlotState.Pending;
    const working = job.word | SlotState.Working;
    const seen = Atomics.compareExchange(this.state, job.slot, pending, working);
    if (seen === pending) {
      this.stats.byMain += 1;
      return null;
    }
    if (seen === working) Atomics.wait(this.state, job.slot, working);
    const now = Atomics.load(this.state, job.slot);
    if (now === (job.word | SlotState.Ok) || now === (job.word | SlotState.Bad)) {
      this.stats.byWorker += 1;
      return now === (job.word | SlotState.Ok);
    }
    return null;
  }

  async close(): Promise<void> {
    await Promise.all(this.inFlight);
    await this.pool.destroy();
  }
}
