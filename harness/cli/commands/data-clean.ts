// `raa-bench data clean FILE --out FILE [--strict] [--rejects FILE]`: parse, clean, aggregate
// hourly and label. Malformed lines go to the rejects file with line and field (exit 0, the
// count on stderr); `--strict` makes any malformed line exit 2; nothing usable exits 2.

import { closeSync, openSync, readSync, statSync, writeFileSync } from 'node:fs';
import {
  bidReason,
  DataParser,
  DEFAULT_CLEAN_PARAMS,
  secondaryFromColumns,
  tradeReason,
  type ParsedData,
  type Reject,
} from '../../adapters/reference.js';
import { formatFor } from '../../workload/write.js';
import { EXIT, UsageError } from '../command.js';
import type { SubCommand } from './group.js';

/** Largest input accepted. */
export const DATA_FILE_SIZE_BYTES_MAX = 8 * 1024 ** 3;
const CHUNK_BYTES = 16 * 1024 * 1024;
const REJECTS_SHOWN_MAX = 10;

/** Reads and parses a data file in chunks of whole lines. */
export function parseDataFile(path: string): ParsedData {
  let size: number;
  try {
    const st = statSync(path);
    if (!st.isFile()) throw new Error('not a regular file');
    size = st.size;
  } catch (error) {
    throw new UsageError(`${path}: cannot read (${error instanceof Error ? error.message : String(error)})`);
  }
  if (size > DATA_FILE_SIZE_BYTES_MAX) throw new UsageError(`${path}: ${size} bytes, more than the ${DATA_FILE_SIZE_BYTES_MAX} accepted`);
  const parser = new DataParser(formatFor(path));
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.allocUnsafe(CHUNK_BYTES);
    let carry = Buffer.alloc(0);
    let line = 1;
    for (;;) {
      const read = readSync(fd, buf, 0, CHUNK_BYTES, null);
      const data = carry.length > 0 ? Buffer.concat([carry, buf.subarray(0, read)]) : buf.subarray(0, read);
      if (read === 0) {
        if (data.length > 0) line = parser.push(data.toString('utf8'), line);
        break;
      }
      const cut = data.lastIndexOf(10);
      if (cut < 0) {
        carry = Buffer.from(data);
        continue;
      }
      line = parser.push(data.toString('utf8', 0, cut), line);
      carry = Buffer.from(data.subarray(cut + 1));
    }
  } finally {
    closeSync(fd);
  }
  return parser.finish();
}

const describeReject = (path: string, r: Reject): string => `${path}:${r.line}: ${r.field}: expected ${r.expected}`;

export const dataClean: SubCommand = {
  name: 'clean',
  describe: 'clean FILE (dedupe, validity rules, hourly aggregation, labels) into --out',
  optionNames: ['out', 'strict', 'rejects'],
  takesFile: true,
  options: (y) =>
    y
      .option('strict', { type: 'boolean', default: false, describe: 'any malformed line exits 2' })
      .option('rejects', { type: 'string', describe: 'where malformed lines go (default OUT.rejects.jsonl)' }),
  async run(args, io) {
    const file = args.file;
    if (typeof file !== 'string' || file === '') throw new UsageError('data clean: expected an input FILE');
    if (typeof args.out !== 'string' || args.out === '') throw new UsageError('--out: expected an output file');
    const out = args.out;
    const rejectsPath = typeof args.rejects === 'string' ? args.rejects : `${out}.rejects.jsonl`;
    const parsed = parseDataFile(file);
    const { rejects } = parsed;
    rejects.slice(0, REJECTS_SHOWN_MAX).forEach((r) => io.stderr(describeReject(file, r)));
    if (rejects.length > REJECTS_SHOWN_MAX) io.stderr(`… and ${rejects.length - REJECTS_SHOWN_MAX} more malformed lines`);
    if (rejects.length > 0) {
      writeFileSync(rejectsPath, rejects.map((r) => JSON.stringify(r)).join('\n') + '\n');
      io.stderr(`${rejects.length} malformed of ${parsed.lines} data lines written to ${rejectsPath}`);
    }
    if (parsed.lines - rejects.length === 0) {
      throw new UsageError(`${file}: no usable line (${parsed.lines} data lines, ${rejects.length} malformed); expected CSV or JSON Lines records (see docs/data.md)`);
    }
    if (args.strict === true && rejects.length > 0) {
      io.stderr(`${file}: --strict: ${rejects.length} malformed lines, nothing written to ${out}`);
      return EXIT.usage;
    }
    const p = DEFAULT_CLEAN_PARAMS;
    const { records, summary: s } = secondaryFromColumns(parsed.readings, p);
    const bidCounts = countBy(parsed.bids.map((b) => bidReason(b, p)));
    const tradeCounts = countBy(parsed.trades.map((t) => tradeReason(t, p)));
    const lines =
      formatFor(out) === 'jsonl'
        ? records.map((r) => JSON.stringify(r))
        : [
            'meterId,hourStart,energyWh,completenessPermille,region,customerClass,quality,loadType',
            ...records.map((r) => [r.meterId, new Date(r.hourStartMs).toISOString(), r.energyWh, r.completenessPermille, r.labels.region, r.labels.customerClass, r.labels.quality, r.labels.loadType].join(',')),
          ];
    try {
      writeFileSync(out, lines.length > 0 ? `${lines.join('\n')}\n` : '');
    } catch (error) {
      throw new UsageError(`${out}: cannot write (${error instanceof Error ? error.message : String(error)})`);
    }
    io.stderr(
      `${file}: readings ${s.input} (duplicates ${s.duplicates}, invalid ${s.invalid}, kept ${s.kept}) → ${s.secondary} hourly records in ${out}; ` +
        `removed ${JSON.stringify(s.removedByReason)}; bids ${JSON.stringify(bidCounts)}; trades ${JSON.stringify(tradeCounts)}`,
    );
    return EXIT.ok;
  },
};

function countBy(values: readonly string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const v of values) out[v] = (out[v] ?? 0) + 1;
  return out;
}
