import { existsSync } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { writeSimulation, type Truth } from '../../src/sim/index.js';
import { runCli } from '../helpers/cli.js';

describe('marsad simulate and marsad evaluate (CLI)', () => {
  it('writes stream.ndjson and truth.json, then evaluates an empty detect directory without crashing', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'marsad-sim-'));
    const sim = await runCli([
      'simulate',
      '--scenario',
      'default',
      '--seed',
      '4',
      '--scale',
      'small',
      '--days',
      '1',
      '--out',
      dir,
    ]);
    expect(sim.code, sim.stderr).toBe(0);
    expect(sim.stdout).toMatch(/events/);
    const truth = JSON.parse(await readFile(path.join(dir, 'truth.json'), 'utf8')) as Truth;
    expect(truth.seed).toBe(4);
    expect(truth.end).toBe('2025-03-04T00:00:00.000Z');
    const detect = path.join(dir, 'detect');
    const ev = await runCli(['simulate', '--scale', 'huge', '--out', detect]);
    expect(ev.code).toBe(2);
    expect(ev.stderr).toMatch(/--scale must be one of/);
    await writeFile(path.join(dir, 'campaigns.ndjson'), '');
    const res = await runCli(['evaluate', '--truth', path.join(dir, 'truth.json'), '--out', dir]);
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout).toMatch(/account ROC-AUC/);
    expect(res.stdout).toMatch(/re-created accounts/);
    const report = JSON.parse(await readFile(path.join(dir, 'evaluation.json'), 'utf8')) as {
      posts: { extremist: number };
      files: Record<string, { missing: boolean }>;
    };
    expect(report.posts.extremist).toBe(truth.extremist_post_ids.length);
    expect(report.files['campaigns.ndjson']?.missing).toBe(false);
    expect(report.files['posts.ndjson']?.missing).toBe(true);
  }, 180_000);

  it('fails with a clear message when the truth file does not exist', async () => {
    const res = await runCli(['evaluate', '--truth', '/nonexistent/truth.json', '--out', tmpdir()]);
    expect(res.code).not.toBe(0);
    expect(res.stderr).toMatch(/truth file not found/);
  }, 90_000);

  it('takes post texts from labelled corpora (also gzipped) by label when --texts is given', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'marsad-sim-texts-'));
    const lines = (label: string, n: number): string =>
      Array.from({ length: n }, (_, i) =>
        JSON.stringify({ text: `CORPUS-${label}-${i} نص تجريبي`, label, lang: 'ar' }),
      ).join('\n');
    await writeFile(
      path.join(dir, 'a.ndjson'),
      `${lines('extremist', 20)}\nnot json\n${lines('news', 20)}\n`,
    );
    await writeFile(path.join(dir, 'b.ndjson.gz'), gzipSync(`${lines('other', 50)}\n{"label":"other"}\n`));
    const out = path.join(dir, 'out');
    const files = await writeSimulation(out, {
      scenario: 'default',
      seed: 2,
      scale: 'small',
      days: 1,
      texts: [path.join(dir, 'a.ndjson'), path.join(dir, 'b.ndjson.gz')],
    });
    expect(existsSync(files.stream)).toBe(true);
    expect(files.result.texts).toBe('corpus');
    expect(files.skippedTexts[path.join(dir, 'a.ndjson')]).toBe(1);
    expect(files.skippedTexts[path.join(dir, 'b.ndjson.gz')]).toBe(1);
    const stream = (await readFile(files.stream, 'utf8'))
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { type: string; id: string; account_id: string; text: string });
    const army = new Set(files.result.extremist_accounts);
    const news = new Set(files.result.news_accounts);
    const extremistIds = new Set(files.result.extremist_post_ids);
    const content = stream.filter((e) => e.type === 'post' && e.text);
    const armyTexts = content.filter((e) => extremistIds.has(e.id));
    expect(armyTexts.length).toBeGreaterThan(50);
    expect(armyTexts.every((e) => e.text.includes('CORPUS-extremist-'))).toBe(true);
    expect(content.filter((e) => news.has(e.account_id)).some((e) => e.text.includes('CORPUS-news-'))).toBe(
      true,
    );
    expect(
      content
        .filter((e) => !army.has(e.account_id) && !news.has(e.account_id))
        .some((e) => e.text.includes('CORPUS-other-')),
    ).toBe(true);
  }, 90_000);
});
