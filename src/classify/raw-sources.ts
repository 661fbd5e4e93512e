// Adapters for shared data sets that ship only raw files (no text/<set>.ndjson): they turn the raw
// rows into CorpusRecords so `marsad train/eval --data` can read the raw file directly.
import { createReadStream, readFileSync } from 'node:fs';
import path from 'node:path';
import { createGunzip } from 'node:zlib';
import { parse } from 'csv-parse';
import type { CorpusLineError, CorpusRecord } from './data.js';

const IRA_SET = 'ira-russian-troll-tweets-subset';
const IRA_FILE = /(^|[\\/])ira_tweets_subset\.csv(\.gz)?$/;
const ARABIC_SCRIPT = /[\u0600-\u06ff]/;
/** The same mention test as the shared corpora's `mentions_isis` field, plus the English names. */
const MENTIONS_ISIS =
  /داعش|تنظيم الدولة|الدولة الإسلامية|الدولة الاسلامية|\b(isis|isil|islamic state|daesh)\b/i;

/** True for raw files that `readRawSource` knows how to read. */
export const isRawSource = (file: string): boolean => IRA_FILE.test(file);

/** Duplicate key: tweets repeated with another short link or an "Updated-" prefix are one text. */
const dedupeKey = (text: string): string =>
  text
    .toLowerCase()
    .replace(/https?:\/\/\S+/g, '')
    .replace(/^updated-\s*/, '')
    .replace(/\s+/g, ' ')
    .trim();

/**
 * IRA troll tweets (raw/ira-russian-troll-tweets-subset): English and Arabic original tweets (no
 * retweets: their text is someone else's), `news` for the NewsFeed account category (accounts posing
 * as local news outlets: headline-style reporting, much of it about ISIS and terrorism), `other`
 * for the rest (hashtag games, political trolling, commercial spam). Exact duplicates after removing
 * links are kept once. A NewsFeed account is one outlet with thousands of tweets, so its rows are
 * split by account and day (`split_group`): same-day story updates stay together, and the outlet can
 * appear in train and dev; every other account stays whole in one split.
 */
export async function* readIraTweets(
  file: string,
): AsyncGenerator<{ record: CorpusRecord } | { error: CorpusLineError }> {
  const authorsFile = path.join(path.dirname(file), 'authors.csv');
  const category = new Map<string, string>();
  const authors = parse(readFileSync(authorsFile), { columns: true, relax_quotes: true }) as AsyncIterable<
    Record<string, string>
  >;
  for await (const a of authors) category.set(a['author'] ?? '', a['account_category'] ?? '');
  const input = file.endsWith('.gz') ? createReadStream(file).pipe(createGunzip()) : createReadStream(file);
  const rows = input.pipe(parse({ columns: true, relax_quotes: true, info: true }));
  const seen = new Set<string>();
  const source = `${IRA_SET}/${path.basename(file).replace(/\.gz$/, '')}`;
  for await (const item of rows as AsyncIterable<{
    record: Record<string, string>;
    info: { lines: number };
  }>) {
    const r = item.record;
    const text = r['content'] ?? '';
    if (r['retweet'] === '1' || /^RT @/.test(text) || text.trim() === '') continue;
    const lang = ARABIC_SCRIPT.test(text) ? 'ar' : r['language'] === 'English' ? 'en' : null;
    if (lang === null) continue;
    const key = dedupeKey(text);
    if (key.length < 3 || seen.has(key)) continue;
    seen.add(key);
    const author = r['author_id'] ?? '';
    const cat = category.get(author) ?? 'Unknown';
    const news = cat === 'NewsFeed';
    const day = (r['publish_date'] ?? '').slice(0, 10);
    yield {
      record: {
        id: `${IRA_SET}:${path.basename(file)}:${item.info.lines}`,
        text,
        label: news ? 'news' : 'other',
        lang,
        source,
        account: author,
        mentions_isis: MENTIONS_ISIS.test(text),
        split_group: news ? `account:${IRA_SET}:${author.toLowerCase()}:${day}` : undefined,
        orig_label: cat,
      } as CorpusRecord,
    };
  }
}
