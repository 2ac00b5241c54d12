// Out-of-process adapter, harness side: spawns `--impl CMD`, speaks JSON Lines over its stdio
// and turns every way it can go wrong into a typed AdapterFailure:
//   the process exits → CRASH; no answer in time → TIMEOUT; garbage, a wrong id or an oversized
//   frame → ERROR. After any of these the child is killed and every later call fails fast.

import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import type { HandleResult, Hex, Input, NodeStateView } from '../../contract/index.js';
import { AdapterFailure, type Adapter, type AdapterInfo, type DataOp, type DataOpResult, type InstanceSpec } from './adapter.js';
import {
  ADAPTER_PROTOCOL_VERSION,
  DEFAULT_MAX_FRAME_BYTES,
  checkHello,
  parseResponse,
  type RequestOp,
} from './wire.js';

export interface ProcessAdapterOptions {
  /** Longest wait for one answer. */
  readonly requestTimeoutMs?: number;
  /** Longest wait for the hello answer (process start-up included); default max(requestTimeoutMs, 10 s). */
  readonly helloTimeoutMs?: number;
  /** Wall-clock instant (Date.now() scale) after which every request times out at once. */
  readonly deadlineAtMs?: number;
  readonly maxFrameBytes?: number;
  /** Receives the adapter's stderr (its logs); default: kept as a tail for error messages only. */
  readonly onStderr?: (text: string) => void;
}

interface Pending {
  readonly op: RequestOp;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: AdapterFailure) => void;
  readonly timer: NodeJS.Timeout;
}

const STDERR_TAIL_BYTES = 2_000;
const KILL_GRACE_MS = 200;

export class ProcessAdapter implements Adapter {
  private child: ChildProcessWithoutNullStreams | undefined;
  private failure: AdapterFailure | undefined;
  private info: AdapterInfo | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private chunks: Buffer[] = [];
  private bufferedBytes = 0;
  private stderrTail = '';
  private exited: Promise<void> = Promise.resolve();
  private readonly requestTimeoutMs: number;
  private readonly maxFrameBytes: number;

  constructor(
    readonly command: string,
    private readonly options: ProcessAdapterOptions = {},
  ) {
    this.requestTimeoutMs = options.requestTimeoutMs ?? 10_000;
    this.maxFrameBytes = options.maxFrameBytes ?? DEFAULT_MAX_FRAME_BYTES;
  }

  async open(): Promise<AdapterInfo> {
    if (this.info) return this.info;
    this.spawnChild();
    const helloMs = this.options.helloTimeoutMs ?? Math.max(this.requestTimeoutMs, 10_000);
    const result = await this.request('hello', { protocol: ADAPTER_PROTOCOL_VERSION, maxFrameBytes: this.maxFrameBytes }, helloMs);
    const hello = checkHello(result);
    if (typeof hello === 'string') throw this.fail('ERROR', `bad hello from '${this.command}': ${hello}`);
    this.info = { implementation: hello.implementation, capabilities: hello.capabilities, transport: this.command };
    return this.info;
  }

  private spawnChild(): void {
    // `exec` makes the shell become the command, and `detached` gives it its own process group,
    // so killing -pid reaches anything it forked.
    const child = spawn('/bin/sh', ['-c', `exec ${this.command}`], { detached: true, stdio: ['pipe', 'pipe', 'pipe'] });
    this.child = child;
    this.exited = new Promise((resolve) => child.once('close', () => resolve()));
    child.stdout.on('data', (chunk: Buffer) => this.onStdout(chunk));
    child.stderr.on('data', (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      this.options.onStderr?.(text);
      this.stderrTail = (this.stderrTail + text).slice(-STDERR_TAIL_BYTES);
    });
    child.stdin.on('error', () => undefined); // EPIPE after a crash is reported by 'exit'.
    child.on('error', (error) => this.fail('CRASH', `cannot run '${this.command}': ${error.message}`));
    child.on('exit', (code, signal) => {
      if (this.failure) return;
      const how = signal ? `killed by ${signal}` : `exited with code ${String(code)}`;
      const tail = this.stderrTail.trim();
      this.fail('CRASH', `adapter process '${this.command}' ${how}${tail ? `; stderr: ${tail.slice(-500)}` : ''}`);
    });
  }

  private onStdout(chunk: Buffer): void {
    if (this.failure) return;
    let start = 0;
    for (let nl = chunk.indexOf(10, start); nl !== -1; nl = chunk.indexOf(10, start)) {
      const part = chunk.subarray(start, nl);
      const lineBytes = this.bufferedBytes + part.length;
      start = nl + 1;
      if (lineBytes > this.maxFrameBytes) {
        this.fail('ERROR', `oversized frame: ${lineBytes} bytes > maxFrameBytes ${this.maxFrameBytes}`);
        return;
      }
      const line = Buffer.concat([...this.chunks, part]).toString('utf8');
      this.chunks = [];
      this.bufferedBytes = 0;
      if (line.trim() !== '') this.onLine(line);
      if (this.failure) return;
    }
    const rest = chunk.subarray(start);
    this.bufferedBytes += rest.length;
    if (this.bufferedBytes > this.maxFrameBytes) {
      this.fail('ERROR', `oversized frame: more than maxFrameBytes ${this.maxFrameBytes} bytes without a newline`);
      return;
    }
    if (rest.length > 0) this.chunks.push(Buffer.from(rest));
  }

  private onLine(line: string): void {
    const frame = parseResponse(line);
    if (typeof frame === 'string') {
      this.fail('ERROR', `garbage on the adapter's stdout (${frame})`);
      return;
    }
    const pending = this.pending.get(frame.id);
    if (!pending) {
      const expected = [...this.pending.keys()];
      this.fail('ERROR', `answer with wrong id ${frame.id} (awaiting ${expected.length ? expected.join(', ') : 'nothing'})`);
      return;
    }
    this.pending.delete(frame.id);
    clearTimeout(pending.timer);
    if (frame.ok) pending.resolve(frame.result);
    else {
      const kind = frame.error.kind === 'node-crash' ? 'CRASH' : 'ERROR';
      pending.reject(new AdapterFailure(kind, `adapter answered '${pending.op}' with ${frame.error.kind}: ${frame.error.message}`));
    }
  }

  /** Records the first failure, rejects everything pending and kills the child. */
  private fail(kind: AdapterFailure['kind'], message: string): AdapterFailure {
    if (!this.failure) {
      this.failure = new AdapterFailure(kind, message);
      for (const p of this.pending.values()) {
        clearTimeout(p.timer);
        p.reject(this.failure);
      }
      this.pending.clear();
      this.kill();
    }
    return this.failure;
  }

  private kill(): void {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      child.kill('SIGKILL');
    }
  }

  private request(op: RequestOp, params: Record<string, unknown>, timeoutMs = this.requestTimeoutMs): Promise<unknown> {
    if (this.failure) {
      return Promise.reject(new AdapterFailure(this.failure.kind, `adapter unusable after: ${this.failure.message}`));
    }
    const child = this.child;
    if (!child) return Promise.reject(new AdapterFailure('ERROR', 'adapter not opened'));
    const id = this.nextId++;
    const remainingMs = this.options.deadlineAtMs === undefined ? Infinity : this.options.deadlineAtMs - Date.now();
    const waitMs = Math.max(0, Math.min(timeoutMs, remainingMs));
    const line = `${JSON.stringify({ id, op, ...params })}\n`;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        const why = waitMs < timeoutMs ? 'the run deadline passed' : `no answer within ${timeoutMs} ms`;
        this.fail('TIMEOUT', `'${op}' (request ${id}): ${why}`);
      }, waitMs);
      this.pending.set(id, { op, resolve, reject, timer });
      child.stdin.write(line);
    });
  }

  async create(spec: InstanceSpec): Promise<{ publicKey: Hex }> {
    return (await this.request('create', { ...spec })) as { publicKey: Hex };
  }
  async reset(instance: string): Promise<{ publicKey: Hex }> {
    return (await this.request('reset', { instance })) as { publicKey: Hex };
  }
  async restart(instance: string): Promise<{ publicKey: Hex }> {
    return (await this.request('restart', { instance })) as { publicKey: Hex };
  }
  async destroy(instance: string): Promise<void> {
    await this.request('destroy', { instance });
  }
  async apply(instance: string, input: Input, nowMs: number): Promise<HandleResult> {
    return (await this.request('apply', { instance, input, nowMs })) as HandleResult;
  }
  async query(instance: string): Promise<NodeStateView> {
    return (await this.request('query', { instance })) as NodeStateView;
  }
  async digest(instance: string): Promise<Hex> {
    const result = (await this.request('digest', { instance })) as { digest?: unknown };
    if (typeof result?.digest !== 'string') throw this.fail('ERROR', "digest result has no string 'digest'");
    return result.digest;
  }
  async data(instance: string, op: DataOp): Promise<DataOpResult> {
    return (await this.request('data', { instance, data: op })) as DataOpResult;
  }

  async close(): Promise<void> {
    const child = this.child;
    if (!child) return;
    if (!this.failure) {
      this.failure = new AdapterFailure('ERROR', 'adapter closed');
      for (const p of this.pending.values()) clearTimeout(p.timer);
      this.pending.clear();
      child.stdin.end();
    }
    const grace = new Promise<void>((resolve) => setTimeout(resolve, KILL_GRACE_MS).unref());
    await Promise.race([this.exited, grace]);
    this.kill();
    await Promise.race([this.exited, new Promise<void>((resolve) => setTimeout(resolve, KILL_GRACE_MS).unref())]);
  }
}
