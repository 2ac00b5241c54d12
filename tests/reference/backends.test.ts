// Both crypto backends drive the reference node to the same chain: identical block hashes and
// identical verdicts (MOD-004 determinism across backends).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { referenceFactory } from '../../harness/adapters/reference.js';
import { buildAlliance } from '../../harness/local/alliance.js';

function run(crypto: 'node' | 'noble') {
  const a = buildAlliance({ seed: 8, founders: 4, outsiders: 1, factory: referenceFactory, crypto });
  for (const k of a.founders) a.net.command(k.publicKey, { type: 'start' }, 2_000);
  a.net.command(a.outsiders[0]!.publicKey, { type: 'requestShare', server: a.founders[1]!.publicKey, label: 'a=b', nonce: 1 }, 2_100);
  a.net.run(4_000);
  return { commits: [...a.net.commits.get(a.founders[0]!.publicKey)!], digest: a.net.nodes.get(a.founders[2]!.publicKey)!.digest(), errors: a.net.errors.map((e) => e.error.code) };
}

test('node:crypto and @noble commit the same blocks, reach the same digest and refuse the same inputs', () => {
  const viaNode = run('node');
  const viaNoble = run('noble');
  assert.ok(viaNode.commits.length > 5);
  assert.equal(viaNoble.commits, viaNode.commits);
  assert.is(viaNoble.digest, viaNode.digest);
  assert.equal(viaNoble.errors, viaNode.errors);
});

test.run();
