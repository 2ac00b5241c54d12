// Repository checks run by `npm test` before the unit tests.

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { checkDeterminism } from './check-determinism.js';
import { checkImports } from './check-imports.js';
import { REPO_ROOT } from './source-files.js';

const checks: [string, () => string[]][] = [
  ['import directions', checkImports],
  ['determinism lint', () => checkDeterminism()],
];
if (existsSync(join(REPO_ROOT, 'SPEC.md'))) {
  const { checkSpecCitations } = await import('./check-spec.js');
  checks.push(['SPEC citations', checkSpecCitations]);
}

let failed = 0;
for (const [name, run] of checks) {
  const problems = run();
  if (problems.length === 0) {
    process.stdout.write(`ok  ${name}\n`);
  } else {
    failed += 1;
    process.stdout.write(`FAIL ${name}\n${problems.map((p) => `  ${p}`).join('\n')}\n`);
  }
}
process.exitCode = failed === 0 ? 0 : 1;
