// Broken scenario files: each gives exit 2 and a message naming file, key path (or line) and
// what was expected; every problem in a file is reported, not just the first.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { scenariosCommand } from '../../harness/cli/commands/scenarios.js';
import { BUILTIN_DIR, builtinNames, loadScenario, scenarioPath } from '../../harness/scenario/load.js';
import { TREATY_BOUNDS } from '../../contract/index.js';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dir = mkdtempSync(join(tmpdir(), 'raa-scenarios-'));
const GOOD = `name: ok
nodes: 8
durationMs: 5000
treaty: {}
workload:
  memberShares: { ratePerSec: 2 }
network: { latencyMs: { min: 5, max: 20 } }
faults: []
byzantine: []
costModel: {}
`;

async function validate(name: string, text: string): Promise<{ code: number; err: string; file: string }> {
  const file = join(dir, `${name}.yaml`);
  writeFileSync(file, text);
  let err = '';
  const code = await scenariosCommand.run({ action: 'validate', file, argv: [] }, { stdout: () => {}, stderr: (t) => (err += `${t}\n`) });
  return { code, err, file };
}

const BROKEN: [string, string, RegExp[]][] = [
  ['yaml-syntax', 'name: x\nnodes: [1, 2\ndurationMs: 3\n', [/:\d+: \(top level\): expected valid YAML/]],
  ['not-a-mapping', '- nodes: 3\n', [/:1: \(top level\): expected a mapping of scenario keys/]],
  ['missing-key', GOOD.replace('costModel: {}\n', ''), [/\(top level\)|costModel: expected this key to be present/]],
  ['unknown-key', GOOD.replace('durationMs: 5000', 'durationMs: 5000\nduration: 5000'), [/:4: duration: expected no such key/]],
  ['wrong-type', GOOD.replace('nodes: 8', 'nodes: many'), [/:2: nodes: expected a value of type integer/]],
  ['out-of-range', GOOD.replace('nodes: 8', 'nodes: 0').replace('treaty: {}', 'treaty: { validatorsMax: 5000 }'), [/nodes: expected a number ≥ 1/, /treaty\.validatorsMax: expected a number ≤ 1000/]],
  ['bad-enum', GOOD.replace('byzantine: []', 'byzantine:\n  - { nodes: [1], behaviours: [lying] }'), [/byzantine\.0\.behaviours\.0: expected one of "equivocate"/]],
  ['latency-min-over-max', GOOD.replace('min: 5, max: 20', 'min: 50, max: 20'), [/network\.latencyMs\.min: expected min ≤ max \(20\)/]],
  ['heal-before-partition', GOOD.replace('faults: []', 'faults:\n  - { kind: partition, atMs: 3000, healAtMs: 1000, minorityPermille: 200 }'), [/faults\.0\.healAtMs: expected a time after atMs \(3000\)/]],
  ['crash-node-out-of-range', GOOD.replace('faults: []', 'faults:\n  - { kind: crash, node: 9, atMs: 100 }'), [/faults\.0\.node: expected a member index < nodes \(8\)/]],
  ['byzantine-node-out-of-range', GOOD.replace('byzantine: []', 'byzantine:\n  - { nodes: [8], behaviours: [replay] }'), [/byzantine\.0\.nodes\.0: expected a member index < nodes \(8\)/]],
  ['duplicate-key', GOOD.replace('nodes: 8', 'nodes: 8\nnodes: 9'), [/expected valid YAML \(DUPLICATE_KEY/]],
  ['empty-file', '', [/expected a mapping of scenario keys/]],
  ['fault-missing-field', GOOD.replace('faults: []', 'faults:\n  - { kind: partition, atMs: 100 }'), [/faults\.0\.healAtMs: expected this key to be present/, /faults\.0\.minorityPermille: expected this key to be present/]],
  ['rate-wrong-shape', GOOD.replace('memberShares: { ratePerSec: 2 }', 'memberShares: 2'), [/workload\.memberShares: expected a value of type object/]],
];

for (const [name, text, patterns] of BROKEN) {
  test(`broken scenario "${name}": exit 2, names file, path and expectation`, async () => {
    const r = await validate(name, text);
    assert.is(r.code, 2, r.err);
    assert.ok(r.err.includes(r.file), r.err);
    for (const p of patterns) assert.match(r.err, p);
  });
}

test('every problem is reported, not only the first', async () => {
  const text = GOOD.replace('nodes: 8', 'nodes: -1').replace('durationMs: 5000', 'durationMs: soon').replace('min: 5, max: 20', 'min: 50, max: 20');
  const r = await validate('three-problems', text);
  assert.is(r.code, 2);
  assert.match(r.err, /nodes:/);
  assert.match(r.err, /durationMs:/);
  assert.match(r.err, /latencyMs\.min:/);
  assert.match(r.err, /3 problems/);
});

test('a missing file or unknown name is exit 2 naming the built-ins', async () => {
  let err = '';
  const code = await scenariosCommand.run({ action: 'validate', file: join(dir, 'nope.yaml'), argv: [] }, { stdout: () => {}, stderr: (t) => (err += t) });
  assert.is(code, 2);
  assert.match(err, /expected an existing scenario file or a built-in name \(.*smoke/);
});

test('every built-in scenario validates, and the required ones exist', () => {
  const names = builtinNames();
  for (const n of ['smoke', 'city', 'region', 'partition', 'churn', 'byzantine', 'byzantine-overload', 'bidding', 'mixed']) assert.ok(names.includes(n), n);
  for (const n of names) loadScenario(n);
  assert.is(loadScenario('smoke').nodes, 16);
  assert.is(loadScenario('city').nodes, 1000);
  assert.is(loadScenario('region').nodes, 10000);
  assert.ok(loadScenario('byzantine-overload').expectViolations);
});

test('the schema treaty bounds equal contract TREATY_BOUNDS', () => {
  const schema = JSON.parse(readFileSync(fileURLToPath(new URL('../../../scenarios/scenario.schema.json', import.meta.url)), 'utf8'));
  for (const [k, [min, max]] of Object.entries(TREATY_BOUNDS) as [string, [number, number]][]) {
    const p = schema.properties.treaty.properties[k];
    assert.ok(p !== undefined, k);
    assert.equal([p.minimum, p.maximum], [min, max], k);
  }
});

test('a directory named like a built-in does not hide it; a file of that name does', () => {
  const dir = mkdtempSync(join(tmpdir(), 'raa-cwd-'));
  const cwd = process.cwd();
  try {
    process.chdir(dir);
    mkdirSync('smoke');
    assert.is(scenarioPath('smoke'), `${BUILTIN_DIR}smoke.yaml`);
    writeFileSync('city', 'name: mine\n');
    assert.is(scenarioPath('city'), 'city');
  } finally {
    process.chdir(cwd);
  }
});

test.run();
