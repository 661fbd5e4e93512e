import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

// Synthetic canonical NDJSON for the ingest benchmark: invented accounts and everyday posts
// (weather, sport, news, counter-speech) in Arabic and English. Deterministic for a given count.

const WORDS_AR = [
  'الطقس',
  'اليوم',
  'مباراة',
  'الأخبار',
  'المدينة',
  'السوق',
  'المدرسة',
  'السلام',
  'الحوار',
  'التعايش',
  'الجامعة',
  'القهوة',
];
const WORDS_EN = [
  'weather',
  'match',
  'report',
  'city',
  'market',
  'school',
  'peace',
  'dialogue',
  'coffee',
  'traffic',
  'library',
  'music',
];
const TAGS = ['طقس_اليوم', 'أخبار', 'كرة_القدم', 'معا_ضد_الكراهية', 'news', 'ramadan', 'عين_على_المدينة'];

/** A small deterministic PRNG (mulberry32), so the same count gives the same file. */
const rng = (seed: number): (() => number) => {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};

/** One synthetic event line (without newline) for index `i`; every 50th event is a new account. */
export const syntheticEvents = function* (count: number, seed = 7): Generator<string> {
  const next = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] as T;
  const start = Date.UTC(2024, 0, 1);
  let accounts = 0;
  for (let i = 0; i < count; i++) {
    const created = new Date(start + i * 1000).toISOString();
    if (i % 50 === 0) {
      const id = `u${accounts++}`;
      yield JSON.stringify({
        type: 'account',
        platform: 'sim',
        id,
        handle: `user_${id}`,
        name: accounts % 2 ? `مستخدم ${id}` : `User ${id}`,
        lang: accounts % 2 ? 'ar' : 'en',
        created_at: created,
      });
    } else if (i % 50 === 25) {
      yield JSON.stringify({
        type: 'follow',
        platform: 'sim',
        src: `u${Math.floor(next() * accounts)}`,
        dst: `u${Math.floor(next() * accounts)}`,
        created_at: created,
      });
    } else {
      const ar = next() < 0.7;
      const words = Array.from({ length: 8 + Math.floor(next() * 10) }, () =>
        pick(ar ? WORDS_AR : WORDS_EN),
      ).join(' ');
      yield JSON.stringify({
        type: 'post',
        platform: 'sim',
        id: `p${i}`,
        account_id: `u${Math.floor(next() * accounts)}`,
        text: `${words} #${pick(TAGS)}`,
        created_at: created,
      });
    }
  }
};

/** Streams `count` synthetic events to `file` (never holding the file in memory). */
export const writeSyntheticFile = async (file: string, count: number, seed = 7): Promise<void> => {
  const out = createWriteStream(file);
  let chunk = '';
  for (const line of syntheticEvents(count, seed)) {
    chunk += `${line}\n`;
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await once(out, 'finish');
};
