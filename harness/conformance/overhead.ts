// Adapter overhead: the same vectors through the reference node in process and through the
// example stdio adapter. Throughput = inputs applied per second of wall time spent inside
// `apply` calls (node creation, queries and digests excluded); median of the repeats.

import type { Adapter } from '../adapters/adapter.js';
import { InProcessAdapter } from '../adapters/in-process.js';
import { ProcessAdapter } from '../adapters/process-adapter.js';
import { referenceFactory } from '../adapters/reference.js';
import { runVectors } from './runner.js';
import type { Vector } from './vector.js';

export interface OverheadResult {
  readonly stdioCommand: string;
  readonly inputs: number;
  readonly inProcessInputsPerSec: number;
  readonly stdioInputsPerSec: number;
  readonly inProcessInputsPerSecSamples: number[];
  readonly stdioInputsPerSecSamples: number[];
  /** In-process throughput divided by stdio throughput (1 = no overhead). */
  readonly slowdownFactor: number;
  /** Extra wall time per input through stdio, in microseconds. */
  readonly overheadPerInputUs: number;
}

interface Counter {
  applies: number;
  applyMs: number;
}

function counting(inner: Adapter, counter: Counter): Adapter {
  return new Proxy(inner, {
    get(target, prop, receiver) {
      if (prop === 'apply') {
        return async (...args: Parameters<Adapter['apply']>) => {
          const started = performance.now();
          const result = await target.apply(...args);
          counter.applyMs += performance.now() - started;
          counter.applies += 1;
          return result;
        };
      }
      const value = Reflect.get(target, prop, receiver) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

async function throughput(open: () => Adapter, vectors: readonly Vector[]): Promise<{ inputs: number; perSec: number }> {
  const counter: Counter = { applies: 0, applyMs: 0 };
  const out = await runVectors({ openAdapter: () => counting(open(), counter), vectors });
  const bad = out.checks.find((c) => c.status !== 'PASS' && c.status !== 'SKIP');
  if (bad) throw new Error(`overhead run: ${bad.id} is ${bad.status}: ${bad.message ?? ''}`);
  return { inputs: counter.applies, perSec: (counter.applies * 1000) / counter.applyMs };
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

export async function measureOverhead(vectors: readonly Vector[], stdioCommand: string, repeats: number): Promise<OverheadResult> {
  const inProc: number[] = [];
  const stdio: number[] = [];
  let inputs = 0;
  for (let i = 0; i < repeats; i++) {
    const a = await throughput(() => new InProcessAdapter(referenceFactory), vectors);
    const b = await throughput(() => new ProcessAdapter(stdioCommand), vectors);
    inputs = a.inputs;
    inProc.push(Math.round(a.perSec));
    stdio.push(Math.round(b.perSec));
  }
  const inProcessInputsPerSec = median(inProc);
  const stdioInputsPerSec = median(stdio);
  return {
    stdioCommand,
    inputs,
    inProcessInputsPerSec,
    stdioInputsPerSec,
    inProcessInputsPerSecSamples: inProc,
    stdioInputsPerSecSamples: stdio,
    slowdownFactor: Math.round((inProcessInputsPerSec / stdioInputsPerSec) * 100) / 100,
    overheadPerInputUs: Math.round(1e6 / stdioInputsPerSec - 1e6 / inProcessInputsPerSec),
  };
}
