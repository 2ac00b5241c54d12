// The DuckDB peer for the cleaning benchmark: the same semantics as our cleaning (dedupe by
// meter and interval keeping the latest receipt, CLEAN validity rules, zero runs, hourly sums)
// as one SQL query over identical in-memory data. `@duckdb/node-api` is optional: loaded lazily.

import { DEFAULT_CLEAN_PARAMS, type CleanParams, type HourlyColumns, type ReadingColumns } from '../adapters/reference.js';

export interface DuckDbPeer {
  readonly version: string;
  readonly threads: number;
  readonly loadMs: number;
  readonly sql: string;
  /** Runs the query once; returns wall ms and the output (sorted by meter, hour). */
  run(sql?: string): Promise<{ readonly ms: number; readonly hourly: HourlyColumns }>;
  close(): void;
}

export function cleaningSql(p: CleanParams = DEFAULT_CLEAN_PARAMS): string {
  const perHour = 60 / p.intervalMinutes;
  return `WITH dedup AS (
  SELECT * FROM readings
  QUALIFY row_number() OVER (PARTITION BY meter, start_min ORDER BY received_ms DESC, idx) = 1
), valid AS (
  SELECT meter, start_min, wh * multiplier AS energy, quality FROM dedup
  WHERE length_min = ${p.intervalMinutes}
    AND start_min % ${p.intervalMinutes} = 0
    AND (start_min + length_min) * 60000.0 - received_ms <= ${p.futureToleranceMs}
    AND received_ms - (start_min + length_min) * 60000.0 <= ${p.maxLatencyMs}
    AND quality IN (0, 8, 9, 10, 14)
    AND wh * multiplier >= 0
    AND wh * multiplier <= ${p.capacityFactor} * capacity_wh * length_min / 60.0
), zero_runs AS (
  SELECT meter, start_min FROM (
    SELECT meter, start_min, count(*) OVER (PARTITION BY meter, grp) AS run FROM (
      SELECT meter, start_min,
        start_min // ${p.intervalMinutes} - row_number() OVER (PARTITION BY meter ORDER BY start_min) AS grp
      FROM valid WHERE energy = 0))
  WHERE run >= ${p.zeroRunMin}
)
SELECT meter, start_min // 60 * 60 AS hour_min, sum(energy) AS energy_wh, count(*) AS readings,
  count(*) FILTER (WHERE quality IN (8, 9)) AS estimated,
  count(*) FILTER (WHERE quality IN (10, 14)) AS questionable
FROM valid ANTI JOIN zero_runs USING (meter, start_min)
GROUP BY ALL
-- ${perHour} readings make a complete hour`;
}

/** Loads the readings into an in-memory DuckDB with `threads` threads, or returns why it cannot. */
export async function openDuckDbPeer(
  cols: ReadingColumns,
  threads: number,
  p: CleanParams = DEFAULT_CLEAN_PARAMS,
): Promise<DuckDbPeer | { readonly unavailable: string }> {
  let api: typeof import('@duckdb/node-api');
  try {
    api = await import('@duckdb/node-api');
  } catch (error) {
    return { unavailable: `@duckdb/node-api not installed (${error instanceof Error ? error.message : String(error)})` };
  }
  const instance = await api.DuckDBInstance.create(':memory:', { threads: String(threads) });
  const conn = await instance.connect();
  const version = String((await conn.runAndReadAll('SELECT version()')).getRows()[0]?.[0] ?? 'unknown');
  await conn.run(`CREATE TABLE readings (idx INTEGER, meter INTEGER, start_min INTEGER, length_min SMALLINT,
    wh DOUBLE, quality UTINYINT, received_ms DOUBLE, multiplier DOUBLE, capacity_wh DOUBLE)`);
  const t0 = performance.now();
  const appender = await conn.createAppender('readings');
  const types = [api.INTEGER, api.INTEGER, api.INTEGER, api.SMALLINT, api.DOUBLE, api.UTINYINT, api.DOUBLE, api.DOUBLE, api.DOUBLE];
  const CHUNK = 2048;
  const idx = new Int32Array(CHUNK);
  for (let from = 0; from < cols.count; from += CHUNK) {
    const to = Math.min(cols.count, from + CHUNK);
    const rows = to - from;
    for (let k = 0; k < rows; k++) idx[k] = from + k;
    const chunk = api.DuckDBDataChunk.create(types, rows);
    const columns = [
      idx.subarray(0, rows),
      cols.meter.subarray(from, to),
      cols.startMin.subarray(from, to),
      cols.lengthMin.subarray(from, to),
      cols.wh.subarray(from, to),
      cols.quality.subarray(from, to),
      cols.receivedMs.subarray(from, to),
      cols.multiplier.subarray(from, to),
      cols.capacityWh.subarray(from, to),
    ];
    columns.forEach((values, c) => chunk.setColumnValues(c, values as unknown as number[]));
    appender.appendDataChunk(chunk);
  }
  appender.flushSync();
  appender.closeSync();
  const loadMs = performance.now() - t0;
  const sql = cleaningSql(p);
  return {
    version,
    threads,
    loadMs,
    sql,
    async run(query = sql) {
      const start = performance.now();
      const reader = await conn.runAndReadAll(query);
      const ms = performance.now() - start;
      return { ms, hourly: toHourly(reader.getColumns() as unknown as number[][]) };
    },
    close() {
      conn.closeSync();
      instance.closeSync();
    },
  };
}

function toHourly(columns: number[][]): HourlyColumns {
  const [meter = [], hour = [], energy = [], readings = [], est = [], quest = []] = columns;
  const n = meter.length;
  const order = Array.from({ length: n }, (_, k) => k).sort((a, b) => meter[a]! - meter[b]! || hour[a]! - hour[b]!);
  const pick = <T extends Int32Array | Float64Array | Uint8Array>(make: new (n: number) => T, src: unknown[]): T => {
    const out = new make(n);
    order.forEach((k, r) => (out[r] = Number(src[k])));
    return out;
  };
  return {
    count: n,
    meter: pick(Int32Array, meter),
    hourMin: pick(Int32Array, hour),
    energyWh: pick(Float64Array, energy),
    readings: pick(Uint8Array, readings),
    estimated: pick(Uint8Array, est),
    questionable: pick(Uint8Array, quest),
  };
}
