// The part of sodium-native (libsodium bindings) this project calls. The binding accepts any
// TypedArray (binding.c: napi_get_typedarray_info), so these take Uint8Array, not only Buffer.
declare module 'sodium-native' {
  export function crypto_sign_seed_keypair(publicKey: Uint8Array, secretKey: Uint8Array, seed: Uint8Array): void;
  export function crypto_sign_detached(signature: Uint8Array, message: Uint8Array, secretKey: Uint8Array): void;
  export function crypto_sign_verify_detached(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean;
}
