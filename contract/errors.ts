// Error codes (SPEC.md §7, family ERR). A node answers every bad input with one of these and
// leaves its state digest unchanged.

export const ERROR_CODES = [
  'ERR_MALFORMED',
  'ERR_OVERSIZED',
  'ERR_WRONG_ALLIANCE',
  'ERR_BAD_SIGNATURE',
  'ERR_REPLAY',
  'ERR_DUPLICATE_VOTE',
  'ERR_NOT_MEMBER',
  'ERR_ALREADY_MEMBER',
  'ERR_NOT_VALIDATOR',
  'ERR_NOT_ELIGIBLE',
  'ERR_NOT_TARGET',
  'ERR_UNKNOWN_REQUEST',
  'ERR_REQUEST_CLOSED',
  'ERR_STALE',
  'ERR_FUTURE_HEIGHT',
  'ERR_WRONG_PROPOSER',
  'ERR_EQUIVOCATION',
  'ERR_BAD_BLOCK',
  'ERR_BAD_PREV_HASH',
  'ERR_BAD_TIMESTAMP',
  'ERR_BAD_CERTIFICATE',
  'ERR_LIMIT',
  'ERR_UNSUPPORTED',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface NodeError {
  readonly code: ErrorCode;
  /** Human-readable: names the field or rule that failed. */
  readonly message: string;
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}
