// Piscina worker of the crypto-ahead pool (crypto-ahead.ts): verifies or signs a batch and
// writes each result into the shared slot tables, unless the main thread claimed the slot first.

import { createSodiumBackend } from '../../protocol/index.js';
import { SlotState } from './ahead-ring.js';
import { unpackBatch, type PackedBatch } from './batch-pack.js';

const crypto = createSodiumBackend();
let verifyState: Int32Array | null = null;
let signState: Int32Array | null = null;
let signatures: Uint8Array | null = null;

export interface InitTask {
  readonly kind: 'init';
  readonly verifyState: SharedArrayBuffer;
  readonly signState: SharedArrayBuffer;
  readonly signatures: SharedArrayBuffer;
}

function claim(s: Int32Array, slot: number, word: number): boolean {
  return Atomics.compareExchange(s, slot, word | SlotState.Pending, word | SlotState.Working) === (word | SlotState.Pending);
}

function finish(s: Int32Array, slot: number, word: number, ok: boolean): void {
  Atomics.store(s, slot, word | (ok ? SlotState.Ok : SlotState.Bad));
  Atomics.notify(s, slot);
}

export default function cryptoAheadTask(task: InitTask | PackedBatch): number {
  if (task.kind === 'init') {
    verifyState = new Int32Array(task.verifyState);
    signState = new Int32Array(task.signState);
    signatures = new Uint8Array(task.signatures);
    return 0;
  }
  if (verifyState === null || signState === null || signatures === null) throw new Error('crypto-ahead worker: batch before init');
  const b = unpackBatch(task);
  let done = 0;
  for (let i = 0; i < task.count; i++) {
    const slot = b.slots[i] as number;
    const word = b.words[i] as number;
    const payload = b.payloads.subarray(i === 0 ? 0 : (b.ends[i - 1] as number), b.ends[i]);
    const key = b.keys.subarray(i * 32, i * 32 + 32);
    if (task.kind === 'verify') {
      if (!claim(verifyState, slot, word)) continue;
      let ok = false;
      try {
        ok = crypto.verify(key, payload, b.signatures.subarray(i * 64, i * 64 + 64));
      } catch {
        ok = false;
      }
      finish(verifyState, slot, word, ok);
    } else {
      if (!claim(signState, slot, word)) continue;
      let ok = true;
      try {
        signatures.set(crypto.sign(key, payload), slot * 64);
      } catch {
        ok = false;
      }
      finish(signState, slot, word, ok);
    }
    done++;
  }
  return done;
}
