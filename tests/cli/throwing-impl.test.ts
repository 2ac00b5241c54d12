// A node implementation that throws while the simulator builds its nodes must end the run with an
// error, not leave the CLI hanging: the crypto-ahead pool (workers > 1, real crypto) is already
// running then, and its threads keep the process alive until closed.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';

const BIN = new URL('../../harness/cli/main.js', import.meta.url).pathname;
/** Far above the run's few seconds; a hang is killed here and fails the test. */
const EXIT_WITHIN_MS = 60_000;

test('a factory that throws on create: the run exits with its error (workers 2, real crypto)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'raa-throwing-impl-'));
  const module = join(dir, 'throwing-node.mjs');
  writeFileSync(module, "export default { implementation: { name: 'throwing', version: '0' }, create() { throw new Error('cannot start this node'); } };\n");
  const r = spawnSync(process.execPath, [BIN, 'run', '--scenario', 'smoke', '--impl', module, '--workers', '2', '--crypto', 'real', '--out', join(dir, 'out')], { encoding: 'utf8', timeout: EXIT_WITHIN_MS });
  assert.is(r.signal, null, `still running after ${EXIT_WITHIN_MS} ms (killed: ${r.signal})`);
  assert.is.not(r.status, 0);
  assert.match(r.stderr, /cannot start this node/);
});

test.run();
