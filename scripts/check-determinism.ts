// Determinism lint (design §2): no wall clock, ambient randomness or timers in the
// deterministic core. Comments are ignored; strings are not (keep such names out of them).

import { readFileSync } from 'node:fs';
import { codeOnly, listFiles, rel } from './source-files.js';

export const DETERMINISTIC_DIRS = ['reference-node', 'harness/sim', 'harness/local', 'contract', 'protocol'];

const FORBIDDEN: readonly [RegExp, string][] = [
  [/\bDate\.now\b/, 'Date.now'],
  [/\bnew Date\s*\(\s*\)/, 'new Date()'],
  [/\bMath\.random\b/, 'Math.random'],
  [/\bperformance\.now\b/, 'performance.now'],
  [/\bprocess\.hrtime\b/, 'process.hrtime'],
  [/\b(?:setTimeout|setInterval|setImmediate|queueMicrotask)\b/, 'timers'],
  [/\bcrypto\.(?:randomBytes|randomUUID|getRandomValues|randomInt)\b/, 'ambient randomness'],
];

export function checkDeterminism(dirs: readonly string[] = DETERMINISTIC_DIRS): string[] {
  const problems: string[] = [];
  for (const dir of dirs) {
    for (const file of listFiles(dir, '.ts')) {
      const lines = codeOnly(readFileSync(file, 'utf8')).split('\n');
      lines.forEach((line, i) => {
        for (const [re, what] of FORBIDDEN) {
          if (re.test(line)) problems.push(`${rel(file)}:${i + 1}: uses ${what} in deterministic code`);
        }
      });
    }
  }
  return problems;
}
