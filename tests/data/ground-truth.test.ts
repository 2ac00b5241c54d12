// Removal precision and recall against the generator's ground truth (issue 4 "Done when"),
// and one test per defect kind: each kind alone is removed, with its own reason, and nothing else.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { cleanReadings, finalReason, Reason, REASON_NAMES } from '../../reference-node/data/index.js';
import { accuracy } from '../../harness/workload/accuracy.js';
import { DEFAULT_DEFECT_RATES, DEFECT_NAMES, DefectKind, EXPECTED_REASON, type DefectRates } from '../../harness/workload/defects.js';
import { generateReadings } from '../../harness/workload/readings.js';

const RECORDS = 12_000;

test('CLEAN-001..CLEAN-013: precision and recall are exactly 1.0 at default defect rates for seeds 1–20', () => {
  for (let seed = 1; seed <= 20; seed++) {
    const g = generateReadings({ records: RECORDS, seed });
    const r = cleanReadings(g.readings);
    const a = accuracy(r.status, g.truth, g.readings.count);
    assert.ok(a.defects > 100, `seed ${seed}: only ${a.defects} defects injected`);
    assert.is(a.precision, 1, `seed ${seed}: precision ${a.precision} (reproduce: data generate --records ${RECORDS} --seed ${seed})`);
    assert.is(a.recall, 1, `seed ${seed}: recall ${a.recall}`);
    assert.is(a.wrongReason, 0, `seed ${seed}: ${a.wrongReason} defects removed for the wrong reason`);
  }
});

const NO_DEFECTS: DefectRates = Object.fromEntries(Object.keys(DEFAULT_DEFECT_RATES).map((k) => [k, 0])) as unknown as DefectRates;

for (const kind of DEFECT_NAMES) {
  test(`defect kind ${kind}: removed as '${REASON_NAMES[EXPECTED_REASON[kind]]}', nothing else removed`, () => {
    const rate = kind === 'zeroRun' ? 0.004 : 0.01;
    const g = generateReadings({ records: 8000, seed: 7, rates: { ...NO_DEFECTS, [kind]: rate } });
    const r = cleanReadings(g.readings);
    let injected = 0;
    for (let i = 0; i < g.readings.count; i++) {
      const reason = finalReason(r.status[i]!);
      if (g.truth[i] === DefectKind[kind]) {
        injected++;
        assert.is(REASON_NAMES[reason], REASON_NAMES[EXPECTED_REASON[kind]], `reading ${i}`);
      } else {
        assert.is(reason, Reason.kept, `reading ${i} (${REASON_NAMES[reason]}) is not a defect`);
      }
    }
    assert.ok(injected >= 20, `only ${injected} ${kind} defects injected`);
  });
}

test('defect kind gap (DATA-006): a missing reading lowers its hour to 750 per mille, others stay 1000', () => {
  const g = generateReadings({ records: 8000, seed: 11, rates: { ...NO_DEFECTS, gap: 0.02 } });
  assert.ok(g.gaps >= 100);
  const h = cleanReadings(g.readings).hourly;
  let partial = 0;
  let readings = 0;
  for (let k = 0; k < h.count; k++) {
    readings += h.readings[k]!;
    if (h.readings[k] !== 4) partial++;
  }
  assert.is(readings, g.readings.count);
  // Every gap removes one reading from one hour; two gaps can share an hour.
  assert.ok(partial > 0 && partial <= g.gaps);
  assert.is(g.meters * g.slotsPerMeter - g.gaps, g.readings.count);
});

test('generator is deterministic: same seed, same bytes; another seed, other data', () => {
  const a = generateReadings({ records: 3000, seed: 5 });
  const b = generateReadings({ records: 3000, seed: 5 });
  const c = generateReadings({ records: 3000, seed: 6 });
  assert.equal(a.readings.wh, b.readings.wh);
  assert.equal(a.truth, b.truth);
  assert.not.equal(a.readings.wh, c.readings.wh);
  assert.is(a.readings.count, 3000);
});

test.run();
