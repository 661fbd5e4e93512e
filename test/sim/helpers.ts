import { simulate, type SimulateOptions, type Truth } from '../../src/sim/index.js';

export interface SimOutput {
  text: string;
  truth: Truth;
}

/** Runs a simulation in memory (the stream as one string). */
export const simulateToString = async (opts: Partial<SimulateOptions> = {}): Promise<SimOutput> => {
  const chunks: string[] = [];
  const truth = await simulate(
    { scenario: 'default', seed: 1, scale: 'small', ...opts },
    { write: (c) => void chunks.push(c) },
  );
  return { text: chunks.join(''), truth };
};

export type Ev = Record<string, unknown> & { type: string; platform: string; created_at: string };

export const parseLines = (text: string): Ev[] =>
  text
    .split('\n')
    .filter((l) => l.length > 0)
    .map((l) => JSON.parse(l) as Ev);

/** Arabic-aware normalisation for near-duplicate checks in tests (diacritics, tatweel, emoji, hashtag order). */
export const normaliseForDup = (text: string): string => {
  const tags = (text.match(/#[^\s#]+/gu) ?? []).map((t) => t.replace(/[\u064b-\u0652\u0640]/gu, '')).sort();
  const body = text
    .replace(/#[^\s#]+/gu, ' ')
    .replace(/[\u064b-\u0652\u0640]/gu, '')
    .replace(/[^\p{L}\p{N}\s]/gu, ' ')
    .replace(/\s+/gu, ' ')
    .trim();
  return `${body} ${tags.join(' ')}`;
};

export const shingles = (s: string, k = 4): Set<string> => {
  const out = new Set<string>();
  for (let i = 0; i + k <= s.length; i++) out.add(s.slice(i, i + k));
  return out;
};
