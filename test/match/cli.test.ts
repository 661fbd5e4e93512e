import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const PDQ_A = 'd8f8f0cee0f4a84f0637022a078f67f0b36e2ed596621e1d33e6339c4e9c9b22';
const PDQ_B = '30a10efdf1c83f429013d48d0ffffc52e34e0e35ada952a9d29605215aa9e5af';

// Each CLI run spawns tsx (seconds on a loaded machine): generous timeouts.
describe('marsad hash and marsad bank', { timeout: 240_000 }, () => {
  let dir: string;
  let db: string;
  const cli = (...args: string[]) => runCli(['--db', db, ...args]);

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'marsad-match-cli-'));
    db = path.join(dir, 'm.db');
    const w = 120;
    const raw = Buffer.alloc(w * w * 3).map((_, i) =>
      i % 3 === 0 ? (i / 3) % w : i % 3 === 1 ? Math.floor(i / 3 / w) * 2 : 90,
    );
    await sharp(raw, { raw: { width: w, height: w, channels: 3 } })
      .png()
      .toFile(path.join(dir, 'good.png'));
    writeFileSync(path.join(dir, 'corrupt.jpg'), Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4, 5]));
    await sharp({ create: { width: 2000, height: 1500, channels: 3, background: '#446688' } })
      .png()
      .toFile(path.join(dir, 'huge.png'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('hashes the good images, reports corrupt and over-limit ones on stderr, and exits non-zero', async () => {
    const files = ['good.png', 'corrupt.jpg', 'huge.png'].map((f) => path.join(dir, f));
    const r = await cli('hash', 'image', '--csv', '--max-pixels', '1000000', ...files);
    expect(r.code).toBe(1);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toBe('path,hash_hex,quality');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(new RegExp(`^${files[0]},[0-9a-f]{64},\\d+$`));
    expect(r.stderr).toContain('corrupt.jpg: cannot');
    expect(r.stderr).toMatch(/huge\.png: image is 2000×1500 = 3000000 pixels, over the limit of 1000000/);
    expect(r.stderr).toContain('2 of 3 images could not be hashed');
  });

  it('prints the 8 dihedral hashes with --dihedral', async () => {
    const r = await cli('hash', 'image', '--dihedral', path.join(dir, 'good.png'));
    expect(r.code).toBe(0);
    const cells = r.stdout.trim().split(',');
    expect(cells).toHaveLength(10);
    for (const h of cells.slice(2)) expect(h).toMatch(/^[0-9a-f]{64}$/);
  });

  it('hashes texts given as arguments and as NDJSON', async () => {
    const input = path.join(dir, 'texts.ndjson');
    writeFileSync(input, '{"id":"a","text":"نص للاختبار"}\nnot json\n{"id":"b","text":"نص للاختبار 🌳"}\n');
    const r = await cli('hash', 'text', 'نص للاختبار', '--input', input);
    expect(r.code).toBe(1);
    const [plain, a, b] = r.stdout.trim().split('\n');
    expect(plain).toMatch(/^[0-9a-f]{512}$/);
    expect(JSON.parse(a!)).toEqual({ id: 'a', text_hash: plain });
    expect(JSON.parse(b!)).toEqual({ id: 'b', text_hash: plain });
    expect(r.stderr).toContain('texts.ndjson:2: not JSON');
  });

  it('creates, fills, imports with bad lines, exports and records verdicts', async () => {
    expect((await cli('bank', 'create', 'known', '--description', 'test bank')).code).toBe(0);
    const add = await cli('bank', 'add', 'known', '--pdq', PDQ_A, '--label', 'bridge', '--by', 'tester');
    expect(add.stdout).toContain(`added: pdq ${PDQ_A}`);
    const wrong = await cli('bank', 'add', 'known', '--pdq', 'abc');
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('--pdq: a PDQ hash has 64 hex characters, got 3');

    const file = path.join(dir, 'import.hma.csv');
    writeFileSync(
      file,
      `signal_type,signal_value,label\npdq,${PDQ_B},rotated\npdq,${PDQ_B.slice(2)},short\nvideo_md5,${'a'.repeat(32)},clip\nbogus,${PDQ_A},x\n`,
    );
    const imp = await cli('bank', 'import', 'known', file);
    expect(imp.code).toBe(1);
    expect(imp.stdout).toContain('bank "known": 2 added, 0 already present, 2 rejected (of 4 lines)');
    expect(imp.stderr).toContain(`${file}:3: signal_value: a PDQ hash has 64 hex characters, got 62`);
    expect(imp.stderr).toMatch(
      new RegExp(`${file.replace(/\./g, '\\.')}:5: signal_type: unknown signal type "bogus"`),
    );

    const out = path.join(dir, 'export.ndjson');
    expect((await cli('bank', 'export', 'known', '--format', 'ndjson', '--out', out)).code).toBe(0);
    const rows = readFileSync(out, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { value: string; label: string });
    expect(rows.map((r) => r.label).sort()).toEqual(['bridge', 'clip', 'rotated']);

    const list = await cli('bank', 'list');
    expect(list.stdout).toMatch(/known\s+positive\s+3\s/);

    const v = await cli('bank', 'verdict', 'known', PDQ_A, '--reject', '--post', 'p1', '--by', 'rev');
    expect(v.stdout).toContain(`rejected: bank "known" pdq ${PDQ_A}`);
    expect((await cli('bank', 'verdict', 'known', PDQ_A)).code).toBe(2);
    expect((await cli('bank', 'remove', 'known', PDQ_B)).stdout).toContain('removed 1 entry');
    const missing = await cli('bank', 'remove', 'known', PDQ_B);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain('has no entry');
  });
});
