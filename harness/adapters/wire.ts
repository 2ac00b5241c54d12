// The out-of-process adapter protocol (docs/adapter-protocol.md): JSON Lines over stdio.
// One request frame per line on the adapter's stdin, one response frame per line on its stdout.

import type { Capabilities } from '../../contract/index.js';

export const ADAPTER_PROTOCOL_VERSION = 1;
/** Largest frame (one line, UTF-8 bytes, without the newline) either side may send. */
export const DEFAULT_MAX_FRAME_BYTES = 16 * 1024 * 1024;

export type RequestOp = 'hello' | 'create' | 'reset' | 'restart' | 'destroy' | 'apply' | 'query' | 'digest' | 'data' | 'shutdown';

export interface RequestFrame {
  readonly id: number;
  readonly op: RequestOp;
  readonly [param: string]: unknown;
}

export type ResponseFrame =
  | { readonly id: number; readonly ok: true; readonly result: unknown }
  | { readonly id: number; readonly ok: false; readonly error: { readonly kind: string; readonly message: string } };

export interface HelloResult {
  readonly protocol: number;
  readonly implementation: { readonly name: string; readonly version: string };
  readonly capabilities: Capabilities;
  readonly maxFrameBytes?: number;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Validates a parsed response frame; returns a message naming what is wrong, or the frame. */
export function parseResponse(line: string): ResponseFrame | string {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return `not JSON: ${JSON.stringify(line.slice(0, 80))}`;
  }
  if (!isRecord(value)) return `expected a JSON object, got ${JSON.stringify(line.slice(0, 80))}`;
  if (!Number.isSafeInteger(value['id'])) return `frame has no integer 'id': ${JSON.stringify(line.slice(0, 80))}`;
  if (value['ok'] === true) {
    if (!('result' in value)) return `frame ${String(value['id'])} has ok:true but no 'result'`;
    return value as ResponseFrame;
  }
  if (value['ok'] === false) {
    const error = value['error'];
    if (!isRecord(error) || typeof error['message'] !== 'string') {
      return `frame ${String(value['id'])} has ok:false but no error.message`;
    }
    return { id: value['id'] as number, ok: false, error: { kind: String(error['kind'] ?? 'error'), message: error['message'] } };
  }
  return `frame ${String(value['id'])} has no boolean 'ok'`;
}

export function checkHello(result: unknown): HelloResult | string {
  if (!isRecord(result)) return 'hello result is not an object';
  if (result['protocol'] !== ADAPTER_PROTOCOL_VERSION) {
    return `adapter speaks protocol ${JSON.stringify(result['protocol'])}, harness speaks ${ADAPTER_PROTOCOL_VERSION}`;
  }
  const impl = result['implementation'];
  if (!isRecord(impl) || typeof impl['name'] !== 'string' || typeof impl['version'] !== 'string') {
    return 'hello result.implementation must be {name: string, version: string}';
  }
  const caps = result['capabilities'];
  if (!isRecord(caps) || !Array.isArray(caps['modules']) || !Array.isArray(caps['features'])) {
    return 'hello result.capabilities must be {modules: string[], features: string[]}';
  }
  return result as unknown as HelloResult;
}
