import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decisionCorpus, decisionLabel, withDecisions } from '../../src/classify/feedback.js';
import { ModelRegistry } from '../../src/classify/feedback-models.js';
import { DEFAULT_RECIPE, loadTextModel, prepareData } from '../../src/classify/index.js';
import { readAudit, type Actor } from '../../src/review/index.js';
import { runCli } from '../helpers/cli.js';
import { createTestDatabase, engines } from '../helpers/db.js';
import { DECISION_COUNTS, seedDecisions } from './feedback-fixtures.js';

const dir = mkdtempSync(path.join(tmpdir(), 'marsad-feedback-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const ADMIN: Actor = { id: 'k-admin', name: 'alice', role: 'admin' };

const dbArg = (c: { dialect: 'sqlite'; path: string } | { dialect: 'postgres'; url: string }): string =>
  c.dialect === 'sqlite' ? c.path : c.url;

const tinyTrain = (
  db: string,
  out: string,
  extra: string[] = [],
): Promise<{ code: number | null; stdout: string; stderr: string }> =>
  runCli([
    '--db',
    db,
    'train',
    '--from-decisions',
    '--base-recipe',
    'none',
    '--out',
    out,
    '--buckets',
    '4096',
    '--epochs',
    '3',
    '--max-per-dataset',
    '0',
    '--min-flag-words',
    '0',
    '--no-per-language',
    ...extra,
  ]);

describe('decision labels', () => {
  it('maps confirmed to extremist, news dismissals to news, other dismissals to other', () => {
    expect(decisionLabel('confirm', 'terrorist_content')).toBe('extremist');
    expect(decisionLabel('dismiss', 'news_or_counter_speech')).toBe('news');
    expect(decisionLabel('dismiss', 'not_violating')).toBe('other');
    expect(decisionLabel('dismiss', null)).toBe('other');
  });

  it('weights decisions through the label map and refuses weights out of range', () => {
    const recipe = withDecisions(DEFAULT_RECIPE, ['extremist', 'other'], 3);
    const data = prepareData(
      [
        {
          id: 'd1',
          text: 'a b c d e',
          label: 'decision_extremist',
          lang: 'en',
          source: 'marsad-decisions/twitter',
        },
        {
          id: 'd2',
          text: 'f g h i j',
          label: 'decision_other',
          lang: 'en',
          source: 'marsad-decisions/twitter',
        },
      ],
      recipe,
    );
    const all = [...data.train, ...data.calibration, ...data.dev];
    expect(all.map((e) => [e.label, e.weight]).sort()).toEqual([
      ['extremist', 3],
      ['other', 3],
    ]);
    expect(() => withDecisions(DEFAULT_RECIPE, ['extremist'], 0)).toThrow(/weight/);
  });
});

for (const engine of await engines()) {
  describe(`feedback on ${engine}`, () => {
    it('exports only decided posts, labelled by the mapping', async () => {
      const tdb = await createTestDatabase(engine);
      try {
        await expect(decisionCorpus(tdb.database)).rejects.toThrow(/no confirmed or dismissed/);
        await seedDecisions(tdb.database);
        await tdb.database.db
          .updateTable('queue_items')
          .set({ status: 'escalated', decision: 'escalate' })
          .where('id', '=', 'post:twitter:p0')
          .execute();
        const { records, counts } = await decisionCorpus(tdb.database);
        expect(counts).toEqual({ ...DECISION_COUNTS, extremist: DECISION_COUNTS.extremist - 1 });
        expect(records.find((r) => r.id === 'decision:twitter:p0')).toBeUndefined();
        expect(records.every((r) => r.label.startsWith('decision_'))).toBe(true);
      } finally {
        await tdb.drop();
      }
    });

    it('trains from decisions, registers and promotes the model with an audit record', async () => {
      const tdb = await createTestDatabase(engine);
      try {
        const empty = await tinyTrain(dbArg(tdb.config), path.join(dir, `${engine}-none.bin`));
        expect(empty.code).not.toBe(0);
        expect(empty.stderr).toMatch(/no confirmed or dismissed post decisions/);

        await seedDecisions(tdb.database, 6);
        const out = path.join(dir, `${engine}-a.bin`);
        const res = await tinyTrain(dbArg(tdb.config), out);
        expect(res.stderr + res.stdout).toMatch(/decisions: extremist 48, news 18, other 36 \(weight 2\)/);
        expect(res.code).toBe(0);
        const model = await loadTextModel(out);
        expect([...model.labels].sort()).toEqual(['extremist', 'news', 'other']);
        expect(model.header.training?.['decisions']).toEqual({ extremist: 48, news: 18, other: 36 });
        const probe = model.classify('pledge allegiance to the caliph and join the fighters of the state');
        expect(probe.scores['extremist']).toBeGreaterThan(probe.scores['other'] ?? 1);

        const registry = new ModelRegistry(tdb.database, () => new Date('2026-03-02T00:00:00.000Z'));
        const reg = await registry.register(ADMIN, out);
        expect((await registry.register(ADMIN, out)).id).toBe(reg.id);
        expect(await registry.active()).toBeUndefined();

        const cli = await runCli(['--db', dbArg(tdb.config), 'model', 'promote', reg.id, '--actor', 'bob']);
        expect(cli.stderr).toBe('');
        expect(cli.code).toBe(0);
        expect((await registry.active())?.path).toBe(out);
        const audit = await readAudit(tdb.database.db, { subjectKind: 'model', limit: 10 });
        expect(audit.map((a) => [a.type, a.actorName])).toEqual([
          ['model.register', 'alice'],
          ['model.promote', 'bob'],
        ]);
        expect(audit[1]?.before).toBeNull();
        expect(audit[1]?.after).toMatchObject({ id: reg.id, path: out });

        const list = await runCli(['--db', dbArg(tdb.config), 'model', 'list']);
        expect(list.stdout).toContain(`*  ${reg.id}`);
        const missing = await runCli([
          '--db',
          dbArg(tdb.config),
          'model',
          'promote',
          'nope',
          '--actor',
          'bob',
        ]);
        expect(missing.code).not.toBe(0);
        expect(missing.stderr).toMatch(/no registered model nope/);

        // Old vs new on the same data: the decisions themselves.
        const outB = path.join(dir, `${engine}-b.bin`);
        expect(
          (await tinyTrain(dbArg(tdb.config), outB, ['--seed', '2', '--decisions-weight', '4'])).code,
        ).toBe(0);
        const plots = path.join(dir, `${engine}-compare`);
        const cmp = await runCli([
          '--db',
          dbArg(tdb.config),
          'eval',
          '--model',
          out,
          '--compare',
          outB,
          '--decisions',
          '--split',
          'all',
          '--out',
          plots,
        ]);
        expect(cmp.stderr).toBe('');
        expect(cmp.code).toBe(0);
        expect(cmp.stdout).toMatch(/102 examples/);
        for (const row of [
          'macro-F1',
          'precision \\(flagged\\)',
          'recall \\(flagged\\)',
          'news flagged \\(FPR\\)',
        ])
          expect(cmp.stdout).toMatch(new RegExp(`^${row}\\s+[0-9.]+\\s+[0-9.]+\\s+[+-][0-9.]+$`, 'm'));
        for (const f of ['compare.json', 'pr-curve-a.svg', 'pr-curve-b.svg', 'confusion-matrix-b.svg'])
          expect(existsSync(path.join(plots, f)), f).toBe(true);
      } finally {
        await tdb.drop();
      }
    }, 120_000);
  });
}
