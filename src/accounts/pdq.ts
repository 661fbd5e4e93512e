// PDQ helpers for avatars: a 256-bit hash as 8 × 32-bit words, Hamming distance by popcount,
// and 16-bit chunks for a multi-index (by pigeonhole, two hashes within distance 15 share a chunk).

export type PdqWords = Uint32Array;

export const pdqFromHex = (hex: string): PdqWords => {
  const words = new Uint32Array(8);
  for (let i = 0; i < 8; i++) words[i] = Number.parseInt(hex.slice(i * 8, i * 8 + 8), 16) >>> 0;
  return words;
};

const popcount32 = (x: number): number => {
  let v = x - ((x >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
};

export const pdqDistance = (a: PdqWords, b: PdqWords): number => {
  let d = 0;
  for (let i = 0; i < 8; i++) d += popcount32(((a[i] as number) ^ (b[i] as number)) >>> 0);
  return d;
};

/** The 16 chunks of 16 bits, each tagged with its position so that equal chunks at different places differ. */
export const pdqChunkKeys = (w: PdqWords): number[] => {
  const keys: number[] = [];
  for (let i = 0; i < 8; i++) {
    const x = w[i] as number;
    keys.push((((i * 2) << 16) | (x >>> 16)) >>> 0, (((i * 2 + 1) << 16) | (x & 0xffff)) >>> 0);
  }
  return keys;
};

/** The usual PDQ match threshold. */
export const PDQ_MATCH_DISTANCE = 31;
