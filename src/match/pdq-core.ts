// The PDQ core on a float32 luminance buffer, step by step as the reference C++
// (pdq/cpp/hashing/pdqhashing.cpp, downscaling.cpp, torben.cpp). float32 rounding is kept with
// Math.fround / Float32Array wherever the reference rounds, so equal pixels give equal hashes.
import { dct64To16 } from './pdq-dct.js';

const fround = Math.fround;

/** Fewer rows or columns than this: the hash is all zeros and the quality 0 (MIN_HASHABLE_DIM). */
export const MIN_HASHABLE_DIM = 5;

/** A 256-bit PDQ hash as 16 uint16 words; word i holds DCT row i, bit j is column j. */
export type PdqWords = Uint16Array;

export interface PdqCoreResult {
  /** The 16×16 DCT coefficients (row-major, i = vertical frequency). */
  coefficients: Float32Array;
  quality: number;
}

/** ceil(dim/128): the Jarosz box window for downsampling to 64. */
export const jaroszWindow = (dim: number): number => Math.floor((dim + 2 * 64 - 1) / (2 * 64));

// One box-filter pass over a strided vector; running float32 sum, asymmetric window for even w.
const box1D = (
  inv: Float32Array,
  out: Float32Array,
  start: number,
  n: number,
  stride: number,
  w: number,
): void => {
  const half = Math.floor((w + 2) / 2);
  const p1 = half - 1;
  const p2 = w - half + 1;
  const p3 = n - w;
  const p4 = half - 1;
  let li = start;
  let ri = start;
  let oi = start;
  let sum = 0;
  let size = 0;
  for (let i = 0; i < p1; i++) {
    sum = fround(sum + inv[ri]!);
    size++;
    ri += stride;
  }
  for (let i = 0; i < p2; i++) {
    sum = fround(sum + inv[ri]!);
    size++;
    out[oi] = sum / size;
    ri += stride;
    oi += stride;
  }
  for (let i = 0; i < p3; i++) {
    sum = fround(sum + inv[ri]!);
    sum = fround(sum - inv[li]!);
    out[oi] = sum / size;
    li += stride;
    ri += stride;
    oi += stride;
  }
  for (let i = 0; i < p4; i++) {
    sum = fround(sum - inv[li]!);
    size--;
    out[oi] = sum / size;
    li += stride;
    oi += stride;
  }
};

/** Two passes of (rows, then columns) box filtering, in place in `buf1` (`buf2` is scratch). */
export const jaroszFilter = (buf1: Float32Array, buf2: Float32Array, rows: number, cols: number): void => {
  const wRows = jaroszWindow(cols);
  const wCols = jaroszWindow(rows);
  for (let pass = 0; pass < 2; pass++) {
    for (let i = 0; i < rows; i++) box1D(buf1, buf2, i * cols, cols, 1, wRows);
    for (let j = 0; j < cols; j++) box1D(buf2, buf1, j, rows, cols, wCols);
  }
};

/** Nearest sample at the centre of each of the 64×64 cells. */
export const decimate64 = (buf: Float32Array, rows: number, cols: number): Float32Array => {
  const out = new Float32Array(64 * 64);
  for (let i = 0; i < 64; i++) {
    const ini = Math.floor(((i + 0.5) * rows) / 64);
    for (let j = 0; j < 64; j++) {
      const inj = Math.floor(((j + 0.5) * cols) / 64);
      out[i * 64 + j] = buf[ini * cols + inj]!;
    }
  }
  return out;
};

/** The reference's gradient-sum quality, 0..100. */
export const qualityMetric = (a: Float32Array): number => {
  let sum = 0;
  for (let i = 0; i < 63; i++) {
    for (let j = 0; j < 64; j++) {
      const d = fround(fround(fround(a[i * 64 + j]! - a[(i + 1) * 64 + j]!) * 100) / 255);
      sum += Math.abs(Math.trunc(d));
    }
  }
  for (let i = 0; i < 64; i++) {
    for (let j = 0; j < 63; j++) {
      const d = fround(fround(fround(a[i * 64 + j]! - a[i * 64 + j + 1]!) * 100) / 255);
      sum += Math.abs(Math.trunc(d));
    }
  }
  return Math.min(100, Math.floor(sum / 90));
};

/** Torben's median (the 128th smallest of 256 distinct values), float32 like the reference. */
export const torbenMedian = (m: Float32Array): number => {
  const n = m.length;
  const halfN = Math.floor((n + 1) / 2);
  let min = m[0]!;
  let max = m[0]!;
  for (let i = 1; i < n; i++) {
    const v = m[i]!;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  let less = 0;
  let equal = 0;
  let guess = 0;
  let maxlt = 0;
  let mingt = 0;
  for (;;) {
    guess = fround(fround(min + max) / 2);
    less = 0;
    let greater = 0;
    equal = 0;
    maxlt = min;
    mingt = max;
    for (let i = 0; i < n; i++) {
      const v = m[i]!;
      if (v < guess) {
        less++;
        if (v > maxlt) maxlt = v;
      } else if (v > guess) {
        greater++;
        if (v < mingt) mingt = v;
      } else equal++;
    }
    if (less <= halfN && greater <= halfN) break;
    if (less > greater) max = maxlt;
    else min = mingt;
  }
  if (less >= halfN) return maxlt;
  if (less + equal >= halfN) return guess;
  return mingt;
};

/** Bit 16·i + j is set iff B[i][j] > median (strictly). */
export const coefficientsToWords = (b: Float32Array): PdqWords => {
  const median = torbenMedian(b);
  const words = new Uint16Array(16);
  for (let i = 0; i < 16; i++) {
    let w = 0;
    for (let j = 0; j < 16; j++) if (b[i * 16 + j]! > median) w |= 1 << j;
    words[i] = w;
  }
  return words;
};

/**
 * Runs the core on a luminance buffer (row-major, `rows`×`cols`). The buffer is used as scratch.
 * Returns null when the image is too small to hash.
 */
export const pdqCoreFromLuma = (luma: Float32Array, rows: number, cols: number): PdqCoreResult | null => {
  if (rows < MIN_HASHABLE_DIM || cols < MIN_HASHABLE_DIM) return null;
  let a64: Float32Array;
  if (rows === 64 && cols === 64) a64 = Float32Array.from(luma);
  else {
    jaroszFilter(luma, new Float32Array(rows * cols), rows, cols);
    a64 = decimate64(luma, rows, cols);
  }
  const quality = qualityMetric(a64);
  return { coefficients: dct64To16(a64), quality };
};

export type Dihedral = 'orig' | 'rot90' | 'rot180' | 'rot270' | 'flipx' | 'flipy' | 'flipp' | 'flipm';
export const DIHEDRALS: readonly Dihedral[] = [
  'orig',
  'rot90',
  'rot180',
  'rot270',
  'flipx',
  'flipy',
  'flipp',
  'flipm',
];

/** The coefficients the image would have after the given dihedral transform (README step 11). */
export const transformCoefficients = (b: Float32Array, t: Dihedral): Float32Array => {
  const out = new Float32Array(256);
  for (let i = 0; i < 16; i++) {
    for (let j = 0; j < 16; j++) {
      const v = b[i * 16 + j]!;
      const iOdd = (i & 1) === 1;
      const jOdd = (j & 1) === 1;
      const parity = ((i + j) & 1) === 0 ? v : -v;
      switch (t) {
        case 'orig':
          out[i * 16 + j] = v;
          break;
        case 'rot90':
          out[j * 16 + i] = jOdd ? v : -v;
          break;
        case 'rot180':
          out[i * 16 + j] = parity;
          break;
        case 'rot270':
          out[j * 16 + i] = iOdd ? v : -v;
          break;
        case 'flipx':
          out[i * 16 + j] = iOdd ? v : -v;
          break;
        case 'flipy':
          out[i * 16 + j] = jOdd ? v : -v;
          break;
        case 'flipp':
          out[j * 16 + i] = v;
          break;
        case 'flipm':
          out[j * 16 + i] = parity;
          break;
      }
    }
  }
  return out;
};
