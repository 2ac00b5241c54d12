// Ctrl-C end to end: `bench micro` interrupted mid-run writes partial results and exits 130.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';

const MAIN = new URL('../../harness/cli/main.js', import.meta.url).pathname;

async function interruptAfter(waitMs: number, out: string): Promise<{ code: number | null; stderr: string }> {
  const args = [MAIN, 'bench', 'micro', '--rounds', '100000', '--time-ms', '5', '--filter', 'sha256-1KiB:node', '--out', out, '--no-report'];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  await new Promise((r) => setTimeout(r, waitMs));
  child.kill('SIGINT');
  return { code: await exited, stderr };
}

test('Ctrl-C during bench micro: partial results (partial: true) and exit 130', async () => {
  const out = mkdtempSync(join(tmpdir(), 'raa-interrupt-'));
  // A round takes well under a second; on a very busy machine give the first one longer.
  let r = await interruptAfter(4_000, out);
  if (r.stderr.includes('nothing written')) r = await interruptAfter(12_000, out);
  assert.is(r.code, 130, r.stderr);
  assert.match(r.stderr, 'interrupted: partial results in');
  const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
  assert.is(results.partial, true);
  assert.ok(results.metrics.micro['sha256-1KiB:node'].opsPerSecSamples.length >= 1);
});

test.run();
