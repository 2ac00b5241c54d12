// Demand-side bid curves and flexible-transaction records (SPEC CLEAN-012, DATA-001).

import type { BidCurve, FlexTrade } from '../../contract/data.js';
import type { CleanParams } from './params.js';

export type { BidCurve, BidStep, FlexTrade } from '../../contract/data.js';

export type BidReason = 'kept' | 'too-many-steps' | 'out-of-range' | 'non-monotone';

/** CLEAN-012: 1..bidStepsMax steps, prices in range, quantities strictly and prices weakly increasing. */
export function bidReason(bid: BidCurve, p: CleanParams): BidReason {
  const n = bid.steps.length;
  if (n === 0 || n > p.bidStepsMax) return 'too-many-steps';
  for (const s of bid.steps) {
    if (!(s.priceEurPerMwh >= p.bidPriceMin && s.priceEurPerMwh <= p.bidPriceMax) || !(s.quantityKwh > 0)) {
      return 'out-of-range';
    }
  }
  for (let k = 1; k < n; k++) {
    const a = bid.steps[k - 1]!;
    const b = bid.steps[k]!;
    if (!(b.quantityKwh > a.quantityKwh) || b.priceEurPerMwh < a.priceEurPerMwh) return 'non-monotone';
  }
  return 'kept';
}

export type TradeReason = 'kept' | 'self-trade' | 'out-of-range';

export function tradeReason(t: FlexTrade, p: CleanParams): TradeReason {
  if (t.buyerId === t.sellerId) return 'self-trade';
  if (!(t.kwh > 0) || !(t.priceEurPerMwh >= p.bidPriceMin && t.priceEurPerMwh <= p.bidPriceMax)) return 'out-of-range';
  return 'kept';
}
