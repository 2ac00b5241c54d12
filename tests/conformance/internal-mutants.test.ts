// The reference node's rule switches (reference-node/mutations.ts) make real one-defect nodes:
// each internal mutant is killed by the full check registry (the same run as
// `raa-bench conformance --self-test`, restricted to the internal mutants), and the reference,
// with no switch set, passes those same vectors. Cites ERR-004, ERR-005, CHAIN-003, JOIN-002.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { referenceFactory } from '../../harness/adapters/reference.js';
import { MUTANTS } from '../../harness/conformance/mutants.js';
import { buildVectors, CHECKS } from '../../harness/conformance/registry.js';
import { selfTest } from '../../harness/conformance/self-test.js';

test('every internal mutant is killed by at least one check', async () => {
  const internal = MUTANTS.filter((m) => m.technique === 'internal');
  assert.ok(internal.length >= 10, `${internal.length} internal mutants`);
  const vectors = buildVectors(referenceFactory, CHECKS.filter((c) => !c.requirements.some((r) => r.startsWith('DATA-') || r.startsWith('CLEAN-'))));
  const st = await selfTest(referenceFactory, vectors, internal);
  assert.equal(st.survivors, [], `surviving: ${st.survivors.join(', ')}`);
  const by = Object.fromEntries(st.details.map((d) => [d.name, d.killedBy]));
  for (const m of internal) assert.ok((by[m.name]?.length ?? 0) > 0, `${m.name} killed by no check`);
});

test.run();
