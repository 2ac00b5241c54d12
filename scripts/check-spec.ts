// Every SPEC.md requirement ID must be cited by at least one test (tests/ or conformance checks).

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT, listFiles } from './source-files.js';

export const SPEC_ID_RE = /\b(MOD|MEMB|JOIN|SHARE|CHAIN|ERR|DATA|CLEAN)-\d{3}\b/g;

/** IDs defined in SPEC.md: a requirement line starts with `- **ID**`. */
export function specIds(specText: string): string[] {
  const ids = new Set<string>();
  for (const m of specText.matchAll(/^\s*-\s+\*\*((?:MOD|MEMB|JOIN|SHARE|CHAIN|ERR|DATA|CLEAN)-\d{3})\*\*/gm)) {
    if (m[1]) ids.add(m[1]);
  }
  return [...ids].sort();
}

export function checkSpecCitations(): string[] {
  const ids = specIds(readFileSync(join(REPO_ROOT, 'SPEC.md'), 'utf8'));
  const cited = new Set<string>();
  for (const dir of ['tests', 'harness/conformance']) {
    for (const file of listFiles(dir, '.ts')) {
      for (const m of readFileSync(file, 'utf8').matchAll(SPEC_ID_RE)) cited.add(m[0]);
    }
  }
  const problems = ids.filter((id) => !cited.has(id)).map((id) => `${id} is cited by no test`);
  const families = new Map<string, number>();
  for (const id of ids) families.set(id.slice(0, id.indexOf('-')), (families.get(id.slice(0, id.indexOf('-'))) ?? 0) + 1);
  for (const fam of ['MOD', 'MEMB', 'JOIN', 'SHARE', 'CHAIN', 'ERR']) {
    if ((families.get(fam) ?? 0) < 3) problems.push(`SPEC.md family ${fam} has fewer than 3 requirements`);
  }
  return problems;
}
