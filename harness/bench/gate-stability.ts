// Does the gate flake? Measures the same build twice back to back, gates the pair, N times.
// "Passes two back-to-back runs of the same build in 10 of 10 tries" is the target (issue 6).

import { gate, type GateOptions } from '../report/gate.js';
import type { Results } from '../report/results.js';

export interface StabilityTry {
  readonly index: number;
  readonly passed: boolean;
  readonly regressions: readonly string[];
  readonly improvements: readonly string[];
  /** Wall-clock metrics the rank test examined. */
  readonly tested: number;
  /** Of those, how many had p < alpha (significant but maybe below the threshold). */
  readonly significant: number;
  /** Largest |median change| among the tested metrics, in percent. */
  readonly maxChangePct: number;
  readonly minP: number;
  /** The gate's warning that the machine's speed changed between the two runs, if it gave one. */
  readonly machineDrift?: string;
  readonly wallMs: number;
}

export interface StabilityReport {
  readonly tries: readonly StabilityTry[];
  readonly passed: number;
  readonly options: GateOptions;
}

/** `measure` produces one results object (e.g. a quick micro suite); called 2×tries times. */
export async function gateStability(
  measure: () => Promise<Results>,
  tries: number,
  options: GateOptions = {},
  onTry?: (t: StabilityTry) => void,
): Promise<StabilityReport> {
  const out: StabilityTry[] = [];
  for (let i = 0; i < tries; i += 1) {
    const startedMs = Date.now();
    const baseline = await measure();
    const current = await measure();
    const report = gate(baseline, current, options);
    const tested = report.rows.filter((r) => r.p !== undefined);
    const alpha = report.options.alpha;
    const drift = report.warnings.find((w) => w.includes("machine's speed"));
    const t: StabilityTry = {
      index: i + 1,
      passed: report.regressions.length === 0 && report.refused.length === 0,
      regressions: report.regressions.map((r) => r.path),
      improvements: report.improvements.map((r) => r.path),
      tested: tested.length,
      significant: tested.filter((r) => r.p! < alpha).length,
      maxChangePct: Math.max(0, ...tested.map((r) => Math.abs(((r.ratio ?? 1) - 1) * 100))),
      minP: Math.min(1, ...tested.map((r) => r.p!)),
      ...(drift ? { machineDrift: drift } : {}),
      wallMs: Date.now() - startedMs,
    };
    out.push(t);
    onTry?.(t);
  }
  return { tries: out, passed: out.filter((t) => t.passed).length, options };
}
