// Structural checks of untrusted wire data (SPEC ERR-001): every field's type, length and range.
// Each checker returns null when the value is well-formed, else the key path below the value and
// what was expected (".vote.signature: expected ..."). Paths are built only on failure: built
// eagerly, they were a string per field checked, millions per region run.

import { LIMITS, type Message } from '../contract/index.js';
import { isHexOfBytes, utf8Length } from '../protocol/index.js';

/** null, or the problem with its path relative to the value checked (it starts with '.', '[' or ':'). */
type Check = (v: unknown) => string | null;

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export const intIn = (min: number, max: number = Number.MAX_SAFE_INTEGER): Check => {
  const problem = `: expected an integer in [${min}, ${max}]`;
  return (v) => (Number.isSafeInteger(v) && (v as number) >= min && (v as number) <= max ? null : problem);
};

export const hexOf = (bytes: number): Check => {
  const problem = `: expected ${bytes} bytes of lowercase hex`;
  return (v) => (isHexOfBytes(v, bytes) ? null : problem);
};

const hexOrNull = (bytes: number): Check => {
  const hex = hexOf(bytes);
  return (v) => (v === null ? null : hex(v));
};

export const str = (maxBytes: number): Check => {
  const problem = `: expected a string of at most ${maxBytes} bytes`;
  // A UTF-8 string is at most 3 bytes per UTF-16 unit: short strings need no byte count.
  return (v) => (typeof v === 'string' && (3 * v.length <= maxBytes || utf8Length(v) <= maxBytes) ? null : problem);
};

const bool: Check = (v) => (typeof v === 'boolean' ? null : ': expected a boolean');

const literal = (...values: string[]): Check => {
  const problem = `: expected one of ${values.join('|')}`;
  return (v) => (typeof v === 'string' && values.includes(v) ? null : problem);
};

export function record(fields: Record<string, Check>): Check {
  // Listed once: a record checker runs for every entry of every block (millions per region run).
  const keys = Object.keys(fields);
  const checks = Object.values(fields);
  // A Set, not `key in fields`: that would accept inherited names such as 'constructor'.
  const allowed = new Set(keys);
  return (v) => {
    if (!isObj(v)) return ': expected an object';
    for (const key of Object.keys(v)) {
      if (!allowed.has(key)) return `.${key}: unexpected field`;
    }
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i] as string;
      const problem = (checks[i] as Check)(v[key]);
      if (problem) return `.${key}${problem}`;
    }
    return null;
  };
}

export function arrayOf(item: Check, maxItems: number): Check {
  return (v) => {
    if (!Array.isArray(v)) return ': expected an array';
    if (v.length > maxItems) return `: expected at most ${maxItems} items`;
    for (let i = 0; i < v.length; i++) {
      const problem = item(v[i]);
      if (problem) return `[${i}]${problem}`;
    }
    return null;
  };
}

const paramStr = str(LIMITS.paramBytesMax);
const params: Check = (v) => {
  if (!isObj(v)) return ': expected an object of strings';
  const keys = Object.keys(v);
  if (keys.length > LIMITS.paramsKeysMax) return `: expected at most ${LIMITS.paramsKeysMax} keys`;
  for (const k of keys) {
    if (utf8Length(k) > LIMITS.paramBytesMax) return `: key longer than ${LIMITS.paramBytesMax} bytes`;
    const p = paramStr(v[k]);
    if (p) return `.${k}${p}`;
  }
  return null;
};

const u32 = intIn(0);
const key = hexOf(LIMITS.publicKeyBytes);
const sig = hexOf(LIMITS.signatureBytes);
const hash = hexOf(LIMITS.hashBytes);
const alliance = str(LIMITS.allianceIdBytesMax);
const label = str(LIMITS.labelBytesMax);

export const identityShape = record({
  publicKey: key,
  name: str(LIMITS.nameBytesMax),
  params,
  declaredAtMs: u32,
  signature: sig,
});
export const joinRequestShape = record({ allianceId: alliance, applicant: identityShape, createdAtMs: u32, signature: sig });
export const shareRequestShape = record({
  allianceId: alliance,
  requester: key,
  server: key,
  label,
  createdAtMs: u32,
  nonce: u32,
  signature: sig,
});
export const voteShape = record({ allianceId: alliance, requestId: hash, voter: key, allow: bool, signature: sig });
const accessRecordShape = record({ requestId: hash, requester: key, label, atMs: u32, records: u32 });
export const accessLogShape = (maxRecords: number): Check =>
  record({ allianceId: alliance, server: key, seq: intIn(1), records: arrayOf(accessRecordShape, maxRecords), signature: sig });
const certificateShape = record({
  height: u32,
  round: u32,
  blockHash: hash,
  precommits: arrayOf(record({ validator: key, signature: sig }), 1_000),
});
const consensusVoteShape = record({ height: u32, round: u32, blockHash: hexOrNull(32), validator: key, signature: sig });

const counts = { allows: u32, eligible: u32 };
const entryShapes = (maxRecords: number): Record<string, Check> => ({
  IDENTITY: record({ kind: literal('IDENTITY'), identity: identityShape }),
  JOIN_REQUEST: record({ kind: literal('JOIN_REQUEST'), requestId: hash, request: joinRequestShape }),
  SHARE_REQUEST: record({ kind: literal('SHARE_REQUEST'), requestId: hash, request: shareRequestShape }),
  VOTE: record({ kind: literal('VOTE'), vote: voteShape }),
  JOIN: record({ kind: literal('JOIN'), requestId: hash, identity: identityShape, ...counts }),
  REJECTION: record({
    kind: literal('REJECTION'),
    requestId: hash,
    requestKind: literal('JOIN_REQUEST', 'SHARE_REQUEST'),
    ...counts,
  }),
  ACCESS_LOG: record({ kind: literal('ACCESS_LOG'), batch: accessLogShape(maxRecords) }),
  DATA_OPERATION: record({
    kind: literal('DATA_OPERATION'),
    requestId: hash,
    requester: key,
    server: key,
    label,
    ...counts,
    timestampMs: u32,
  }),
});

function entryShape(maxRecords: number): Check {
  const shapes = entryShapes(maxRecords);
  return (v) => {
    if (!isObj(v) || typeof v.kind !== 'string') return '.kind: expected an entry kind';
    const check = shapes[v.kind];
    return check ? check(v) : `.kind: unknown entry kind ${JSON.stringify(v.kind).slice(0, 40)}`;
  };
}

export function blockShape(maxRecords: number, maxEntries: number): Check {
  const check = record({
    height: u32,
    round: u32,
    prevHash: hash,
    timestampMs: u32,
    proposer: key,
    lastCommit: (v) => (v === null ? null : certificateShape(v)),
    entries: arrayOf(entryShape(maxRecords), maxEntries),
  });
  // One block rides in a proposal and in k COMMITs (each its own message object): check it once
  // (problems are relative to the block, so one verdict serves every path it is seen at). The
  // checkers are built per memo (checkMessageShape), so this table is shared as far as the memo is.
  const verdicts = new WeakMap<object, string | null>();
  return (v) => {
    if (!isObj(v)) return check(v);
    const known = verdicts.get(v);
    if (known !== undefined) return known;
    const problem = check(v);
    verdicts.set(v, problem);
    return problem;
  };
}

const secondaryShape = record({
  meterId: str(LIMITS.nameBytesMax),
  hourStartMs: u32,
  energyWh: intIn(Number.MIN_SAFE_INTEGER),
  completenessPermille: intIn(0, 1000),
  labels: params,
});

/** Message checkers by limit pair; a node keeps them in its memo (their block verdicts with them). */
export type ShapeCheckers = Map<string, Record<Message['type'], Check>>;

/** Shape of a whole message; `maxRecords` is the treaty's access-log batch limit. */
export function checkMessageShape(message: unknown, maxRecords: number, maxEntries: number, checkers: ShapeCheckers = new Map()): string | null {
  if (!isObj(message) || typeof message.type !== 'string') return 'message.type: expected a message type';
  const memoKey = `${maxRecords}:${maxEntries}`;
  let shapes = checkers.get(memoKey);
  if (!shapes) {
    shapes = buildMessageShapes(maxRecords, maxEntries);
    checkers.set(memoKey, shapes);
  }
  const check = shapes[message.type as Message['type']];
  if (!check) return `message.type: unknown message type ${JSON.stringify(message.type).slice(0, 40)}`;
  const problem = check(message);
  return problem === null ? null : `message${problem}`;
}

function buildMessageShapes(maxRecords: number, maxEntries: number): Record<Message['type'], Check> {
  const block = blockShape(maxRecords, maxEntries);
  return {
    JOIN_REQUEST: record({ type: literal('JOIN_REQUEST'), request: joinRequestShape }),
    SHARE_REQUEST: record({ type: literal('SHARE_REQUEST'), request: shareRequestShape }),
    SHARE_RESPONSE: record({
      type: literal('SHARE_RESPONSE'),
      requestId: hash,
      server: key,
      status: literal('served', 'pending', 'rejected'),
      records: arrayOf(secondaryShape, LIMITS.shareResponseRecordsMax),
    }),
    DECISION: record({
      type: literal('DECISION'),
      requestId: hash,
      outcome: literal('allowed', 'rejected'),
      allows: u32,
      eligible: u32,
      height: u32,
      blockHash: hash,
    }),
    VOTE: record({ type: literal('VOTE'), vote: voteShape }),
    ACCESS_LOG: record({ type: literal('ACCESS_LOG'), batch: accessLogShape(maxRecords) }),
    PROPOSAL: record({
      type: literal('PROPOSAL'),
      proposal: record({ height: u32, round: u32, polRound: intIn(-1), block, proposer: key, signature: sig }),
    }),
    PREVOTE: record({ type: literal('PREVOTE'), vote: consensusVoteShape }),
    PRECOMMIT: record({ type: literal('PRECOMMIT'), vote: consensusVoteShape }),
    COMMIT: record({ type: literal('COMMIT'), block, certificate: certificateShape }),
    BLOCK_REQUEST: record({ type: literal('BLOCK_REQUEST'), fromHeight: u32, maxBlocks: intIn(1) }),
    BLOCK_RESPONSE: record({
      type: literal('BLOCK_RESPONSE'),
      blocks: arrayOf(
        record({ block, certificate: (v) => (v === null ? null : certificateShape(v)) }),
        10_000,
      ),
    }),
  };
}
