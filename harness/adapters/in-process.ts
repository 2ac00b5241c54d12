// In-process adapter: drives a NodeFactory (the reference node, a TS module, a mutant) directly.
// Node exceptions become AdapterFailure('CRASH') so a throwing implementation is reported, not fatal.

import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { HandleResult, Hex, Input, NodeEnv, NodeFactory, NodeStateView, NodeUnderTest } from '../../contract/index.js';
import { AdapterFailure, type Adapter, type AdapterInfo, type DataOp, type DataOpResult, type InstanceSpec } from './adapter.js';
import { envFromSpec } from './node-env.js';

interface Live {
  readonly spec: InstanceSpec;
  node: NodeUnderTest;
  env: NodeEnv;
}

function describeThrown(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

export class InProcessAdapter implements Adapter {
  private readonly instances = new Map<string, Live>();

  constructor(
    private readonly factory: NodeFactory,
    private readonly transport = 'in-process',
  ) {}

  open(): Promise<AdapterInfo> {
    const { implementation, capabilities } = this.factory;
    return Promise.resolve({ implementation, capabilities, transport: this.transport });
  }

  private guard<T>(what: string, run: () => T): Promise<T> {
    try {
      return Promise.resolve(run());
    } catch (error) {
      if (error instanceof AdapterFailure) return Promise.reject(error);
      return Promise.reject(new AdapterFailure('CRASH', `${what} threw ${describeThrown(error)}`));
    }
  }

  private live(instance: string): Live {
    const live = this.instances.get(instance);
    if (!live) throw new AdapterFailure('ERROR', `unknown instance '${instance}'`);
    return live;
  }

  create(spec: InstanceSpec): Promise<{ publicKey: Hex }> {
    return this.guard(`create(${spec.instance})`, () => {
      if (this.instances.has(spec.instance)) throw new AdapterFailure('ERROR', `instance '${spec.instance}' exists`);
      const env = envFromSpec(spec);
      const node = this.factory.create(spec.config, env);
      this.instances.set(spec.instance, { spec, node, env });
      return { publicKey: node.publicKey };
    });
  }

  reset(instance: string): Promise<{ publicKey: Hex }> {
    return this.guard(`reset(${instance})`, () => {
      const live = this.live(instance);
      live.env = envFromSpec(live.spec);
      live.node = this.factory.create(live.spec.config, live.env);
      return { publicKey: live.node.publicKey };
    });
  }

  restart(instance: string): Promise<{ publicKey: Hex }> {
    return this.guard(`restart(${instance})`, () => {
      const live = this.live(instance);
      live.env = { ...envFromSpec(live.spec), storage: live.env.storage };
      live.node = this.factory.create(live.spec.config, live.env);
      return { publicKey: live.node.publicKey };
    });
  }

  destroy(instance: string): Promise<void> {
    this.instances.delete(instance);
    return Promise.resolve();
  }

  apply(instance: string, input: Input, nowMs: number): Promise<HandleResult> {
    return this.guard(`handle(${input.type})`, () => this.live(instance).node.handle(input, nowMs));
  }

  query(instance: string): Promise<NodeStateView> {
    return this.guard('query()', () => this.live(instance).node.query());
  }

  digest(instance: string): Promise<Hex> {
    return this.guard('digest()', () => this.live(instance).node.digest());
  }

  data(instance: string, op: DataOp): Promise<DataOpResult> {
    return this.guard(`data.${op.op}()`, () => {
      const data = this.live(instance).node.data;
      if (!data) throw new AdapterFailure('ERROR', 'node has no data operations (capability data-processing)');
      if (op.op === 'ingest') return data.ingest(op.readings);
      if (op.op === 'clean') return data.clean();
      if (op.op === 'market') {
        if (!data.cleanMarket) throw new AdapterFailure('ERROR', "node has no data.cleanMarket (feature 'data-market')");
        return data.cleanMarket(op.bids, op.trades);
      }
      return { records: data.query(op.label) };
    });
  }

  close(): Promise<void> {
    this.instances.clear();
    return Promise.resolve();
  }
}

function isFactory(value: unknown): value is NodeFactory {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { create?: unknown }).create === 'function' &&
    typeof (value as { capabilities?: unknown }).capabilities === 'object'
  );
}

/** Loads a module exporting a NodeFactory as `default` or as `factory`. */
export async function loadFactoryModule(path: string): Promise<NodeFactory> {
  const mod = (await import(pathToFileURL(resolve(path)).href)) as Record<string, unknown>;
  const candidate = isFactory(mod['default']) ? mod['default'] : mod['factory'];
  if (!isFactory(candidate)) {
    throw new AdapterFailure('ERROR', `${path}: expected a NodeFactory exported as 'default' or 'factory'`);
  }
  return candidate;
}
