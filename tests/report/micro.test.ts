import { EventEmitter } from 'node:events';
import fc from 'fast-check';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runMicroIsolated } from '../../harness/bench/micro-isolated.js';
import { runMicro } from '../../harness/bench/micro-runner.js';
import { defaultMicroTasks } from '../../harness/bench/micro-tasks.js';
import { runInterruptible } from '../../harness/cli/interrupt.js';
import { progressEnabled } from '../../harness/cli/progress.js';

test('micro tasks cover both crypto backends, encoding and the event queue', () => {
  const names = defaultMicroTasks().map((t) => t.name);
  for (const n of ['sha256-1KiB:node', 'sha256-1KiB:noble', 'ed25519-sign:node', 'ed25519-sign:noble', 'ed25519-verify:node', 'ed25519-verify:noble', 'canonical-json:vote', 'event-heap:typed-array']) {
    assert.ok(names.includes(n), n);
  }
});

test('runMicro gives one ops/s sample per round with p50/p99 and rme', async () => {
  const tasks = defaultMicroTasks().filter((t) => t.name === 'sha256-1KiB:node' || t.name === 'event-heap:typed-array');
  const seen: number[] = [];
  const run = await runMicro(tasks, { rounds: 3, timeMs: 5, warmupMs: 2, onProgress: (d) => seen.push(d) });
  assert.is(run.aborted, false);
  assert.equal(seen, [1, 2, 3, 4, 5, 6]);
  for (const r of Object.values(run.tasks)) {
    assert.is(r.opsPerSecSamples.length, 3);
    assert.ok(r.opsPerSec > 0 && r.p50Ns > 0 && r.p99Ns >= r.p50Ns && r.rmePercent >= 0);
  }
});

test('isolated rounds: each round in a fresh worker gives one sample per task', async () => {
  const run = await runMicroIsolated({ rounds: 2, timeMs: 5, warmupMs: 2, filter: 'sha256-1KiB:node', withReference: false });
  assert.is(run.aborted, false);
  assert.equal(Object.keys(run.tasks), ['sha256-1KiB:node']);
  assert.is(run.tasks['sha256-1KiB:node']?.opsPerSecSamples.length, 2);
});

test('an aborted micro run returns the rounds it finished', async () => {
  const controller = new AbortController();
  const tasks = defaultMicroTasks().filter((t) => t.name === 'sha256-1KiB:node');
  const run = await runMicro(tasks, { rounds: 50, timeMs: 2, warmupMs: 1, signal: controller.signal, onProgress: (d) => d === 2 && controller.abort() });
  assert.is(run.aborted, true);
  assert.ok((run.tasks['sha256-1KiB:node']?.opsPerSecSamples.length ?? 0) >= 2);
});

test('Ctrl-C: the work is aborted, partial results are written, exit code 130', async () => {
  const fakeProcess = new EventEmitter();
  let wrote = false;
  const code = await runInterruptible(
    async (signal) => {
      fakeProcess.emit('SIGINT');
      assert.ok(signal.aborted);
      return 0;
    },
    () => {
      wrote = true;
    },
    fakeProcess,
  );
  assert.is(code, 130);
  assert.ok(wrote);
  assert.is(fakeProcess.listenerCount('SIGINT'), 0);
  assert.is(await runInterruptible(async () => 0, () => assert.unreachable(), fakeProcess), 0);
});

test('progress bars only on a TTY outside CI', () => {
  assert.ok(progressEnabled({ isTTY: true, ci: undefined }));
  assert.not.ok(progressEnabled({ isTTY: true, ci: 'true' }));
  assert.not.ok(progressEnabled({ isTTY: false, ci: undefined }));
  assert.ok(progressEnabled({ isTTY: true, ci: 'false' }));
});

test.run();
