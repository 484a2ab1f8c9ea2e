/** What the server takes as a signing secret: 16 to 200 characters. */
export const SECRET_MIN = 16;
export const SECRET_MAX = 200;
/** A generated secret's length: 32 letters and digits, about 190 bits. */
export const SECRET_LENGTH = 32;

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
// The largest multiple of the alphabet's size a byte holds: bytes at or above it are skipped, so
// every character is equally likely (a plain `byte % 62` would favour the first eight).
const UNBIASED_LIMIT = 256 - (256 % ALPHABET.length);

/** Fills the bytes with random values: the browser's CSPRNG by default. */
export type RandomFill = (bytes: Uint8Array) => Uint8Array;

const cryptoFill: RandomFill = (bytes) => globalThis.crypto.getRandomValues(bytes);

/** A random secret of letters and digits from crypto.getRandomValues (never Math.random). */
export function generateSecret(length = SECRET_LENGTH, fill: RandomFill = cryptoFill): string {
  let secret = "";
  while (secret.length < length) {
    for (const byte of fill(new Uint8Array(length * 2))) {
      if (byte >= UNBIASED_LIMIT) continue;
      secret += ALPHABET.charAt(byte % ALPHABET.length);
      if (secret.length === length) break;
    }
  }
  return secret;
}
