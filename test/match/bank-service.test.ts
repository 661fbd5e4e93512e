import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BankService,
  exportHeader,
  exportLine,
  importBankStream,
  textHash,
  type ExchangeFormat,
} from '../../src/match/index.js';
import { createTestDatabase, engines, type TestDatabase } from '../helpers/db.js';

const PDQ_A = 'd8f8f0cee0f4a84f0637022a078f67f0b36e2ed596621e1d33e6339c4e9c9b22';
const PDQ_B = '30a10efdf1c83f429013d48d0ffffc52e34e0e35ada952a9d29605215aa9e5af';
const MD5 = '0123456789abcdef0123456789abcdef';
const TEXT = textHash('نص تجريبي مكتوب للاختبار عن حديقة الحي');

const exportAll = async (service: BankService, bank: string, format: ExchangeFormat): Promise<string> => {
  const lines: string[] = [];
  const header = exportHeader(format);
  if (header) lines.push(header);
  for await (const e of service.entries(bank)) lines.push(exportLine(format, e));
  return `${lines.join('\n')}\n`;
};

const fromString = (s: string): Readable => Readable.from([s]);

describe.each(await engines())('bank service on %s', (engine) => {
  let t: TestDatabase;
  let service: BankService;
  let clock = Date.parse('2026-01-01T00:00:00.000Z');

  beforeAll(async () => {
    t = await createTestDatabase(engine);
    service = new BankService(t.database, () => new Date((clock += 1000)));
  });
  afterAll(async () => {
    await t.drop();
  });

  it('creates positive and negative banks and refuses duplicates and bad names', async () => {
    await service.createBank('known-media', { description: 'test positives' });
    await service.createBank('news-photos', { kind: 'negative' });
    await expect(service.createBank('known-media')).rejects.toThrow(/already exists/);
    await expect(service.createBank('bad name!')).rejects.toThrow(/bank name "bad name!"/);
    const banks = await service.listBanks();
    expect(banks.map((b) => [b.name, b.kind, b.entries])).toEqual([
      ['known-media', 'positive', 0],
      ['news-photos', 'negative', 0],
    ]);
  });

  it('adds entries once per (signal, value) and counts duplicates', async () => {
    const r1 = await service.addEntries('known-media', [
      {
        signal: 'pdq',
        value: PDQ_A.toUpperCase(),
        label: 'bridge',
        source: 'test',
        reason: 'fixture',
        quality: 100,
        added_by: 'alice',
      },
      { signal: 'text', value: TEXT, label: 'statement' },
      { signal: 'md5', value: MD5, label: 'a "quoted", two\nline label' },
    ]);
    expect(r1).toEqual({ added: 3, duplicates: 0 });
    const r2 = await service.addEntries('known-media', [{ signal: 'pdq', value: PDQ_A }]);
    expect(r2).toEqual({ added: 0, duplicates: 1 });
    expect((await service.listBanks()).find((b) => b.name === 'known-media')?.entries).toBe(3);
    await expect(service.addEntries('nope', [{ signal: 'pdq', value: PDQ_A }])).rejects.toThrow(
      /no bank named "nope"/,
    );
  });

  for (const format of ['hma', 'csv', 'ndjson'] as const) {
    it(`round-trips a bank exactly through ${format} export and import`, async () => {
      const first = await exportAll(service, 'known-media', format);
      const copy = `copy-${format}`;
      await service.createBank(copy);
      const report = await importBankStream(service, copy, fromString(first), format);
      expect(report).toMatchObject({ added: 3, duplicates: 0, rejected: [] });
      expect(await exportAll(service, copy, format)).toBe(first);
    });
  }

  it('writes HMA signal type names and reads their aliases', async () => {
    const hma = await exportAll(service, 'known-media', 'hma');
    expect(hma.split('\n')[0]).toBe('signal_type,signal_value,label,source,reason,quality,added_at,added_by');
    expect(hma).toContain(`pdq,${PDQ_A},bridge,test,fixture,100,`);
    expect(hma).toContain(`photo_md5,${MD5}`);
    expect(hma).toContain('text_minhash,');
    await service.createBank('hma-plain');
    const plain = `pdq,${PDQ_B}\nvideo_md5,${MD5}\nmd5,${MD5}\n`;
    const r = await importBankStream(service, 'hma-plain', fromString(plain), 'hma');
    expect(r).toMatchObject({ lines: 3, added: 3, rejected: [] });
  });

  it('reads the reference pdq-photo-hasher output (hash,quality,path) as PDQ entries', async () => {
    await service.createBank('tool-output');
    const r = await importBankStream(
      service,
      'tool-output',
      fromString(`${PDQ_A},100,a.jpg\n${PDQ_B},43,b.jpg\n`),
      'hma',
    );
    expect(r).toMatchObject({ added: 2, rejected: [] });
    const entries = [];
    for await (const e of service.entries('tool-output')) entries.push([e.value, e.quality, e.source]);
    expect(entries).toEqual([
      [PDQ_B, 43, 'b.jpg'],
      [PDQ_A, 100, 'a.jpg'],
    ]);
  });

  it('imports the good lines of a file and reports each bad one with line, field and reason', async () => {
    await service.createBank('mixed');
    const csv = [
      'signal,value,label',
      `pdq,${PDQ_A},ok`,
      'pdq,abc123,too short',
      `sha1,${MD5},unknown type`,
      `pdq,${'g'.repeat(64)},not hex`,
      `pdq,${PDQ_B},"quoted, label"`,
      `text,${TEXT.slice(0, 500)},cut text hash`,
      '',
    ].join('\n');
    const r = await importBankStream(service, 'mixed', fromString(csv), 'csv');
    expect(r.added).toBe(2);
    expect(r.rejected).toEqual([
      { line: 3, field: 'value', reason: 'a PDQ hash has 64 hex characters, got 6' },
      { line: 4, field: 'signal', reason: expect.stringMatching(/^unknown signal type "sha1"/) },
      { line: 5, field: 'value', reason: 'a PDQ hash has only hex characters 0-9a-f' },
      { line: 7, field: 'value', reason: 'a text MinHash has 512 hex characters, got 500' },
    ]);
    const nd = `{"signal":"pdq","value":"${PDQ_A}"}\nnot json\n{"signal":"pdq"}\n`;
    await service.createBank('mixed-nd');
    const r2 = await importBankStream(service, 'mixed-nd', fromString(nd), 'ndjson');
    expect(r2.added).toBe(1);
    expect(r2.rejected.map((x) => [x.line, x.field])).toEqual([
      [2, 'json'],
      [3, 'value'],
    ]);
  });

  it('removes an entry by hash and says when there is none', async () => {
    expect(await service.removeEntry('mixed', PDQ_B)).toBe(1);
    await expect(service.removeEntry('mixed', PDQ_B)).rejects.toThrow(/has no entry/);
  });

  it('keeps verdicts as history and exposes the latest per hash in the snapshot', async () => {
    await service.addVerdict('known-media', {
      signal: 'pdq',
      value: PDQ_A,
      verdict: 'reject',
      by: 'rev1',
      post_id: 'p1',
    });
    await service.addVerdict('known-media', { signal: 'pdq', value: PDQ_A, verdict: 'confirm', by: 'rev2' });
    await service.addVerdict('known-media', { signal: 'pdq', value: PDQ_B, verdict: 'reject', by: 'rev2' });
    expect((await service.verdicts('known-media')).map((v) => v.verdict)).toEqual([
      'reject',
      'confirm',
      'reject',
    ]);
    const snap = await service.snapshot();
    const latest = snap.verdicts.filter((v) => v.bank === 'known-media').map((v) => [v.value, v.verdict]);
    expect(latest.sort()).toEqual(
      [
        [PDQ_A, 'confirm'],
        [PDQ_B, 'reject'],
      ].sort(),
    );
    await expect(
      service.addVerdict('known-media', { signal: 'pdq', value: 'xyz', verdict: 'reject' }),
    ).rejects.toThrow(/64 hex/);
  });
});
