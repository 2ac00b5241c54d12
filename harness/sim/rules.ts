// Decision rules (design §1) as pure functions of (allows, eligible), shared by the auditor.

import type { JoinRule, RequestKind } from '../../contract/index.js';

/** S6: a non-member share is allowed iff allows ≥ half of the eligible members. */
export function shareAllowed(allows: number, eligible: number): boolean {
  return 2 * allows >= eligible;
}

export function joinAllowed(rule: JoinRule, allows: number, eligible: number): boolean {
  switch (rule) {
    case 'majority':
      return 2 * allows > eligible;
    case 'half':
      return 2 * allows >= eligible;
    case 'twoThirds':
      return 3 * allows >= 2 * eligible;
    case 'unanimous':
      return allows === eligible;
  }
}

export function allowedBy(kind: RequestKind, rule: JoinRule, allows: number, eligible: number): boolean {
  return kind === 'SHARE_REQUEST' ? shareAllowed(allows, eligible) : joinAllowed(rule, allows, eligible);
}

/** True once no remaining vote can change the outcome. */
export function settled(kind: RequestKind, rule: JoinRule, allows: number, voted: number, eligible: number): boolean {
  const remaining = eligible - voted;
  return allowedBy(kind, rule, allows, eligible) === allowedBy(kind, rule, allows + remaining, eligible);
}
