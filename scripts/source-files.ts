// Lists the repository's TypeScript sources (not dist, not node_modules) for the repo checks.

import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

export const REPO_ROOT = new URL('../..', import.meta.url).pathname.replace(/\/$/, '');
const SKIP = new Set(['node_modules', 'dist', '.git', 'reports']);

export function listFiles(dir: string, suffix: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      if (SKIP.has(name)) continue;
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (p.endsWith(suffix)) out.push(p);
    }
  };
  const root = join(REPO_ROOT, dir);
  if (existsSync(root)) walk(root); // a folder that does not exist yet holds no violations
  return out.sort();
}

export function rel(path: string): string {
  return relative(REPO_ROOT, path);
}

/** Source text with comments and string contents blanked, so checks see code only. */
export function codeOnly(source: string): string {
  return source
    .replace(/\/\*[\s\S]*?\*\//g, (m) => m.replace(/[^\n]/g, ' '))
    .replace(/(^|[^:\\])\/\/.*$/gm, (m, p: string) => p + ' '.repeat(m.length - p.length));
}
