// Piscina worker of the verify-ahead pool (verify-ahead.ts): verifies a batch of signatures and
// writes each verdict into the shared slot table, unless the main thread claimed the slot first.

import { createNodeCryptoBackend } from '../../protocol/index.js';
import { SlotState, type VerifyBatch } from './verify-slots.js';

const crypto = createNodeCryptoBackend({ keyImport: 'jwk' });
let state: Int32Array | null = null;

export default function verifyTask(task: { readonly init: SharedArrayBuffer } | VerifyBatch): number {
  if ('init' in task) {
    state = new Int32Array(task.init);
    return 0;
  }
  const s = state;
  if (s === null) throw new Error('verify-worker: batch before init');
  let done = 0;
  for (let i = 0; i < task.slots.length; i++) {
    const slot = task.slots[i] as number;
    const word = task.words[i] as number;
    if (Atomics.compareExchange(s, slot, word | SlotState.Pending, word | SlotState.Working) !== (word | SlotState.Pending)) continue;
    const start = i === 0 ? 0 : (task.ends[i - 1] as number);
    let ok = false;
    try {
      ok = crypto.verify(task.keys.subarray(i * 32, i * 32 + 32), task.payloads.subarray(start, task.ends[i]), task.signatures.subarray(i * 64, i * 64 + 64));
    } catch {
      ok = false;
    }
    Atomics.store(s, slot, word | (ok ? SlotState.Ok : SlotState.Bad));
    Atomics.notify(s, slot);
    done++;
  }
  return done;
}
