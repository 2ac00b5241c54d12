// The requirement IDs SPEC.md defines (a requirement line starts with `- **ID**`), for coverage.

import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const SPEC_PATH = fileURLToPath(new URL('../../../SPEC.md', import.meta.url));
const REQUIREMENT_RE = /^\s*-\s+\*\*((?:MOD|MEMB|JOIN|SHARE|CHAIN|ERR|DATA|CLEAN)-\d{3})\*\*/gm;

export function parseSpecIds(text: string): string[] {
  return [...new Set([...text.matchAll(REQUIREMENT_RE)].map((m) => m[1]!))].sort();
}

/** IDs from the repository's SPEC.md, or none when it is absent (coverage then lists the checks' IDs). */
export function specRequirementIds(path: string = SPEC_PATH): string[] {
  return existsSync(path) ? parseSpecIds(readFileSync(path, 'utf8')) : [];
}
