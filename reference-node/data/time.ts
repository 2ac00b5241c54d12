// ISO 8601 timestamps with an explicit offset (DATA-003), parsed by hand: fixed layout
// `YYYY-MM-DDTHH:MM:SS(.sss)?(Z|±HH:MM)`, every field range-checked (no Date parsing leniency).

/** Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
export function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function civilFromDays(z: number): { y: number; m: number; d: number } {
  const zz = z + 719468;
  const era = Math.floor(zz / 146097);
  const doe = zz - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp + (mp < 10 ? 3 : -9);
  return { y: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d };
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function digits(s: string, from: number, count: number): number {
  let v = 0;
  for (let k = from; k < from + count; k++) {
    const c = s.charCodeAt(k) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

/** Milliseconds since the epoch, or NaN when `s` is not a valid timestamp of the layout above. */
export function parseIsoMs(s: string): number {
  if (s.length < 20 || s[4] !== '-' || s[7] !== '-' || s[10] !== 'T' || s[13] !== ':' || s[16] !== ':') return NaN;
  const y = digits(s, 0, 4);
  const mo = digits(s, 5, 2);
  const d = digits(s, 8, 2);
  const h = digits(s, 11, 2);
  const mi = digits(s, 14, 2);
  const se = digits(s, 17, 2);
  if (y < 0 || mo < 1 || mo > 12 || d < 1 || h < 0 || h > 23 || mi < 0 || mi > 59 || se < 0 || se > 59) return NaN;
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  if (d > DAYS_IN_MONTH[mo - 1]! + (mo === 2 && leap ? 1 : 0)) return NaN;
  let k = 19;
  let ms = 0;
  if (s[k] === '.') {
    ms = digits(s, k + 1, 3);
    if (ms < 0) return NaN;
    k += 4;
  }
  let offsetMin = 0;
  if (s[k] === 'Z' && s.length === k + 1) offsetMin = 0;
  else if ((s[k] === '+' || s[k] === '-') && s.length === k + 6 && s[k + 3] === ':') {
    const oh = digits(s, k + 1, 2);
    const om = digits(s, k + 4, 2);
    if (oh < 0 || oh > 14 || om < 0 || om > 59) return NaN;
    offsetMin = (s[k] === '-' ? -1 : 1) * (oh * 60 + om);
  } else return NaN;
  return ((daysFromCivil(y, mo, d) * 24 + h) * 60 + mi - offsetMin) * 60_000 + se * 1000 + ms;
}

const pad = (v: number, w = 2): string => String(v).padStart(w, '0');

/** `ms` rendered at a fixed UTC offset (minutes), e.g. `2026-03-29T03:00:00+02:00`. */
export function formatIsoMs(ms: number, offsetMin = 0): string {
  const local = ms + offsetMin * 60_000;
  const days = Math.floor(local / 86_400_000);
  const rest = local - days * 86_400_000;
  const { y, m, d } = civilFromDays(days);
  const sec = Math.floor(rest / 1000);
  const frac = rest - sec * 1000;
  const time = `${pad(Math.floor(sec / 3600))}:${pad(Math.floor(sec / 60) % 60)}:${pad(sec % 60)}${frac ? `.${pad(frac, 3)}` : ''}`;
  const abs = Math.abs(offsetMin);
  const zone = offsetMin === 0 ? 'Z' : `${offsetMin < 0 ? '-' : '+'}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
  return `${pad(y, 4)}-${pad(m)}-${pad(d)}T${time}${zone}`;
}

/** Central European offset in minutes at UTC instant `ms` (EU rule: last Sundays of March/October, 01:00 UTC). */
export function cetOffsetMin(ms: number): number {
  const { y } = civilFromDays(Math.floor(ms / 86_400_000));
  const lastSunday = (month: number): number => {
    const last = daysFromCivil(y, month, 31);
    const weekday = (last + 4) % 7; // 1970-01-01 was a Thursday (4)
    return last - weekday;
  };
  const startMs = (lastSunday(3) * 24 + 1) * 3_600_000;
  const endMs = (lastSunday(10) * 24 + 1) * 3_600_000;
  return ms >= startMs && ms < endMs ? 120 : 60;
}
