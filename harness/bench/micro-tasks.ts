// The micro-benchmark tasks: hashing and signatures on each crypto backend, canonical encoding,
// and the event queue. Each task's function may do several operations per call (`opsPerCall`)
// so that timer overhead stays small beside sub-microsecond work.

import { canonicalBytes, createCryptoBackend, deriveKeyPair, fromHex, makeVote, type CryptoBackendName } from '../../protocol/index.js';
import { EventHeap } from '../sim/heap.js';

export interface MicroTask {
  /** Unique key in metrics.micro, `group:backend`. */
  readonly name: string;
  /** What is compared across backends (charted together). */
  readonly group: string;
  readonly backend: string;
  readonly opsPerCall: number;
  readonly fn: () => void;
  /** Untimed preparation before each call (e.g. a fresh node once the recorded blocks run out). */
  readonly beforeEach?: () => void;
}

const BACKEND_LABEL: Record<CryptoBackendName, [string, string]> = {
  node: ['node', 'node:crypto'],
  noble: ['noble', '@noble'],
  sodium: ['sodium', 'libsodium'],
};

let sink = 0; // keeps results observable so the JIT cannot drop the work

function cryptoTasks(name: CryptoBackendName): MicroTask[] {
  const c = createCryptoBackend(name);
  const [key, label] = BACKEND_LABEL[name];
  const data1k = new Uint8Array(1024).map((_, i) => (i * 31) & 0xff);
  const keys = deriveKeyPair(c, 'micro', 1);
  const message = new Uint8Array(128).map((_, i) => (i * 7) & 0xff);
  const signature = c.sign(keys.secretKey, message);
  const publicKey = fromHex(keys.publicKey);
  return [
    { name: `sha256-1KiB:${key}`, group: 'sha256-1KiB', backend: label, opsPerCall: 1, fn: () => void (sink ^= c.sha256(data1k)[0]!) },
    { name: `ed25519-sign:${key}`, group: 'ed25519-sign-128B', backend: label, opsPerCall: 1, fn: () => void (sink ^= c.sign(keys.secretKey, message)[0]!) },
    {
      name: `ed25519-verify:${key}`,
      group: 'ed25519-verify-128B',
      backend: label,
      opsPerCall: 1,
      fn: () => void (sink ^= c.verify(publicKey, message, signature) ? 1 : 0),
    },
  ];
}

function encodingTask(): MicroTask {
  const c = createCryptoBackend('node');
  const keys = deriveKeyPair(c, 'micro', 2);
  const vote = makeVote(c, keys, 'alliance-1', 'ab'.repeat(32), true);
  return { name: 'canonical-json:vote', group: 'canonical-json-vote', backend: 'canonicalize', opsPerCall: 1, fn: () => void (sink ^= canonicalBytes(vote).length) };
}

/** Steady-state queue of 10,000 events: each call pops the earliest and pushes a later one, 256 times. */
function heapTask(): MicroTask {
  const heap = new EventHeap(16_384);
  let x = 12345;
  const nextDelay = (): number => {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0; // LCG: no Math.random in the hot loop
    return (x >>> 16) % 1000;
  };
  for (let i = 0; i < 10_000; i += 1) heap.push(nextDelay(), i);
  const batch = 256;
  return {
    name: 'event-heap:typed-array',
    group: 'event-queue-push+pop',
    backend: 'typed-array heap',
    opsPerCall: batch,
    fn: () => {
      for (let i = 0; i < batch; i += 1) {
        const now = heap.peekTime();
        const item = heap.pop();
        heap.push(now + 1 + nextDelay(), item);
      }
    },
  };
}

/**
 * A group of tasks built together (they share keys or a recorded chain). `names` is known
 * without building, so a filter skips the setup of groups it excludes.
 */
export interface MicroTaskSource {
  readonly names: readonly string[];
  readonly build: () => MicroTask[];
}

const cryptoNames = (key: string): string[] => ['sha256-1KiB', 'ed25519-sign', 'ed25519-verify'].map((g) => `${g}:${key}`);

export const BUILTIN_SOURCES: readonly MicroTaskSource[] = [
  { names: cryptoNames('node'), build: () => cryptoTasks('node') },
  { names: cryptoNames('noble'), build: () => cryptoTasks('noble') },
  { names: cryptoNames('sodium'), build: () => cryptoTasks('sodium') },
  { names: ['canonical-json:vote'], build: () => [encodingTask()] },
  { names: ['event-heap:typed-array'], build: () => [heapTask()] },
];

/** Builds the tasks whose name contains `filter` (all without one), built-in sources first. */
export function defaultMicroTasks(extra: readonly MicroTaskSource[] = [], filter?: string): MicroTask[] {
  const matches = (name: string): boolean => !filter || name.includes(filter);
  return [...BUILTIN_SOURCES, ...extra]
    .filter((s) => s.names.some(matches))
    .flatMap((s) => s.build())
    .filter((t) => matches(t.name));
}

export function microSink(): number {
  return sink;
}
