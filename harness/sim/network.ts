// Network model: fixed per-link base latency (a stable hash of the link, so no n² table),
// per-message jitter, loss, uplink bandwidth (a message to many receivers is serialised on the
// sender's link), partitions. All arithmetic is on integers (microseconds).

import type { NetworkSpec } from './scenario.js';
import type { Xoshiro128 } from './prng.js';

function linkHash(a: number, b: number, salt: number): number {
  let h = Math.imul(a ^ salt, 0x9e3779b1) ^ Math.imul(b + 0x7f4a7c15, 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d);
  h = Math.imul(h ^ (h >>> 12), 0x297a2d39);
  return (h ^ (h >>> 15)) >>> 0;
}

export class NetworkModel {
  private readonly minUs: number;
  private readonly spanUs: number;
  private readonly jitterUs: number;
  private readonly bytesPerSec: number;
  private readonly linkFreeUs: Float64Array;
  private readonly salt: number;
  /** Partition side per node (0 = majority); null when no partition is active. */
  private side: Uint8Array | null = null;
  dropped = 0;
  sent = 0;

  constructor(
    private readonly spec: NetworkSpec,
    nodesMax: number,
    private readonly rng: Xoshiro128,
  ) {
    this.minUs = spec.latencyMs.min * 1000;
    this.spanUs = Math.max(0, spec.latencyMs.max - spec.latencyMs.min) * 1000;
    this.jitterUs = spec.jitterMs * 1000;
    this.bytesPerSec = spec.bandwidthBytesPerSec;
    this.linkFreeUs = new Float64Array(nodesMax);
    this.salt = rng.nextU32();
  }

  /** Partition: `minority` nodes on side 1, the rest on side 0. */
  partition(minority: readonly number[], nodes: number): void {
    const side = new Uint8Array(nodes);
    for (const i of minority) side[i] = 1;
    this.side = side;
  }

  heal(): void {
    this.side = null;
  }

  canReach(from: number, to: number): boolean {
    const side = this.side;
    return side === null || side[from] === side[to];
  }

  /** Time the sender's uplink finishes pushing `sizeBytes` started no earlier than `nowUs`. */
  transmit(from: number, nowUs: number, sizeBytes: number): number {
    const start = Math.max(nowUs, this.linkFreeUs[from] as number);
    // Exact in doubles (size × 10^6 < 2^53 for any message under 9 GB), so it replays the same
    // everywhere; the fixed point it replaces rounded 12.5 GB/s to free and 1.25 GB/s to 1 GB/s.
    const end = start + Math.floor((sizeBytes * 1_000_000) / this.bytesPerSec);
    this.linkFreeUs[from] = end;
    return end;
  }

  /**
   * Arrival time of one copy, or -1 when lost or partitioned. Draws from the network stream in
   * a fixed order per copy so runs replay exactly.
   */
  arrival(from: number, to: number, sentUs: number): number {
    this.sent += 1;
    if (!this.canReach(from, to)) {
      this.dropped += 1;
      return -1;
    }
    if (this.spec.lossPermille > 0 && this.rng.chancePermille(this.spec.lossPermille)) {
      this.dropped += 1;
      return -1;
    }
    const base = this.spanUs === 0 ? this.minUs : this.minUs + (linkHash(from, to, this.salt) % (this.spanUs + 1));
    const jitter = this.jitterUs === 0 ? 0 : this.rng.below(this.jitterUs + 1);
    return sentUs + base + jitter;
  }
}
