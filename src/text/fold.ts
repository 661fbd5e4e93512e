// Pass 1 of normalizeText: one FOLD-table look-up per code unit (rules 1–9 of docs/text-normalisation.md).

import { ASTRAL_CHECK, ASTRAL_FOLD, DROP, FOLD, MULTI, MULTI_BASE } from './tables.js';

let buf = new Uint16Array(4096);

/** Flat string from arr[0, n): fromCharCode in chunks (argument-count limits), not rope concatenation. */
export function bufferToString(arr: Uint16Array, n: number): string {
  if (n <= 8192) return String.fromCharCode.apply(null, arr.subarray(0, n) as unknown as number[]);
  let out = '';
  for (let p = 0; p < n; p += 8192) {
    out += String.fromCharCode.apply(null, arr.subarray(p, Math.min(n, p + 8192)) as unknown as number[]);
  }
  return out;
}

/** Pass 1: folds every code unit through the FOLD table; letter case is kept. */
export function foldCharacters(text: string): string {
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (FOLD[c] !== c) break;
    i++;
  }
  if (i === n) return text;
  // Output is at most n code units plus multi-unit expansions (ligatures, ﷺ); grown on demand.
  if (buf.length < n + 64) buf = new Uint16Array(2 * n + 64);
  for (let p = 0; p < i; p++) buf[p] = text.charCodeAt(p);
  let w = i;
  for (; i < n; i++) {
    const c = text.charCodeAt(i);
    const v = FOLD[c]!;
    if (v >= 0) {
      buf[w++] = v;
      continue;
    }
    if (v === DROP) continue;
    let r: string | undefined;
    if (v === ASTRAL_CHECK) {
      const lo = text.charCodeAt(i + 1);
      if (!(lo >= 0xdc00 && lo <= 0xdfff)) {
        buf[w++] = c;
        continue;
      }
      i++;
      r = ASTRAL_FOLD.get(((c - 0xd800) << 10) + (lo - 0xdc00) + 0x10000);
      if (r === undefined) {
        buf[w++] = c;
        buf[w++] = lo;
        continue;
      }
    } else r = MULTI[MULTI_BASE - v]!;
    if (w + r.length + (n - i) + 64 > buf.length) {
      const bigger = new Uint16Array(2 * (w + r.length + (n - i)) + 64);
      bigger.set(buf.subarray(0, w));
      buf = bigger;
    }
    for (let q = 0; q < r.length; q++) buf[w++] = r.charCodeAt(q);
  }
  return bufferToString(buf, w);
}
