// The uplink model: a message of S bytes holds the sender's link for S / bandwidth, and copies to
// many receivers queue behind each other on it. The stated bandwidth must be the one modelled.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { NetworkModel } from '../../harness/sim/network.js';
import { rngStream } from '../../harness/sim/prng.js';
import type { NetworkSpec } from '../../harness/sim/scenario.js';

const spec = (bandwidthBytesPerSec: number): NetworkSpec => ({ latencyMs: { min: 2, max: 2 }, jitterMs: 0, lossPermille: 0, clockSkewMs: 0, bandwidthBytesPerSec });
const MIB = 1 << 20;

for (const [bandwidth, label] of [
  [125_000_000, '1 Gbit/s'],
  [1_250_000_000, '10 Gbit/s'],
  [12_500_000_000, '100 Gbit/s'],
] as const) {
  test(`${label}: 3,125 copies of a 1 MiB block take size × copies / bandwidth of uplink`, () => {
    const net = new NetworkModel(spec(bandwidth), 2, rngStream(1, 'net'));
    let end = 0;
    for (let i = 0; i < 3_125; i++) end = net.transmit(0, 0, MIB);
    const exactUs = (3_125 * MIB * 1e6) / bandwidth;
    assert.ok(Math.abs(end - exactUs) <= 3_125, `${end} µs, expected ${exactUs.toFixed(0)} µs (±1 µs per copy)`);
  });
}

test('a link is busy until its last copy is out; another sender is not', () => {
  const net = new NetworkModel(spec(1_000_000), 2, rngStream(1, 'net'));
  assert.is(net.transmit(0, 0, 1_000), 1_000);
  assert.is(net.transmit(0, 0, 1_000), 2_000, 'queued behind the first');
  assert.is(net.transmit(1, 0, 1_000), 1_000, 'its own link');
  assert.is(net.transmit(0, 5_000, 1_000), 6_000, 'an idle link starts when the message is sent');
});

test.run();
