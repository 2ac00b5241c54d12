// Resolving `--impl reference|MODULE|CMD` to a NodeFactory the simulator can drive (it needs a
// synchronous handle(), so out-of-process commands are not simulated; conformance covers them).

import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { NodeFactory } from '../../contract/index.js';
import { referenceFactory } from '../adapters/reference.js';
import { UsageError } from '../cli/command.js';
import type { ImplUnderTest } from '../sim/simulate.js';

function isFactory(value: unknown): value is NodeFactory {
  return typeof value === 'object' && value !== null && typeof (value as NodeFactory).create === 'function' && typeof (value as NodeFactory).implementation === 'object';
}

export function referenceImpl(): ImplUnderTest {
  return { label: 'reference', factory: referenceFactory };
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
