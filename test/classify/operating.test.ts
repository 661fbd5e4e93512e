import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  assignSplit,
  DEFAULT_RECIPE,
  headerFor,
  loadCorpus,
  prepareData,
  prepareWords,
  TextModel,
  trainLinear,
  type CorpusRecord,
  type FeatureParams,
} from '../../src/classify/index.js';
import { chooseReviewBands, operatingReport } from '../../src/classify/operating.js';
import type { PreparedExample } from '../../src/classify/recipe.js';
import { tinyCorpus } from './fixtures.js';

const SMALL: FeatureParams = { buckets: 1 << 16, wordNgrams: 2, charMin: 2, charMax: 5, seed: 0 };
const SPORT = 'the striker scored a goal in the match';

const tiny = (extra: Partial<ReturnType<typeof headerFor>> = {}): TextModel => {
  const r = trainLinear(tinyCorpus(), { features: SMALL, epochs: 8, seed: 1 });
  const header = headerFor(r.labels, { features: SMALL, positiveLabel: 'sport', dtype: 'f32' });
  return new TextModel({ ...header, ...extra }, r.weights);
};

describe('per-language thresholds and the validated-language guard', () => {
  it('flags with the threshold of the language, given or detected', () => {
    const base = tiny();
    const score = base.classify(SPORT).scores['sport']!;
    expect(score).toBeGreaterThan(0.5);
    const m = tiny({ threshold: 0.3, thresholds: { en: score - 0.01, ar: 0.999 } });
    expect(m.classify(SPORT, 'en')).toMatchObject({ flagged: true, label: 'sport' });
    expect(m.classify(SPORT, 'en-GB').flagged).toBe(true);
    // The hint picks the threshold: under Arabic's (stricter) one the same score is not flagged.
    expect(m.classify(SPORT, 'ar').flagged).toBe(false);
    // Without a hint, Arabic script selects `ar`.
    const arText = 'سجل المهاجم هدفين في المباراة النهائية';
    const arScore = base.classify(arText).scores['sport']!;
    const m2 = tiny({ threshold: 0.3, thresholds: { en: 0.999, ar: arScore - 0.01 } });
    expect(m2.classify(arText).flagged).toBe(true);
    expect(m2.classify(arText, 'en').flagged).toBe(false);
  });

  it('detects the language on normalised text, so invisible characters or digits do not change it', () => {
    const score = tiny().classify(SPORT).scores['sport']!;
    const m = tiny({ threshold: 0.3, thresholds: { en: score - 0.05, ar: 0.9999 } });
    const text = `${SPORT} in 2015`;
    expect(m.classify(text).flagged).toBe(true);
    const invisible = text.replace(/([a-z])/g, '$1\u200b').replace(/ /g, '\u200f ');
    expect(m.classify(invisible).flagged).toBe(true);
    const arabicDigits = text.replace(/[0-9]/g, (d) => String.fromCharCode(0x660 + Number(d)));
    expect(m.classify(arabicDigits).flagged).toBe(true);
  });

  it('never flags a language without a threshold; a high score there sets review instead', () => {
    const score = tiny().classify(SPORT).scores['sport']!;
    const m = tiny({ threshold: score - 0.01, thresholds: { ar: 0.5 } });
    const fr = m.classify(SPORT, 'fr');
    expect(fr.flagged).toBe(false);
    expect(fr.review).toBe(true);
    expect(fr.label).not.toBe('sport');
    // Below the overall threshold: neither.
    const strict = tiny({ threshold: 0.9999, thresholds: { ar: 0.5 } }).classify(SPORT, 'fr');
    expect(strict.flagged).toBe(false);
    expect(strict.review).toBeUndefined();
    // A model without per-language thresholds keeps the single threshold for every language.
    expect(tiny({ threshold: score - 0.01 }).classify(SPORT, 'fr').flagged).toBe(true);
  });

  it('does not flag texts with fewer content words than minFlagWords', () => {
    const m = tiny({ threshold: 0.01, minFlagWords: 3 });
    expect(m.classify('goal goal @someone https://example.org/x').flagged).toBe(false);
    expect(m.classify(SPORT).flagged).toBe(true);
  });
});

describe('review band of the validated languages', () => {
  it('sets review (never flagged) between the review and the flag threshold of the language', () => {
    const score = tiny().classify(SPORT).scores['sport']!;
    const m = tiny({
      threshold: 0.3,
      thresholds: { en: score + 0.001, ar: 0.999 },
      reviewThresholds: { en: score - 0.01 },
    });
    const inBand = m.classify(SPORT, 'en');
    expect(inBand).toMatchObject({ flagged: false, review: true });
    expect(inBand.label).not.toBe('sport');
    // Arabic has no band: the same score is neither flagged nor reviewed.
    expect(m.classify(SPORT, 'ar').review).toBeUndefined();
    // Above the flag threshold: flagged, not review.
    const flagged = tiny({
      threshold: 0.3,
      thresholds: { en: score - 0.01 },
      reviewThresholds: { en: 0.05 },
    });
    expect(flagged.classify(SPORT, 'en')).toMatchObject({ flagged: true });
    expect(flagged.classify(SPORT, 'en').review).toBeUndefined();
    // Below the band: neither.
    const below = tiny({
      threshold: 0.3,
      thresholds: { en: 0.999 },
      reviewThresholds: { en: score + 0.001 },
    });
    expect(below.classify(SPORT, 'en').review).toBeUndefined();
    // Too short to flag: not reviewed either.
    const short = tiny({
      threshold: 0.3,
      thresholds: { en: 0.999 },
      reviewThresholds: { en: 0.01 },
      minFlagWords: 3,
    });
    expect(short.classify('goal goal @someone', 'en').review).toBeUndefined();
  });

  it('chooses per-language bands at a precision target below the flag threshold, and counts recall with review', () => {
    const base = tiny();
    const ex = (text: string, label: string, lang: string): PreparedExample => ({
      text,
      label,
      weight: 1,
      weak: false,
      record: { id: text, text, label, lang, source: 't' },
    });
    const examples = tinyCorpus().map((e) => ex(e.text, e.label, 'en'));
    const scores = examples.map((e) => base.classify(e.text).scores['sport']!);
    const positives = examples.filter((e) => e.label === 'sport').length;
    expect(positives).toBeGreaterThan(1);
    // A flag threshold just above every score: nothing is flagged, the band is all the model can do.
    const flagAt = Math.min(0.9999, Math.max(...scores) + 1e-6);
    const m = tiny({ threshold: flagAt, thresholds: { en: flagAt } });
    const bands = chooseReviewBands(m, examples, 0.5);
    const band = bands['en'];
    expect(band).toBeDefined();
    expect(band!.threshold).toBeLessThan(flagAt);
    expect(band!.precision).toBeGreaterThanOrEqual(0.5);
    // A language without a flag threshold gets no band.
    expect(
      chooseReviewBands(
        m,
        examples.map((e) => ({ ...e, record: { ...e.record, lang: 'fr' } })),
        0.5,
      ),
    ).toEqual({});
    const withBand = tiny({
      threshold: flagAt,
      thresholds: { en: flagAt },
      reviewThresholds: { en: band!.threshold },
    });
    const op = operatingReport(withBand, examples);
    expect(op.all.flagged).toBe(0);
    expect(op.all.recall).toBe(0);
    expect(op.all.recallWithReview).toBeCloseTo(band!.recall);
    expect(op.all.review).toBe(scores.filter((s) => s >= band!.threshold).length);
  });
});

describe('text preparation', () => {
  it('drops a leading retweet marker but keeps the retweeted text', () => {
    expect(prepareWords('RT @someone: the match was great')).toEqual(['the', 'match', 'was', 'great']);
    expect(prepareWords('the match RT @someone')).toEqual(['the', 'match', 'rt', '⟨mention⟩']);
  });
});

describe('raw IRA tweets as a corpus', () => {
  it('reads original English/Arabic tweets, labels the news-feed category news, dedupes, skips retweets', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'marsad-ira-'));
    writeFileSync(
      path.join(dir, 'authors.csv'),
      'author_id,author,account_category\n1,feedone,NewsFeed\n2,trollone,HashtagGamer\n',
    );
    const header =
      'author_id,content,region,language,publish_date,harvested_date,following,followers,updates,post_type,retweet';
    const rows = [
      'feedone,Officials say ISIS claimed the attack http://t.co/a,US,English,2015-07-01 10:00,,1,1,1,,0',
      'feedone,Updated-Officials say ISIS claimed the attack http://t.co/b,US,English,2015-07-01 11:00,,1,1,1,,0',
      'feedone,Council approves the new city budget,US,English,2015-07-02 09:00,,1,1,1,,0',
      'trollone,"My favourite #SongsForTheWeekend, what is yours?",US,English,2015-07-01 10:00,,1,1,1,,0',
      'trollone,RT @someone: a retweet,US,English,2015-07-01 10:00,,1,1,1,R,1',
      'trollone,Ein deutscher Text,DE,German,2015-07-01 10:00,,1,1,1,,0',
      'trollone,صباح الخير يا جماعة,SY,Arabic,2015-07-01 10:00,,1,1,1,,0',
    ];
    const file = path.join(dir, 'ira_tweets_subset.csv');
    writeFileSync(file, `${header}\n${rows.join('\n')}\n`);
    const { records, errors } = await loadCorpus([file]);
    expect(errors).toEqual([]);
    expect(records.map((r) => [r.label, r.lang, r.mentions_isis])).toEqual([
      ['news', 'en', true],
      ['news', 'en', false],
      ['other', 'en', false],
      ['other', 'ar', false],
    ]);
    // The news feed is split by account and day; other accounts stay whole.
    const [a, b] = records as [CorpusRecord, CorpusRecord];
    expect(a.split_group).toMatch(/feedone:2015-07-01$/);
    expect(records[2]?.split_group).toBeUndefined();
    expect(assignSplit(a, DEFAULT_RECIPE.split)).toBe(
      assignSplit({ ...b, split_group: a.split_group }, DEFAULT_RECIPE.split),
    );
  });
});

describe('data recipe', () => {
  const rec = (i: number, label: string, dataset: string, text = `text number ${i} here`): CorpusRecord => ({
    id: `${dataset}:${i}`,
    text,
    label,
    lang: 'en',
    source: `${dataset}/f.csv`,
  });

  it('caps training rows per dataset and label, with per-dataset exceptions', () => {
    const records = [
      ...Array.from({ length: 400 }, (_, i) => rec(i, 'news', 'setA')),
      ...Array.from({ length: 400 }, (_, i) => rec(1000 + i, 'other', 'setA')),
      ...Array.from({ length: 400 }, (_, i) => rec(i, 'other', 'setB')),
    ];
    const recipe = { ...DEFAULT_RECIPE, maxPerDataset: 50, maxPerDatasetOverrides: { setB: 100 } };
    const train = prepareData(records, recipe).train;
    const count = (set: string, label: string): number =>
      train.filter((e) => e.record.source.startsWith(set) && e.label === label).length;
    expect(count('setA', 'news')).toBe(50);
    expect(count('setA', 'other')).toBe(50);
    expect(count('setB', 'other')).toBe(100);
  });

  it('leaves out weak rows with too few content words, and relabels named accounts', () => {
    const weak = (text: string, account: string): CorpusRecord => ({
      ...rec(0, 'extremist_account', 'fan', text),
      id: `fan:${text}`,
      account,
    });
    const recipe = {
      ...DEFAULT_RECIPE,
      minWeakWords: 3,
      accountLabels: { reporter: 'news' },
      maxPerDataset: 0,
    };
    const all = prepareData(
      [weak('@a lol', 'x'), weak('@a one two three', 'x'), weak('@b lol', 'reporter')],
      recipe,
    );
    const rows = [...all.train, ...all.calibration, ...all.dev].map((e) => [e.text, e.label]);
    expect(rows).toContainEqual(['@a one two three', 'extremist']);
    expect(rows).toContainEqual(['@b lol', 'news']);
    expect(rows).not.toContainEqual(['@a lol', 'extremist']);
  });
});
