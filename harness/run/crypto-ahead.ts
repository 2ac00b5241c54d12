// Crypto-ahead: Ed25519 work of simulated nodes done on a Piscina worker while the simulation
// runs on the main thread.
// - verify-ahead: every signature a node makes through this backend is queued for verification
//   the moment it is made; a receiver that later verifies it gets the worker's verdict.
// - sign-ahead: the simulator may queue signatures it expects a node to make (a member's vote
//   on a request it just saw committed); the node's sign() call then finds it done.
// - forecasts made seconds ahead (votes on a request the workload will submit) go to a second,
//   lower lane of the queue, and the worker verifies each signature it makes for them, as a
//   receiver would: the verdict is then ready when the vote arrives, with no job queued for it.
// Ed25519 signing is deterministic and a verdict is a pure function of (key, payload,
// signature), so results, head hash included, are the same with or without the pool and for
// any worker count; only wall time changes. A job is done once, by whoever claims it first.

import { Piscina } from 'piscina';
import type { CryptoBackend, KeyPair } from '../../contract/index.js';
import { bytesKey, fromHex, hasKnownKeyPairs } from '../../protocol/index.js';
import { AheadRing } from './ahead-ring.js';
import { createQueueBuffers, JobKind, JobQueueWriter } from './job-queue.js';
import { signatureKey, signJobKey } from './job-keys.js';
import type { ServeTask } from './crypto-ahead-worker.js';

/** Jobs queued but not yet asked for, per ring (older ones are forgotten, then done on demand). */
const VERIFY_SLOTS = 1 << 18;
const SIGN_SLOTS = 1 << 16;
/** Bytes of each lane of a worker's job queue (a vote's record is ~400 bytes). */
const QUEUE_BYTES = 1 << 24;
/** What a job is needed for: within milliseconds, or a forecast seconds ahead. */
export const enum Lane {
  Urgent = 0,
  Forecast = 1,
}
const LANES = 2;

interface VerifyJob {
  readonly publicKey: Uint8Array;
  readonly payload: Uint8Array;
  readonly signature: Uint8Array;
}
interface SignJob {
  readonly secretKey: Uint8Array;
  readonly payload: Uint8Array;
}

export interface CryptoAheadStats {
  /** `withSignature`: verdicts the worker made with a forecast signature (byWorker counts them too). */
  verify: { submitted: number; byWorker: number; byMain: number; notSubmitted: number; withSignature: number };
  sign: { submitted: number; byWorker: number; byMain: number; notSubmitted: number };
}

const same = (a: Uint8Array, b: Uint8Array): boolean => a.length === b.length && Buffer.compare(a, b) === 0;

export class CryptoAhead {
  readonly stats: CryptoAheadStats = {
    verify: { submitted: 0, byWorker: 0, byMain: 0, notSubmitted: 0, withSignature: 0 },
    sign: { submitted: 0, byWorker: 0, byMain: 0, notSubmitted: 0 },
  };
  private readonly verifies = new AheadRing<VerifyJob>(VERIFY_SLOTS);
  private readonly signs = new AheadRing<SignJob>(SIGN_SLOTS);
  private readonly signatures = new Uint8Array(new SharedArrayBuffer(SIGN_SLOTS * 64));
  private readonly signVerified = new Uint8Array(new SharedArrayBuffer(SIGN_SLOTS));
  /** One queue per worker thread, filled in turn: a writer per lane. */
  private readonly queues: JobQueueWriter[][] = [];
  private next = 0;
  private readonly serving: Promise<number>[] = [];
  /** Public key by secret key (bytesKey): a signer's key pair is derived once, not per signature. */
  private readonly publicKeys = new Map<string, Uint8Array>();
  /** The same, by the secret key's array object (a node passes its own each time): no string. */
  private readonly publicKeyByArray = new WeakMap<Uint8Array, Uint8Array>();

  private constructor(
    private readonly pool: Piscina,
    private readonly inner: CryptoBackend,
  ) {}

  /** A pool of `threads` workers, ready (the first task waits for them to start). */
  static async start(inner: CryptoBackend, threads: number): Promise<CryptoAhead> {
    const pool = new Piscina({
      filename: new URL('./crypto-ahead-worker.js', import.meta.url).href,
      minThreads: threads,
      maxThreads: threads,
      // One serve task per thread, each running until close().
      concurrentTasksPerWorker: 1,
    });
    const ca = new CryptoAhead(pool, inner);
    for (let i = 0; i < threads; i++) {
      const queue = createQueueBuffers(QUEUE_BYTES, LANES);
      ca.queues.push(Array.from({ length: LANES }, (_, lane) => new JobQueueWriter(queue, lane)));
      const task: ServeTask = {
        kind: 'serve',
        verifyState: ca.verifies.state.buffer as SharedArrayBuffer,
        signState: ca.signs.state.buffer as SharedArrayBuffer,
        signatures: ca.signatures.buffer as SharedArrayBuffer,
        signVerified: ca.signVerified.buffer as SharedArrayBuffer,
        queue,
      };
      // A failed worker only means the main thread does its jobs (they stay pending).
      ca.serving.push(pool.run(task).catch(() => 0));
    }
    return ca;
  }

  /** Key pairs already derived elsewhere (the founders, on the keys pool). */
  rememberKeys(pairs: readonly KeyPair[]): void {
    for (const k of pairs) {
      const publicKey = fromHex(k.publicKey, 32);
      this.publicKeys.set(bytesKey(k.secretKey), publicKey);
      // A member's first signature made on this thread then skips the key derivation.
      if (hasKnownKeyPairs(this.inner)) this.inner.rememberKeyPair(k.secretKey, publicKey);
    }
  }

  private publicKeyOf(secretKey: Uint8Array): Uint8Array {
    let pk = this.publicKeyByArray.get(secretKey);
    if (pk !== undefined) return pk;
    const id = bytesKey(secretKey);
    pk = this.publicKeys.get(id);
    if (pk === undefined) {
      pk = this.inner.publicKeyOf(secretKey);
      this.publicKeys.set(id, pk);
    }
    this.publicKeyByArray.set(secretKey, pk);
    return pk;
  }

  private queue(lane: Lane): JobQueueWriter {
    const q = (this.queues[this.next] as JobQueueWriter[])[lane] as JobQueueWriter;
    this.next = (this.next + 1) % this.queues.length;
    return q;
  }

  /** Queues a signature for verification. */
  submitVerify(job: VerifyJob): void {
    const at = this.verifies.add(signatureKey(job.signature), job);
    if (at === null) return;
    // Not queued (full): the job stays pending, and the main thread does it if asked.
    if (this.queue(Lane.Urgent).push(JobKind.Verify, at.slot, at.word, job.publicKey, job.signature, job.payload)) this.stats.verify.submitted += 1;
  }

  /** Queues a signature a node is expected to make: soon (signed only), or seconds ahead
   *  (signed, then verified by the worker too). */
  submitSign(secretKey: Uint8Array, payload: Uint8Array, lane: Lane = Lane.Urgent): void {
    const job = { secretKey, payload };
    const at = this.signs.add(signJobKey(secretKey, payload), job);
    if (at === null) return;
    const kind = lane === Lane.Forecast ? JobKind.SignVerify : JobKind.Sign;
    if (this.queue(lane).push(kind, at.slot, at.word, secretKey, null, payload)) this.stats.sign.submitted += 1;
  }

  /** The base backend: signatures it makes are queued for verification; sign and verify are
   *  answered from the pool when the job was queued. */
  backend(): CryptoBackend {
    const inner = this.inner;
    return {
      name: inner.name,
      sha256: (d) => inner.sha256(d),
      publicKeyOf: (k) => this.publicKeyOf(k),
      sign: (secretKey, payload) => {
        const slot = this.signed(secretKey, payload);
        const signature = slot < 0 ? inner.sign(secretKey, payload) : this.signatures.slice(slot * 64, slot * 64 + 64);
        const job = { publicKey: this.publicKeyOf(secretKey), payload, signature };
        if (slot >= 0 && this.signVerified[slot] === 1) {
          // The worker verified it when it made it: a receiver's verify finds the verdict.
          if (this.verifies.addDone(signatureKey(signature), job, true)) this.stats.verify.withSignature += 1;
        } else {
          this.submitVerify(job);
        }
        return signature;
      },
      verify: (publicKey, payload, signature) => this.verdict(publicKey, payload, signature) ?? inner.verify(publicKey, payload, signature),
    };
  }

  /** The sign slot holding the worker's signature of (secretKey, payload); −1 when none. */
  private signed(secretKey: Uint8Array, payload: Uint8Array): number {
    const s = this.stats.sign;
    if (this.signs.queued === 0) {
      s.notSubmitted += 1; // nothing forecast: skip building the lookup key (most consensus signatures)
      return -1;
    }
    const t = this.signs.take(signJobKey(secretKey, payload), (j) => same(j.secretKey, secretKey) && same(j.payload, payload));
    if (t.taken === 'unknown') s.notSubmitted += 1;
    if (t.taken !== 'worker' || !t.ok) {
      if (t.taken !== 'unknown') s.byMain += 1;
      return -1;
    }
    s.byWorker += 1;
    return t.slot;
  }

  private verdict(publicKey: Uint8Array, payload: Uint8Array, signature: Uint8Array): boolean | null {
    // The key is six bytes of the signature: the rest must match too (a forged signature may
    // share them with a good one).
    const t = this.verifies.take(signature.length === 64 ? signatureKey(signature) : -1, (j) => same(j.signature, signature) && same(j.publicKey, publicKey) && same(j.payload, payload));
    const s = this.stats.verify;
    if (t.taken === 'unknown') s.notSubmitted += 1;
    else if (t.taken === 'main') s.byMain += 1;
    else s.byWorker += 1;
    return t.taken === 'worker' ? t.ok : null;
  }

  async close(): Promise<void> {
    for (const lanes of this.queues) lanes[0]?.stop(); // stops the whole queue, every lane
    await Promise.all(this.serving);
    await this.pool.destroy();
  }
}
