// Resolving `--impl reference|MODULE|CMD` to a NodeFactory the simulator can drive (it needs a
// synchronous handle(), so out-of-process commands are not simulated; conformance covers them).

import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { NodeFactory } from '../../contract/index.js';
import { UsageError } from '../cli/command.js';
import type { ImplUnderTest } from '../sim/simulate.js';

function isFactory(value: unknown): value is NodeFactory {
  return typeof value === 'object' && value !== null && typeof (value as NodeFactory).create === 'function' && typeof (value as NodeFactory).implementation === 'object';
}

export async function referenceImpl(): Promise<ImplUnderTest> {
  // Kept a computed specifier until the adapter lands on main, so this branch builds without it.
  const spec = '../adapters/reference.js';
  const mod = (await import(spec)) as { referenceFactory?: unknown };
  if (!isFactory(mod.referenceFactory)) throw new UsageError('harness/adapters/reference.ts: expected an exported referenceFactory');
  return { label: 'reference', factory: mod.referenceFactory };
}

export async function resolveImpl(spec: string): Promise<ImplUnderTest> {
  if (spec === 'reference') return referenceImpl();
  const path = resolve(spec);
  if (/\.(c|m)?js$/.test(spec) && existsSync(path)) {
    const mod = (await import(pathToFileURL(path).href)) as { default?: unknown; factory?: unknown };
    const factory = isFactory(mod.default) ? mod.default : isFactory(mod.factory) ? mod.factory : undefined;
    if (factory === undefined) throw new UsageError(`--impl ${spec}: expected a NodeFactory exported as 'default' or 'factory'`);
    return { label: factory.implementation.name, factory };
  }
  throw new UsageError(
    `--impl ${spec}: expected 'reference' or a JS module file exporting a NodeFactory; out-of-process commands are driven by 'conformance', the simulator needs an in-process factory`,
  );
}
