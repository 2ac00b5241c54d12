// S2 data operations (SPEC.md DATA/CLEAN families): how the harness reaches a node's
// data-processing and sharing modules. The data issue owns the record formats below.

import type { SecondaryRecord } from './types.js';

/** One primary interval reading as ingested (SPEC DATA family). */
export interface MeterReading {
  readonly meterId: string;
  readonly intervalStartMs: number;
  readonly intervalMinutes: number;
  /** Energy in watt-hours as read (before the multiplier). */
  readonly wh: number;
  /** Green Button quality code: 0 valid, 8/9 estimated, 10 questionable, 14 raw. */
  readonly quality: number;
  readonly receivedAtMs: number;
  readonly multiplier: number;
  readonly capacityWh: number;
}

export interface CleaningSummary {
  readonly input: number;
  readonly duplicates: number;
  readonly invalid: number;
  readonly kept: number;
  readonly secondary: number;
  /** Removed readings per CLEAN reason name (`duplicate`, `negative`, …); optional. */
  readonly removedByReason?: Readonly<Record<string, number>>;
}

export interface BidStep {
  readonly priceEurPerMwh: number;
  readonly quantityKwh: number;
}

/** A demand-side bid curve: a price–quantity staircase (SPEC DATA-001, CLEAN-012). */
export interface BidCurve {
  readonly participantId: string;
  readonly intervalStartMs: number;
  readonly steps: readonly BidStep[];
}

/** A flexible-transaction record (SPEC DATA-001, CLEAN-012). */
export interface FlexTrade {
  readonly buyerId: string;
  readonly sellerId: string;
  readonly intervalStartMs: number;
  readonly kwh: number;
  readonly priceEurPerMwh: number;
}

/** What CLEAN-012 kept of bids and trades, and why the others were removed (zero counts omitted). */
export interface MarketCleaning {
  readonly keptBids: number;
  readonly keptTrades: number;
  readonly removedByReason: Readonly<Record<string, number>>;
}

/** Optional on a node: an implementation without the data-processing module omits it. */
export interface DataOps {
  ingest(readings: readonly MeterReading[]): { readonly accepted: number };
  clean(): CleaningSummary;
  query(label: string): readonly SecondaryRecord[];
  /** CLEAN-012 on bids and trades; present when the implementation declares the 'data-market' feature. */
  cleanMarket?(bids: readonly BidCurve[], trades: readonly FlexTrade[]): MarketCleaning;
}
