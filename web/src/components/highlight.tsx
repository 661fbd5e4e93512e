import type { ReactNode } from 'react';

// Explanations name the classifier's n-grams in normalised text (`«باقيه» +1.84`, see
// src/classify/model.ts). To mark them in the original post, both are folded the same light way
// (case, Arabic diacritics and tatweel, alef/hamza seats, alef maqsura, ta marbuta) while keeping a
// map from each folded character back to its position in the original.

const FOLD: Record<string, string> = {
  أ: 'ا',
  إ: 'ا',
  آ: 'ا',
  ٱ: 'ا',
  ؤ: 'و',
  ئ: 'ي',
  ى: 'ي',
  ة: 'ه',
};
const DROP = /[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640\u200b-\u200f]/;

export const foldWithMap = (text: string): { folded: string; map: number[] } => {
  let folded = '';
  const map: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (DROP.test(c)) continue;
    const f = (FOLD[c] ?? c).toLowerCase();
    for (const _ of f) map.push(i);
    folded += f;
  }
  return { folded, map };
};

/** The n-grams of explanations (`ngram`, or `«ngram» +w` strings; several joined by ` | `). */
export const ngramsOf = (explanations: readonly string[] | null | undefined): string[] => {
  const out = new Set<string>();
  for (const e of explanations ?? []) {
    const m = /«(.+?)»/.exec(e);
    const body = m?.[1] ?? e;
    for (const part of body.split(' | ')) {
      const g = foldWithMap(part.trim()).folded;
      // One- and two-letter n-grams (an article, a conjunction) would mark half the text.
      if (g.trim().length >= 3) out.add(g);
    }
  }
  return [...out];
};

/** Character ranges of the original text covered by any of the n-grams (merged, sorted). */
export const highlightRanges = (text: string, ngrams: readonly string[]): Array<[number, number]> => {
  const { folded, map } = foldWithMap(text);
  const ranges: Array<[number, number]> = [];
  for (const g of ngrams) {
    for (let at = folded.indexOf(g); at >= 0; at = folded.indexOf(g, at + 1)) {
      const start = map[at];
      const end = map[at + g.length - 1];
      if (start !== undefined && end !== undefined) ranges.push([start, end + 1]);
    }
  }
  ranges.sort((a, b) => a[0] - b[0]);
  const merged: Array<[number, number]> = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  return merged;
};

export const Highlighted = ({ text, ngrams }: { text: string; ngrams: readonly string[] }) => {
  const parts: ReactNode[] = [];
  let pos = 0;
  for (const [s, e] of highlightRanges(text, ngrams)) {
    if (s > pos) parts.push(text.slice(pos, s));
    parts.push(<mark key={s}>{text.slice(s, e)}</mark>);
    pos = e;
  }
  if (pos < text.length) parts.push(text.slice(pos));
  return <bdi className="post-text">{parts}</bdi>;
};
