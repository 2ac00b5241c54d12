// Numeric keys of crypto-ahead jobs (ahead-ring.ts). A key only finds a job; the job's inputs
// are compared before its result is used, so a collision costs a job done twice, never a wrong
// verdict or signature.

/** First six bytes of an Ed25519 signature (48 bits; R is a curve point, its bytes look random). */
export function signatureKey(signature: Uint8Array): number {
  if (signature.length < 6) return -1;
  return (
    (signature[0] as number) +
    (signature[1] as number) * 0x100 +
    (signature[2] as number) * 0x10000 +
    (signature[3] as number) * 0x1000000 +
    (signature[4] as number) * 0x100000000 +
    (signature[5] as number) * 0x10000000000
  );
}

/** 32-bit FNV-1a of the payload, above 16 bits of the secret key: votes differ in requestId and voter. */
export function signJobKey(secretKey: Uint8Array, payload: Uint8Array): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < payload.length; i++) h = Math.imul(h ^ (payload[i] as number), 0x01000193);
  return (h >>> 0) * 0x10000 + ((secretKey[0] ?? 0) | ((secretKey[1] ?? 0) << 8));
}
