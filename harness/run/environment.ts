// Run provenance for results.json: commit, lockfile hash, machine.

import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export function gitCommit(): string {
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return 'unknown';
  }
}

export function lockfileHash(): string {
  try {
    return `sha256:${createHash('sha256').update(readFileSync(`${ROOT}package-lock.json`)).digest('hex')}`;
  } catch {
    return 'unknown';
  }
}

export function environment(): Record<string, unknown> {
  const c = cpus();
  return {
    node: process.version,
    v8: process.versions.v8,
    platform: process.platform,
    arch: process.arch,
    cpus: c.length,
    cpuModel: c[0]?.model ?? 'unknown',
    totalMemoryBytes: totalmem(),
  };
}

export function peakRssBytes(): number {
  return process.resourceUsage().maxRSS * 1024;
}
