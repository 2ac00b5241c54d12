// Out-of-process adapter, adapter side, for any NodeFactory written in TypeScript: reads request
// frames from stdin, answers on stdout (frames only), logs on stderr. It keeps no clock and no
// randomness: keys and seeds arrive in the create frame, time with each apply frame.

import { createInterface } from 'node:readline';
import type { Input, NodeFactory } from '../../contract/index.js';
import { AdapterFailure, type DataOp, type InstanceSpec } from './adapter.js';
import { InProcessAdapter } from './in-process.js';
import { ADAPTER_PROTOCOL_VERSION, DEFAULT_MAX_FRAME_BYTES, type RequestFrame } from './wire.js';

type Reply = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: { kind: string; message: string } };

function str(frame: RequestFrame, key: string): string {
  const value = frame[key];
  if (typeof value !== 'string') throw new AdapterFailure('ERROR', `'${frame.op}' frame needs a string '${key}'`);
  return value;
}

async function answer(inner: InProcessAdapter, frame: RequestFrame): Promise<unknown> {
  switch (frame.op) {
    case 'hello': {
      const info = await inner.open();
      return {
        protocol: ADAPTER_PROTOCOL_VERSION,
        implementation: info.implementation,
        capabilities: info.capabilities,
        maxFrameBytes: DEFAULT_MAX_FRAME_BYTES,
      };
    }
    case 'create':
      return inner.create(frame as unknown as InstanceSpec);
    case 'reset':
      return inner.reset(str(frame, 'instance'));
    case 'restart':
      return inner.restart(str(frame, 'instance'));
    case 'destroy':
      await inner.destroy(str(frame, 'instance'));
      return {};
    case 'apply':
      return inner.apply(str(frame, 'instance'), frame['input'] as Input, frame['nowMs'] as number);
    case 'query':
      return inner.query(str(frame, 'instance'));
    case 'digest':
      return { digest: await inner.digest(str(frame, 'instance')) };
    case 'data':
      return inner.data(str(frame, 'instance'), frame['data'] as DataOp);
    case 'shutdown':
      return {};
    default:
      throw new AdapterFailure('ERROR', `unsupported op ${JSON.stringify(frame.op)}`);
  }
}

/** Serves one factory over stdio until stdin closes or a shutdown frame arrives. */
export function serveStdio(factory: NodeFactory): Promise<void> {
  const inner = new InProcessAdapter(factory);
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  const write = (reply: Reply): void => void process.stdout.write(`${JSON.stringify(reply)}\n`);
  return new Promise((resolve) => {
    let queue = Promise.resolve();
    lines.on('line', (line) => {
      queue = queue.then(async () => {
        let frame: RequestFrame;
        try {
          frame = JSON.parse(line) as RequestFrame;
        } catch {
          process.stderr.write(`adapter: ignoring a line that is not JSON\n`);
          return;
        }
        try {
          write({ id: frame.id, ok: true, result: await answer(inner, frame) });
        } catch (error) {
          // A node that threw is 'node-crash' (the harness reports CRASH); the rest is 'bad-request'.
          const kind = error instanceof AdapterFailure && error.kind === 'ERROR' ? 'bad-request' : 'node-crash';
          write({ id: frame.id, ok: false, error: { kind, message: error instanceof Error ? error.message : String(error) } });
        }
        if (frame.op === 'shutdown') lines.close();
      });
    });
    lines.on('close', () => void queue.then(resolve));
  });
}
