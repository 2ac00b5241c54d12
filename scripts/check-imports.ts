// Import directions (design §2): contract/ imports nothing of ours; protocol/ only contract/;
// reference-node/ never harness/; harness/ reaches reference-node/ only through its adapter.

import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { REPO_ROOT, listFiles, rel } from './source-files.js';

const IMPORT_RE = /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

/** The one harness file allowed to import reference-node/. */
export const REFERENCE_ADAPTER = 'harness/adapters/reference.ts';

const RULES: Record<string, (target: string, file: string) => string | null> = {
  contract: (t) => (t.startsWith('contract/') ? null : 'contract/ must be dependency-free'),
  protocol: (t) =>
    t.startsWith('contract/') || t.startsWith('protocol/') ? null : 'protocol/ may import only contract/',
  'reference-node': (t) =>
    t.startsWith('harness/') ? 'reference-node/ must not import harness/' : null,
  harness: (t, f) =>
    t.startsWith('reference-node/') && f !== REFERENCE_ADAPTER
      ? `harness/ imports reference-node/ only in ${REFERENCE_ADAPTER}`
      : null,
};

export function checkImports(): string[] {
  const problems: string[] = [];
  for (const top of Object.keys(RULES)) {
    for (const file of listFiles(top, '.ts')) {
      const source = readFileSync(file, 'utf8');
      for (const m of source.matchAll(IMPORT_RE)) {
        const spec = m[1] ?? m[2] ?? '';
        if (!spec.startsWith('.')) {
          if (top === 'contract' && !spec.startsWith('node:')) {
            problems.push(`${rel(file)}: imports package '${spec}': contract/ must be dependency-free`);
          }
          continue;
        }
        const target = rel(resolve(dirname(file), spec));
        const why = RULES[top]?.(target, rel(file));
        if (why) problems.push(`${rel(file)}: imports '${spec}': ${why}`);
      }
    }
  }
  return problems;
}

export const CHECKED_ROOT = REPO_ROOT;
