// PDQ hash encodings: 64 hex digits (the reference's `w[15]..w[0]` with %04hx), 16 uint16 words,
// and 8 uint32 words (the packed form the index uses).
import { ValidationError } from '../errors.js';
import type { PdqWords } from './pdq-core.js';

export const PDQ_HEX_LENGTH = 64;
const HEX_RE = /^[0-9a-f]{64}$/;

/** Hex as the reference writes it: row 15 first, each row as 4 hex digits. */
export const wordsToHex = (words: PdqWords): string => {
  let s = '';
  for (let i = 15; i >= 0; i--) s += words[i]!.toString(16).padStart(4, '0');
  return s;
};

/** Why a string is not a PDQ hash, or null when it is one (case-insensitive). */
export const pdqHexProblem = (value: string): string | null => {
  if (value.length !== PDQ_HEX_LENGTH) return `a PDQ hash has 64 hex characters, got ${value.length}`;
  if (!HEX_RE.test(value.toLowerCase())) return 'a PDQ hash has only hex characters 0-9a-f';
  return null;
};

/** Lowercases and checks a PDQ hex string; throws ValidationError naming `field` otherwise. */
export const parsePdqHex = (value: string, field = 'pdq'): string => {
  const problem = pdqHexProblem(value);
  if (problem) throw new ValidationError(`${field}: ${problem}`, { field });
  return value.toLowerCase();
};

/** 8 uint32 words, word k = hex digits [8k, 8k+8) (big-endian order kept; Hamming does not care). */
export const hexToU32 = (hex: string, out: Uint32Array = new Uint32Array(8), offset = 0): Uint32Array => {
  for (let k = 0; k < 8; k++) out[offset + k] = Number.parseInt(hex.slice(k * 8, k * 8 + 8), 16) >>> 0;
  return out;
};

export const u32ToHex = (words: Uint32Array, offset = 0): string => {
  let s = '';
  for (let k = 0; k < 8; k++) s += words[offset + k]!.toString(16).padStart(8, '0');
  return s;
};

export const popcount32 = (x: number): number => {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
};

/** Hamming distance of two valid PDQ hex strings. */
export const pdqDistance = (a: string, b: string): number => {
  let d = 0;
  for (let k = 0; k < 8; k++) {
    const x = Number.parseInt(a.slice(k * 8, k * 8 + 8), 16) ^ Number.parseInt(b.slice(k * 8, k * 8 + 8), 16);
    d += popcount32(x);
  }
  return d;
};

export const ZERO_PDQ = '0'.repeat(64);
