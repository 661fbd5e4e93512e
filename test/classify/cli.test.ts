import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { tinyCorpus } from './fixtures.js';

const dir = mkdtempSync(path.join(tmpdir(), 'marsad-classify-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Out {
  id: string;
  label: string;
  scores: Record<string, number>;
  flagged: boolean;
}

describe('marsad classify (shipped model)', () => {
  it('writes one {id, label, scores, flagged} per input line, in input order', async () => {
    const input = path.join(dir, 'in.ndjson');
    const output = path.join(dir, 'out.ndjson');
    const rows = [
      { id: 'a1', text: 'the weather is lovely today, going to the beach' },
      { id: 'a2', text: 'صباح الخير يا أصدقاء، الجو جميل اليوم', lang: 'ar' },
      { id: 'a3', text: 'أعلنت وزارة الداخلية اليوم عن افتتاح مبنى جديد للخدمات' },
      { id: 'a4', text: 'big match tonight, who is watching?' },
    ];
    writeFileSync(input, rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
    const res = await runCli(['classify', '--input', input, '--output', output]);
    expect(res.stderr).not.toMatch(/error/i);
    expect(res.code).toBe(0);
    const out = readFileSync(output, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Out);
    expect(out.map((o) => o.id)).toEqual(['a1', 'a2', 'a3', 'a4']);
    for (const o of out) {
      expect(Object.keys(o.scores)).toEqual(expect.arrayContaining(['extremist', 'news', 'other']));
      expect(Object.values(o.scores).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
      expect(typeof o.flagged).toBe('boolean');
      expect(o.flagged).toBe(false);
      // unflagged: the most probable label other than `extremist`
      expect(o.label).not.toBe('extremist');
      expect(o.scores[o.label]).toBe(Math.max(o.scores['news']!, o.scores['other']!));
    }
  });

  it('reports bad lines by number and reason, still classifies the others, and exits 1', async () => {
    const input = path.join(dir, 'bad.ndjson');
    const output = path.join(dir, 'bad-out.ndjson');
    const big = 'كلمة '.repeat(210_000); // ~1 MB of text
    const lines = [
      JSON.stringify({ id: 'ok1', text: 'hello there' }),
      '{"id": "broken", "text": ',
      JSON.stringify({ id: 'empty', text: '' }),
      JSON.stringify({ id: 'big', text: big }),
      JSON.stringify({ id: 'notext' }),
      JSON.stringify({ id: 'ok2', text: 'good morning' }),
    ];
    writeFileSync(input, lines.join('\n') + '\n');
    const res = await runCli(['classify', '--input', input, '--output', output]);
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/bad\.ndjson:2: invalid JSON/);
    expect(res.stderr).toMatch(/bad\.ndjson:5: field "text" must be a string/);
    expect(res.stderr).toMatch(/2 of 6 lines could not be classified/);
    const out = readFileSync(output, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Out);
    expect(out.map((o) => o.id)).toEqual(['ok1', 'empty', 'big', 'ok2']);
    for (const o of out) expect(Object.values(o.scores).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
  });

  it('fails clearly when the model file is missing', async () => {
    const input = path.join(dir, 'one.ndjson');
    writeFileSync(input, JSON.stringify({ id: 'x', text: 'hi' }) + '\n');
    const res = await runCli([
      'classify',
      '--input',
      input,
      '--output',
      path.join(dir, 'x.ndjson'),
      '--model',
      path.join(dir, 'nope.bin'),
    ]);
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/nope\.bin/);
  });

  it('fails clearly when the input is missing or the output cannot be written', async () => {
    const missing = await runCli([
      'classify',
      '--input',
      path.join(dir, 'absent.ndjson'),
      '--output',
      path.join(dir, 'y.ndjson'),
    ]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/cannot read .*absent\.ndjson/);
    const input = path.join(dir, 'one.ndjson');
    const unwritable = await runCli([
      'classify',
      '--input',
      input,
      '--output',
      path.join(dir, 'no/such/dir/out.ndjson'),
    ]);
    expect(unwritable.code).toBe(1);
    expect(unwritable.stderr).toMatch(/cannot write .*out\.ndjson/);
  });
});

describe('marsad train and eval', () => {
  it('trains a model on a small labelled file and evaluates it with pictures and metrics.json', async () => {
    const data = path.join(dir, 'tiny.ndjson');
    const rows = [];
    for (let rep = 0; rep < 4; rep++) {
      for (const [i, e] of tinyCorpus().entries())
        rows.push({
          id: `t${rep}-${i}`,
          text: `${e.text} ${rep}`,
          label: e.label,
          lang: /[a-z]/.test(e.text) ? 'en' : 'ar',
          source: 'tiny/file',
        });
    }
    writeFileSync(data, rows.map((r) => JSON.stringify(r)).join('\n') + '\n' + 'not json\n');
    const model = path.join(dir, 'tiny.bin');
    const train = await runCli([
      'train',
      '--data',
      data,
      '--out',
      model,
      '--buckets',
      '65536',
      '--epochs',
      '4',
      '--positive',
      'sport',
      '--precision',
      '0.9',
    ]);
    expect(train.stderr).toMatch(/tiny\.ndjson:241: skipped: invalid JSON/);
    expect(train.code).toBe(0);
    expect(train.stdout).toMatch(/calibration .*temperature/);
    expect(existsSync(model)).toBe(true);
    const outDir = path.join(dir, 'eval');
    const ev = await runCli(['eval', '--model', model, '--data', data, '--out', outDir, '--split', 'all']);
    expect(ev.code).toBe(0);
    expect(ev.stdout).toMatch(/label\s+precision\s+recall\s+F1\s+ROC-AUC/);
    const metrics = JSON.parse(readFileSync(path.join(outDir, 'metrics.json'), 'utf8')) as {
      macroF1: number;
      perLanguage: Record<string, unknown>;
    };
    expect(metrics.macroF1).toBeGreaterThan(0.9);
    expect(Object.keys(metrics.perLanguage).sort()).toEqual(['ar', 'en']);
    expect(readFileSync(path.join(outDir, 'pr-curve.svg'), 'utf8')).toMatch(/^<svg/);
    expect(readFileSync(path.join(outDir, 'confusion-matrix.svg'), 'utf8')).toMatch(/<svg[\s\S]*sport/);
  });
});
