// Digest of hourly secondary output (rows in meter, hour order), to check that two cleanings agree.

import { createHash } from 'node:crypto';
import type { HourlyColumns } from '../adapters/reference.js';

export function hourlyDigest(h: HourlyColumns): string {
  const hash = createHash('sha256');
  const BATCH = 8192;
  for (let from = 0; from < h.count; from += BATCH) {
    let text = '';
    const to = Math.min(h.count, from + BATCH);
    for (let k = from; k < to; k++) {
      text += `${h.meter[k]},${h.hourMin[k]},${h.energyWh[k]},${h.readings[k]},${h.estimated[k]},${h.questionable[k]}\n`;
    }
    hash.update(text);
  }
  return hash.digest('hex');
}
