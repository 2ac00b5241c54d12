// Treaty construction: founders' self-signed identities plus parameters (SPEC MEMB-001).

import { TREATY_DEFAULTS, type CryptoBackend, type KeyPair, type Treaty, type TreatyParams } from '../contract/index.js';
import { makeIdentity } from './sign.js';

export interface FounderSpec {
  readonly keys: KeyPair;
  readonly name: string;
  readonly params?: Record<string, string>;
  readonly declaredAtMs: number;
}

export function makeTreaty(
  crypto: CryptoBackend,
  allianceId: string,
  founders: readonly FounderSpec[],
  overrides: Partial<TreatyParams> = {},
): Treaty {
  return {
    ...TREATY_DEFAULTS,
    ...overrides,
    allianceId,
    founders: founders.map((f) => makeIdentity(crypto, f.keys, f.name, f.params ?? {}, f.declaredAtMs)),
  };
}
