// Environment capture for run.env: what a reader needs to judge whether two runs are comparable.

import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';

/** The repository (or installed package) root: this file runs from dist/harness/metrics/. */
const ROOT_URL = new URL('../../../', import.meta.url);

export interface RunEnv {
  readonly node: string;
  readonly v8: string;
  readonly cpuModel: string;
  readonly cores: number;
  readonly memoryBytes: number;
  readonly os: string;
  readonly arch: string;
  readonly raaBenchVersion: string;
  readonly commit: string | null;
  readonly ci: boolean;
}

function packageVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('package.json', ROOT_URL), 'utf8')) as { version?: unknown };
    return typeof pkg.version === 'string' ? pkg.version : 'unknown';
  } catch {
    return 'unknown';
  }
}

/** The git commit of the checkout, `-dirty` when it has uncommitted changes; null outside git. */
export function gitCommit(cwd: string = ROOT_URL.pathname): string | null {
  try {
    const opts = { cwd, encoding: 'utf8' as const, stdio: ['ignore', 'pipe', 'ignore'] as ['ignore', 'pipe', 'ignore'], timeout: 5_000 };
    const head = execFileSync('git', ['rev-parse', 'HEAD'], opts).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], opts).trim() !== '';
    return dirty ? `${head}-dirty` : head;
  } catch {
    return null;
  }
}

export function captureEnv(): RunEnv {
  const cpus = os.cpus();
  return {
    node: process.version,
    v8: process.versions.v8,
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    cores: Math.max(1, typeof os.availableParallelism === 'function' ? os.availableParallelism() : cpus.length),
    memoryBytes: os.totalmem(),
    os: `${os.type()} ${os.release()}`,
    arch: process.arch,
    raaBenchVersion: packageVersion(),
    commit: gitCommit(),
    ci: process.env['CI'] === 'true' || process.env['CI'] === '1',
  };
}

/** Fields of two environments that differ (the gate warns about these), as "key: a ≠ b". */
export function envDifferences(a: Partial<RunEnv> | undefined, b: Partial<RunEnv> | undefined): string[] {
  if (!a || !b) return a === b ? [] : ['env: present on one side only'];
  const keys: (keyof RunEnv)[] = ['node', 'cpuModel', 'cores', 'memoryBytes', 'os', 'arch', 'raaBenchVersion'];
  return keys.filter((k) => a[k] !== b[k]).map((k) => `${k}: ${String(a[k])} ≠ ${String(b[k])}`);
}
