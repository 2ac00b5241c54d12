// DATA-002 bad input through `raa-bench data clean`: truncated lines, wrong column counts,
// non-numeric values, invalid dates, an empty file and a 10%-malformed file, with the exit codes
// of issue 4 (malformed lines → rejects file, exit 0; --strict → 2; nothing usable → 2).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UsageError, type CliIo } from '../../harness/cli/command.js';
import { dataCommand } from '../../harness/cli/commands/data.js';
import { parseDataText } from '../../reference-node/data/index.js';

const dir = mkdtempSync(join(tmpdir(), 'raa-data-'));
const GOOD = 'reading,north-000001,2026-03-25T01:00:00+01:00,15,1000,0,2026-03-25T01:30:00Z,1,10000';
const good = (k: number): string =>
  `reading,north-000001,2026-03-25T${String(k % 24).padStart(2, '0')}:${String((k % 4) * 15).padStart(2, '0')}:00Z,15,${1000 + k},0,2026-03-26T00:00:00Z,1,10000`;

async function clean(name: string, text: string, extra: string[] = []): Promise<{ code: number | 'usage'; stderr: string; out: string }> {
  const file = join(dir, name);
  writeFileSync(file, text);
  const out = join(dir, `${name}.out.jsonl`);
  let stderr = '';
  const io: CliIo = { stdout: () => {}, stderr: (t) => (stderr += `${t}\n`) };
  const argv = ['data', 'clean', file, '--out', out, ...extra];
  try {
    const code = await dataCommand.run({ subcommand: 'clean', file, out, strict: extra.includes('--strict'), argv }, io);
    return { code, stderr, out };
  } catch (error) {
    if (error instanceof UsageError) return { code: 'usage', stderr: stderr + error.message, out };
    throw error;
  }
}

test('DATA-002: a truncated line is rejected with its line number; the rest is cleaned (exit 0)', async () => {
  const r = await clean('truncated.csv', `${GOOD}\nreading,north-000001,2026-03-25T0\n${good(5)}\n`);
  assert.is(r.code, 0);
  assert.match(r.stderr, /truncated\.csv:2: columns: expected 9 columns for a reading, got 3/);
  assert.match(r.stderr, /1 malformed of 3 data lines/);
  const rejects = readFileSync(`${r.out}.rejects.jsonl`, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  assert.is(rejects.length, 1);
  assert.is(rejects[0].line, 2);
  assert.is(readFileSync(r.out, 'utf8').trim().split('\n').length, 2);
});

test('DATA-002: wrong column counts (reading, bid, trade) name the count expected', () => {
  const p = parseDataText(`${GOOD},extra\nbid,p1,2026-03-25T00:00:00Z,10\ntrade,a,b,2026-03-25T00:00:00Z,5\n`, 'csv');
  assert.equal(p.rejects.map((r) => [r.line, r.field]), [[1, 'columns'], [2, 'columns'], [3, 'columns']]);
  assert.match(p.rejects[1]!.expected, /3 \+ 2 × steps/);
});

test('DATA-002: non-numeric values name the field', () => {
  const p = parseDataText(
    [GOOD.replace(',1000,', ',12x,'), GOOD.replace(',15,', ',15.5,'), GOOD.replace(',10000', ','), '{"kind":"reading"}'].join('\n'),
    'csv',
  );
  assert.equal(p.rejects.map((r) => r.field), ['wh', 'lengthMin', 'capacityWh', 'kind']);
  const j = parseDataText('{"kind":"reading","meter":"m-1","start":"2026-03-25T00:00:00Z","lengthMin":15,"wh":"NaN","quality":0,"received":"2026-03-25T01:00:00Z","multiplier":1,"capacityWh":1}\n{not json', 'jsonl');
  assert.equal(j.rejects.map((r) => [r.line, r.field]), [[1, 'wh'], [2, 'line']]);
});

test('DATA-003: invalid dates are rejected (31 April, hour 24, missing offset, 29 Feb of a common year)', () => {
  const bad = ['2026-04-31T00:00:00Z', '2026-03-25T24:00:00Z', '2026-03-25T00:00:00', '2027-02-29T00:00:00+01:00', 'yesterday'];
  const p = parseDataText(bad.map((d) => GOOD.replace('2026-03-25T01:00:00+01:00', d)).join('\n'), 'csv');
  assert.is(p.rejects.length, bad.length);
  for (const r of p.rejects) assert.is(r.field, 'start');
  assert.is(parseDataText(GOOD.replace('+01:00', '+02:00'), 'csv').rejects.length, 0);
});

test('DATA-002: an empty file (or only comments) has nothing usable: exit 2 naming the file', async () => {
  const empty = await clean('empty.csv', '');
  assert.is(empty.code, 'usage');
  assert.match(empty.stderr, /empty\.csv: no usable line/);
  const comments = await clean('comments.csv', '# header only\n\n');
  assert.is(comments.code, 'usage');
});

test('DATA-002: a file of only malformed lines exits 2; an unreadable file exits 2', async () => {
  const r = await clean('junk.csv', 'a,b,c\nd,e\n');
  assert.is(r.code, 'usage');
  assert.match(r.stderr, /no usable line \(2 data lines, 2 malformed\)/);
  let message = '';
  try {
    await dataCommand.run({ subcommand: 'clean', file: join(dir, 'missing.csv'), out: join(dir, 'x'), argv: [] }, { stdout: () => {}, stderr: () => {} });
  } catch (error) {
    message = error instanceof UsageError ? error.message : 'not a usage error';
  }
  assert.match(message, /missing\.csv: cannot read/);
});

test('DATA-002: a 10%-malformed file is cleaned (exit 0) and every malformed line is in the rejects file; --strict exits 2', async () => {
  const lines: string[] = [];
  const badLines: number[] = [];
  for (let k = 0; k < 200; k++) {
    if (k % 10 === 3) {
      badLines.push(k + 1);
      lines.push(k % 20 === 3 ? good(k).replace(',0,', ',zero,') : good(k).slice(0, 30));
    } else lines.push(good(k));
  }
  const text = `${lines.join('\n')}\n`;
  const r = await clean('tenth.csv', text);
  assert.is(r.code, 0);
  assert.match(r.stderr, /20 malformed of 200 data lines/);
  assert.match(r.stderr, /… and 10 more malformed lines/);
  const rejects = readFileSync(`${r.out}.rejects.jsonl`, 'utf8').trim().split('\n').map((l) => JSON.parse(l).line);
  assert.equal(rejects, badLines);
  const strict = await clean('tenth-strict.csv', text, ['--strict']);
  assert.is(strict.code, 2);
  assert.not.ok(existsSync(strict.out));
});

test('DATA-001 and DATA-002: data generate output (CSV and JSON Lines) round-trips through data clean with no rejects', async () => {
  const io: CliIo = { stdout: () => {}, stderr: () => {} };
  const outputs: string[] = [];
  for (const ext of ['jsonl', 'csv']) {
    const out = join(dir, `gen.${ext}`);
    const code = await dataCommand.run({ subcommand: 'generate', records: 3000, seed: 4, out, argv: [] }, io);
    assert.is(code, 0);
    const r = await clean(`gen-copy.${ext}`, readFileSync(out, 'utf8'));
    assert.is(r.code, 0);
    assert.not.match(r.stderr, /malformed/);
    assert.match(r.stderr, /readings 3000 \(duplicates 30,/);
    assert.match(r.stderr, /bids \{"kept":/);
    outputs.push(readFileSync(r.out, 'utf8'));
  }
  assert.is(outputs[0], outputs[1], 'the same records whichever the input format');
});

test.run();
