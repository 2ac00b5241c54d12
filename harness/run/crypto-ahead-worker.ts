// Piscina worker of the crypto-ahead pool (crypto-ahead.ts): one long task per thread that takes
// jobs from its shared queue (job-queue.ts) until told to stop, verifies or signs each, and writes
// the result into the shared slot tables, unless the main thread claimed the slot first.

import { createSodiumBackend } from '../../protocol/index.js';
import { SlotState } from './ahead-ring.js';
import { JobKind, JobQueueReader, type Job, type QueueBuffers } from './job-queue.js';

const crypto = createSodiumBackend();

export interface ServeTask {
  readonly kind: 'serve';
  readonly verifyState: SharedArrayBuffer;
  readonly signState: SharedArrayBuffer;
  readonly signatures: SharedArrayBuffer;
  /** A byte per sign slot: 1 when the worker also verified the signature it made. */
  readonly signVerified: SharedArrayBuffer;
  readonly queue: QueueBuffers;
}

interface Tables {
  readonly verifyState: Int32Array;
  readonly signState: Int32Array;
  readonly signatures: Uint8Array;
  readonly signVerified: Uint8Array;
}

function claim(s: Int32Array, slot: number, word: number): boolean {
  return Atomics.compareExchange(s, slot, word | SlotState.Pending, word | SlotState.Working) === (word | SlotState.Pending);
}

function finish(s: Int32Array, slot: number, word: number, ok: boolean): void {
  Atomics.store(s, slot, word | (ok ? SlotState.Ok : SlotState.Bad));
  Atomics.notify(s, slot);
}

/** Does one job unless the main thread claimed it first; true when done here. */
export function doJob(job: Job, t: Tables): boolean {
  if (job.kind === JobKind.Verify) {
    if (!claim(t.verifyState, job.slot, job.word)) return false;
    let ok = false;
    try {
      ok = crypto.verify(job.key, job.payload, job.signature);
    } catch {
      ok = false;
    }
    finish(t.verifyState, job.slot, job.word, ok);
    return true;
  }
  if (!claim(t.signState, job.slot, job.word)) return false;
  let ok = true;
  let verified = false;
  try {
    const signature = crypto.sign(job.key, job.payload);
    t.signatures.set(signature, job.slot * 64);
    // Checked as any receiver would check it: libsodium's verify, the signer's public key, the
    // same bytes. Written before finish(), whose store publishes it with the signature.
    if (job.kind === JobKind.SignVerify) verified = crypto.verify(crypto.publicKeyOf(job.key), job.payload, signature);
  } catch {
    ok = false;
  }
  t.signVerified[job.slot] = verified ? 1 : 0;
  finish(t.signState, job.slot, job.word, ok);
  return true;
}

/** Serves the queue until the main thread stops it; returns the jobs done here. */
export default function cryptoAheadTask(task: ServeTask): number {
  const tables: Tables = {
    verifyState: new Int32Array(task.verifyState),
    signState: new Int32Array(task.signState),
    signatures: new Uint8Array(task.signatures),
    signVerified: new Uint8Array(task.signVerified),
  };
  const queue = new JobQueueReader(task.queue);
  let done = 0;
  do {
    for (let job = queue.next(); job !== null; job = queue.next()) if (doJob(job, tables)) done++;
  } while (queue.waitForJobs());
  return done;
}
