// The repository checks catch what they exist to catch.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { checkDeterminism } from '../../scripts/check-determinism.js';
import { checkImports } from '../../scripts/check-imports.js';
import { specIds } from '../../scripts/check-spec.js';
import { codeOnly } from '../../scripts/source-files.js';

test('codeOnly blanks comments but keeps code', () => {
  const src = 'const a = 1; // Date.now()\n/* Math.random() */ const b = Date.now();';
  const code = codeOnly(src);
  assert.not.ok(code.includes('Math.random'));
  assert.is(code.match(/Date\.now/g)?.length, 1);
});

test('the repository passes its own import-direction and determinism checks', () => {
  assert.equal(checkImports(), []);
  assert.equal(checkDeterminism(), []);
});

test('the determinism lint flags a wall-clock read and ambient randomness', () => {
  const problems = checkDeterminism(['tests/fixtures/lint']);
  assert.equal(problems, [
    'tests/fixtures/lint/reads-clock.ts:2: uses Date.now in deterministic code',
    'tests/fixtures/lint/reads-clock.ts:2: uses Math.random in deterministic code',
  ]);
});

test('specIds reads bold requirement IDs at the start of list items only', () => {
  const ids = specIds('- **MOD-001** text\n- **ERR-002** more\nsee MOD-003 inline\n');
  assert.equal(ids, ['ERR-002', 'MOD-001']);
});

test.run();
