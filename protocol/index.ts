// Shared protocol primitives: canonical encoding, payloads, signing, keys, crypto backends.
export * from './encoding.js';
export * from './payloads.js';
export * from './sign.js';
export * from './keys.js';
export * from './treaty.js';
export * from './crypto/index.js';
