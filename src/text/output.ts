// The word pass writes its tokens here: one reused buffer, one string per text (see docs/benchmarks/langid.md).

import { CLASS, C_ARABIC, C_LATIN, C_LETTER, HOMOGLYPH, LOWER } from './tables.js';
import { bufferToString } from './fold.js';
import { HEH, LAUGH, rejoinSingles } from './words.js';

let ob = new Uint16Array(4096);
const SEPARATOR_CODES = new Set([0x2e, 0x2d, 0x2a, 0xb7, 0x2b, 0x2f, 0x7c, 0x2022]); // . - * · + / | •

/**
 * Output of the word pass: tokens joined by single spaces, written straight into a reused code-unit
 * buffer (no string per token). Not re-entrant; normalizeText is synchronous.
 */
export class Output {
  /** Set when 3+ single letters of one script were emitted close together: rejoinSingles must run. */
  rejoin = false;
  private w = 0;
  private lastStart = 0;
  private lastEnd = 0;
  private singles = 0;
  private singleScript = 0;
  constructor(readonly keepCase: boolean) {}

  private ensure(extra: number): void {
    if (this.w + extra <= ob.length) return;
    const bigger = new Uint16Array(2 * (this.w + extra) + 64);
    bigger.set(ob.subarray(0, this.w));
    ob = bigger;
  }

  private begin(): void {
    if (this.w > 0) ob[this.w++] = 0x20;
    this.lastStart = this.w;
  }

  private end(): void {
    this.lastEnd = this.w;
    if (this.w - this.lastStart !== 1) {
      this.singles = 0;
      return;
    }
    const c = ob[this.lastStart]!;
    const k = CLASS[c]!;
    const sc = k === C_ARABIC ? 1 : k === C_LATIN ? 2 : 0;
    if (sc === 0) {
      if (!SEPARATOR_CODES.has(c)) this.singles = 0;
    } else if (sc === this.singleScript && this.singles > 0) {
      if (++this.singles >= 3) this.rejoin = true;
    } else {
      this.singles = 1;
      this.singleScript = sc;
    }
  }

  push(tok: string): void {
    this.ensure(tok.length + 1);
    this.begin();
    for (let q = 0; q < tok.length; q++) ob[this.w++] = tok.charCodeAt(q);
    this.end();
  }

  /** Whether the last token written equals tok (emoji repeats). */
  lastIs(tok: string): boolean {
    if (this.w === 0 || this.lastEnd - this.lastStart !== tok.length) return false;
    for (let q = 0; q < tok.length; q++) if (ob[this.lastStart + q] !== tok.charCodeAt(q)) return false;
    return true;
  }

  /** Writes s[a, b) as a word: the same transformation as normalizeWord, without building a string. */
  word(s: string, a: number, b: number): void {
    if (b <= a) return;
    let hasLatin = false;
    let hasHomo = false;
    let allLook = true;
    let onlyHeh = true;
    for (let p = a; p < b; p++) {
      const c = s.charCodeAt(p);
      const k = CLASS[c]!;
      if (k === C_LATIN) hasLatin = true;
      if (HOMOGLYPH[c] !== 0) hasHomo = true;
      else if (k === C_ARABIC || k === C_LETTER) allLook = false;
      if (c !== HEH) onlyHeh = false;
    }
    if (onlyHeh && b - a >= 3) {
      this.push(LAUGH);
      return;
    }
    const homo = hasHomo && (hasLatin || allLook);
    const lower = !this.keepCase;
    this.ensure(b - a + 1);
    this.begin();
    let w = this.w;
    let prev = -1;
    let run = 0;
    for (let p = a; p < b; p++) {
      let c = s.charCodeAt(p);
      if (homo && HOMOGLYPH[c] !== 0) c = HOMOGLYPH[c]!;
      if (lower) c = LOWER[c]!;
      if (c === prev) run++;
      else {
        prev = c;
        run = 1;
      }
      if (run >= 3) {
        // Elongation: a run of 3+ identical letters (any script) keeps 1 (take back the second).
        const k = CLASS[c]!;
        if (k === C_ARABIC || k === C_LATIN || k === C_LETTER) {
          if (run === 3) w--;
          continue;
        }
      }
      ob[w++] = c;
    }
    this.w = w;
    this.end();
  }

  result(): string {
    const out = bufferToString(ob, this.w);
    if (!this.rejoin) return out;
    const toks = out.split(' ');
    rejoinSingles(toks);
    return toks.join(' ');
  }
}
