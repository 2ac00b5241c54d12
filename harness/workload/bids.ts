// Seeded demand-side bid curves (≤ 10-step increasing price–quantity staircases per
// participant and market hour) and flexible-transaction records, with injected bid defects.

import type { BidCurve, BidReason, BidStep, FlexTrade } from '../adapters/reference.js';
import { DEFAULT_DEFECT_RATES, type DefectRates } from './defects.js';
import { SeededRng } from './rng.js';

export interface MarketOptions {
  readonly bids: number;
  readonly trades: number;
  readonly participants: readonly string[];
  readonly startMs: number;
  readonly seed: number;
  readonly rates?: Partial<DefectRates>;
}

export interface GeneratedMarket {
  readonly bids: readonly BidCurve[];
  /** The reason cleaning must give each bid (ground truth). */
  readonly bidTruth: readonly BidReason[];
  readonly trades: readonly FlexTrade[];
}

export function generateMarket(options: MarketOptions): GeneratedMarket {
  const rates = { ...DEFAULT_DEFECT_RATES, ...options.rates };
  const rng = new SeededRng(options.seed ^ 0x5bd1e995);
  const parts = options.participants;
  const bids: BidCurve[] = [];
  const bidTruth: BidReason[] = [];
  for (let k = 0; k < options.bids && parts.length > 0; k++) {
    const n = 1 + rng.below(10);
    const steps: BidStep[] = [];
    let price = -50 + rng.below(250);
    let quantity = 0;
    for (let s = 0; s < n; s++) {
      price += rng.below(50);
      quantity += 1 + rng.below(500);
      steps.push({ priceEurPerMwh: price, quantityKwh: quantity });
    }
    let truth: BidReason = 'kept';
    const u = rng.unit();
    if (u < rates.bidNonMonotone && n >= 2) {
      const s = 1 + rng.below(n - 1);
      const prev = steps[s - 1]!;
      steps[s] = { priceEurPerMwh: prev.priceEurPerMwh - 1 - rng.below(50), quantityKwh: steps[s]!.quantityKwh };
      truth = 'non-monotone';
    } else if (u >= rates.bidNonMonotone && u < rates.bidNonMonotone + rates.bidOutOfRange) {
      const s = rng.below(n);
      const wild = rng.below(2) === 0 ? 3001 + rng.below(1000) : -501 - rng.below(1000);
      steps[s] = { priceEurPerMwh: wild, quantityKwh: steps[s]!.quantityKwh };
      truth = 'out-of-range';
    }
    bids.push({ participantId: parts[rng.below(parts.length)]!, intervalStartMs: options.startMs + 3_600_000 * rng.below(240), steps });
    bidTruth.push(truth);
  }
  const trades: FlexTrade[] = [];
  for (let k = 0; k < options.trades && parts.length > 1; k++) {
    const buyer = rng.below(parts.length);
    const seller = (buyer + 1 + rng.below(parts.length - 1)) % parts.length;
    trades.push({
      buyerId: parts[buyer]!,
      sellerId: parts[seller]!,
      intervalStartMs: options.startMs + 3_600_000 * rng.below(240),
      kwh: 1 + rng.below(1000),
      priceEurPerMwh: -50 + rng.below(350),
    });
  }
  return { bids, bidTruth, trades };
}

/** Aggregator participants, one per ten meters of each region. */
export function participantsFor(meterIds: readonly string[]): string[] {
  const count = Math.max(2, Math.ceil(meterIds.length / 10));
  return Array.from({ length: count }, (_, k) => {
    const region = meterIds[k % Math.max(1, meterIds.length)]?.split('-')[0] ?? 'north';
    return `${region}-agg${String(k).padStart(4, '0')}`;
  });
}
