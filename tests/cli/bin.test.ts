// `npx raa-bench` runs the package's bin file itself (through its shebang), so the build must
// leave it executable: a rebuilt dist/ once lost the mode and `npx raa-bench` said "Permission denied".
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';

const BIN = new URL('../../harness/cli/main.js', import.meta.url).pathname;
const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { bin: Record<string, string> };

test('the bin named in package.json is the CLI, and runs as a program', () => {
  assert.ok(BIN.endsWith(pkg.bin['raa-bench'] as string), `package.json bin ${pkg.bin['raa-bench']} is not ${BIN}`);
  const r = spawnSync(BIN, ['--help'], { encoding: 'utf8' });
  assert.is(r.error, undefined, `running ${BIN} directly: ${String(r.error)}`);
  assert.is(r.status, 0, r.stderr);
  assert.match(r.stdout, /raa-bench run/);
});

test.run();
