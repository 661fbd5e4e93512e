import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseEvent, withEntities, type NormalisedPost, type PostEvent } from '../../src/events/index.js';
import { BankMatcher, BankService, textHash } from '../../src/match/index.js';
import { createTestDatabase, engines, type TestDatabase } from '../helpers/db.js';

const KNOWN = 'd8f8f0cee0f4a84f0637022a078f67f0b36e2ed596621e1d33e6339c4e9c9b22';
/** KNOWN with the given number of leading bits flipped. */
const near = (bits: number): string => {
  let v = BigInt(`0x${KNOWN}`);
  for (let i = 0; i < bits; i++) v ^= 1n << BigInt(255 - i);
  return v.toString(16).padStart(64, '0');
};
const OTHER = '30a10efdf1c83f429013d48d0ffffc52e34e0e35ada952a9d29605215aa9e5af';
const STATEMENT =
  'بيان مكتوب للاختبار يدعو الناس إلى حضور اجتماع الحي يوم السبت في القاعة الكبرى بعد الظهر #اجتماع_الحي';
const STATEMENT_VARIANT =
  'بيان مكتوب للاختبار 📢 يدعو السكان إلى حضور اجتماع الحي يوم السبت في القاعة الكبرى بعد الظهر #اجتماع_الحي';

let n = 0;
const post = (fields: Partial<PostEvent> & { text?: string }): NormalisedPost =>
  withEntities(
    parseEvent({
      type: 'post',
      platform: 'testnet',
      created_at: '2026-03-01T10:00:00Z',
      id: `p${++n}`,
      account_id: 'acct1',
      text: '',
      ...fields,
    }) as PostEvent,
  );

describe.each(await engines())('bank matcher on %s', (engine) => {
  let t: TestDatabase;
  let service: BankService;

  beforeAll(async () => {
    t = await createTestDatabase(engine);
    service = new BankService(t.database);
    await service.createBank('known', { description: 'test positives' });
    await service.createBank('also-known');
    await service.createBank('benign', { kind: 'negative' });
    await service.addEntries('known', [
      { signal: 'pdq', value: KNOWN, label: 'test-image', source: 'unit test', quality: 100 },
      { signal: 'pdq', value: OTHER, label: 'low-quality', quality: 30 },
      { signal: 'text', value: textHash(STATEMENT), label: 'test-statement' },
    ]);
    await service.addEntries('also-known', [{ signal: 'pdq', value: near(3), label: 'second-bank' }]);
  });
  afterAll(async () => {
    await t.drop();
  });

  it('matches a near-duplicate image within 31 bits with bank, label, distance and evidence', async () => {
    const m = await BankMatcher.load(t.database);
    const records = m.matchPost(post({ media: [{ kind: 'image', pdq: near(10) }] }));
    expect(records.map((r) => [r.bank, r.label, r.signal, r.hash, r.distance])).toEqual([
      ['also-known', 'second-bank', 'pdq', near(3), 7],
      ['known', 'test-image', 'pdq', KNOWN, 10],
    ]);
    const r = records[1]!;
    expect(r).toMatchObject({
      platform: 'testnet',
      account_id: 'acct1',
      decided_at: '2026-03-01T10:00:00.000Z',
    });
    expect(r.evidence[0]).toMatch(
      /image 1 \(PDQ .*\) is 10 bits from an entry of bank "known" labelled "test-image" \(threshold 31 of 256\)/,
    );
    expect(r.evidence[1]).toMatch(/source: unit test/);
  });

  it('does not match beyond the threshold, and ignores low-quality bank hashes', async () => {
    const m = await BankMatcher.load(t.database);
    expect(
      m.matchPost(post({ media: [{ kind: 'image', pdq: near(32) }] })).filter((r) => r.bank === 'known'),
    ).toEqual([]);
    expect(m.matchPost(post({ media: [{ kind: 'image', pdq: OTHER }] }))).toEqual([]);
    const strict = await BankMatcher.load(t.database, { pdqMaxDistance: 5 });
    expect(strict.matchPost(post({ media: [{ kind: 'image', pdq: near(10) }] }))).toEqual([]);
  });

  it('matches an obfuscated copy of a known text', async () => {
    const m = await BankMatcher.load(t.database);
    const [r, ...rest] = m.matchPost(post({ text: STATEMENT_VARIANT }));
    expect(rest).toEqual([]);
    expect(r).toMatchObject({
      bank: 'known',
      label: 'test-statement',
      signal: 'text',
      hash: textHash(STATEMENT),
    });
    expect(r!.distance).toBeLessThanOrEqual(64);
    expect(r!.evidence[0]).toMatch(
      /of 128 MinHash slots equal \(estimated Jaccard 0\.\d\d, threshold 0\.50\)/,
    );
    expect(m.matchPost(post({ text: 'نص آخر لا علاقة له بأي شيء في البنك عن الطقس والمطر' }))).toEqual([]);
  });

  it('lets a negative bank suppress positive matches of the same content only', async () => {
    await service.addEntries('benign', [{ signal: 'pdq', value: near(20), label: 'news-photo' }]);
    const m = await BankMatcher.load(t.database);
    // near(18) is within 31 of the positives and 2 bits from the negative entry: suppressed.
    const p = post({ text: STATEMENT, media: [{ kind: 'image', pdq: near(18) }] });
    const records = m.matchPost(p);
    expect(records.map((r) => r.signal)).toEqual(['text']);
    await service.removeEntry('benign', near(20));
  });

  it('stops matching a (bank, hash) after a reject verdict and resumes after a confirm', async () => {
    const probe = post({ media: [{ kind: 'image', pdq: near(4) }] });
    await service.addVerdict('known', {
      signal: 'pdq',
      value: KNOWN,
      verdict: 'reject',
      by: 'reviewer',
      post_id: probe.id,
    });
    let m = await BankMatcher.load(t.database);
    expect(m.matchPost(probe).map((r) => r.bank)).toEqual(['also-known']);
    await service.addVerdict('known', { signal: 'pdq', value: KNOWN, verdict: 'confirm', by: 'reviewer' });
    m = await BankMatcher.load(t.database);
    expect(
      m
        .matchPost(probe)
        .map((r) => r.bank)
        .sort(),
    ).toEqual(['also-known', 'known']);
  });

  it("stops matching one content hash when the verdict names the post's hash, other content still matches", async () => {
    await service.addVerdict('also-known', { signal: 'pdq', value: near(6), verdict: 'reject' });
    const m = await BankMatcher.load(t.database);
    expect(m.matchPost(post({ media: [{ kind: 'image', pdq: near(6) }] })).map((r) => r.bank)).toEqual([
      'known',
    ]);
    expect(
      m
        .matchPost(post({ media: [{ kind: 'image', pdq: near(5) }] }))
        .map((r) => r.bank)
        .sort(),
    ).toEqual(['also-known', 'known']);
  });
});
