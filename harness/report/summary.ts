// The short summary a command prints after writing its results: the headline figures people look
// for first, as aligned plain text.

import { fmtNumber } from './format.js';
import type { Results } from './results.js';
import { view } from './results-view.js';

export function summaryLines(r: Results): string[] {
  const rows: [string, string][] = [];
  if (r.finalState) rows.push(['head hash', r.finalState.headHash], ['height', fmtNumber(r.finalState.height)]);
  for (const [name, s] of view.scenarios(r)) {
    if (!r.scenarios) break;
    const p99 = s.votes?.latencyMs?.p99;
    rows.push([
      `scenario ${name}`,
      `height ${s.finalState ? fmtNumber(s.finalState.height) : '—'}, vote p99 ${p99 === undefined ? '—' : `${fmtNumber(p99)} ms`}, safety violations ${s.safety?.violations ?? '—'}`,
    ]);
  }
  const votes = view.votes(r);
  if (votes?.latencyMs) rows.push(['vote latency p99', `${fmtNumber(votes.latencyMs.p99)} ms (virtual)`]);
  const c = view.cleaning(r);
  if (c) {
    const peers = Object.entries(c.peers ?? {})
      .filter(([, p]) => p.recordsPerSec !== undefined)
      .map(([n, p]) => `${n} ${fmtNumber(p.recordsPerSec!)}`);
    rows.push(['cleaning records/s', `${fmtNumber(c.recordsPerSec)}${peers.length > 0 ? ` (${peers.join(', ')})` : ''}`]);
  }
  const k = view.conformance(r);
  if (k) rows.push(['conformance', `${k.passed} passed, ${k.failed} failed, ${k.skipped} skipped`]);
  const s = view.safety(r);
  if (s) rows.push(['safety violations', String(s.violations)]);
  const micro = Object.entries(view.micro(r) ?? {});
  if (micro.length > 0) rows.push(['micro-benchmarks', `${micro.length} tasks (${micro.map(([n, t]) => `${n} ${fmtNumber(t.opsPerSec)}/s`).slice(0, 3).join(', ')}${micro.length > 3 ? ', …' : ''})`]);
  if (r.partial) rows.push(['partial', 'yes (interrupted)']);
  const width = Math.max(0, ...rows.map(([k]) => k.length));
  return rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`);
}
