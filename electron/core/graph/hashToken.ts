/**
 * A 32-bit hash of a string: FNV-1a over the UTF-16 code units, finished with MurmurHash3's fmix32
 * so that the low bits (used as a bucket index) and the top bit (used as a sign) are well mixed.
 * Written here rather than imported so embeddings stay identical across platforms and versions.
 * @param text The string to hash.
 * @param seed Distinguishes hash families (e.g. words from character n-grams). Defaults to 0.
 * @returns An unsigned 32-bit integer.
 */
export function hashToken(text: string, seed = 0): number {
  let hash = (0x811c9dc5 ^ seed) >>> 0;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return hash >>> 0;
}
