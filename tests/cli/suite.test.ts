// The CLI end to end as a user runs it: `npm start` writes results.json; bad usage exits 2.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';

const MAIN = new URL('../../harness/cli/main.js', import.meta.url).pathname;
const cli = (...args: string[]) => spawnSync(process.execPath, [MAIN, ...args], { encoding: 'utf8' });

test('suite writes results.json with the head hash, and twice gives the same head hash (MOD-004)', () => {
  const dirs = [0, 1].map(() => mkdtempSync(join(tmpdir(), 'raa-suite-')));
  const heads = dirs.map((dir) => {
    const r = cli('suite', '--out', dir, '--stages', 'tour'); // the tour alone: the other stages are timed, not deterministic
    assert.is(r.status, 0, r.stderr);
    assert.match(r.stdout, /JOIN_REQUEST +outsider-0: allowed/);
    const results = JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8'));
    assert.is(typeof results.schemaVersion, 'string');
    assert.is(results.finalState.headHash.length, 64);
    assert.ok(results.finalState.height > 16);
    return results.finalState.headHash as string;
  });
  assert.is(heads[0], heads[1]);
});

test('an unknown command exits 2 with a message', () => {
  const r = cli('frobnicate');
  assert.is(r.status, 2);
  assert.match(r.stderr, /raa-bench: .*frobnicate/);
});

test.run();
