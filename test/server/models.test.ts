import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ModelRegistry } from '../../src/classify/feedback-models.js';
import { buildTextModel, DEFAULT_FEATURE_PARAMS, saveTextModel } from '../../src/classify/index.js';
import { readAudit, SYSTEM_ACTOR } from '../../src/review/index.js';
import { engines } from '../helpers/db.js';
import { tinyCorpus } from '../classify/fixtures.js';
import { startServer } from './helpers.js';

const dir = mkdtempSync(path.join(tmpdir(), 'marsad-models-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A tiny model file on the tiny hand-written corpus, so the registry has something real to load. */
const tinyModelFile = async (name: string, seed: number): Promise<string> => {
  const ex = tinyCorpus().map((e) => ({
    ...e,
    weight: 1,
    weak: false,
    record: { id: e.text, text: e.text, label: e.label, lang: 'und', source: 't' },
  }));
  const r = buildTextModel(
    { train: ex, calibration: ex, dev: ex, excluded: 0, capped: 0 },
    {
      features: { ...DEFAULT_FEATURE_PARAMS, buckets: 1024 },
      epochs: 2,
      seed,
      positiveLabel: 'sport',
      perLanguage: false,
    },
  );
  const file = path.join(dir, name);
  await saveTextModel(file, r.header, r.weights);
  return file;
};

for (const engine of await engines()) {
  describe(`model routes on ${engine}`, () => {
    it('lists models and lets only an admin promote; promotion is audited and moves the active model', async () => {
      const s = await startServer(engine);
      try {
        const registry = new ModelRegistry(s.tdb.database);
        const a = await registry.register(SYSTEM_ACTOR, await tinyModelFile(`${engine}-a.bin`, 1));
        const b = await registry.register(SYSTEM_ACTOR, await tinyModelFile(`${engine}-b.bin`, 2));
        expect(a.id).not.toBe(b.id);
        for (const role of ['viewer', 'analyst', 'moderator'] as const) {
          const res = await s.app.inject({
            method: 'POST',
            url: `/v1/models/${a.id}/promote`,
            headers: s.auth(role),
          });
          expect(res.statusCode).toBe(403);
        }
        expect(await registry.active()).toBeUndefined();
        const p1 = await s.app.inject({
          method: 'POST',
          url: `/v1/models/${a.id}/promote`,
          headers: s.auth('admin'),
        });
        expect(p1.statusCode, p1.body).toBe(200);
        s.clock.now = new Date('2026-03-01T13:00:00.000Z');
        const p2 = await s.app.inject({
          method: 'POST',
          url: `/v1/models/${b.id}/promote`,
          headers: s.auth('admin'),
        });
        expect(p2.statusCode).toBe(200);
        const list = await s.app.inject({ method: 'GET', url: '/v1/models', headers: s.auth('admin') });
        expect(list.json()).toMatchObject({ active: b.id });
        expect((list.json() as { items: unknown[] }).items).toHaveLength(2);
        const audit = await readAudit(s.tdb.database.db, { type: 'model.promote', limit: 10 });
        expect(
          audit.map((x) => [x.subjectId, x.actorName, (x.before as { id?: string } | null)?.id ?? null]),
        ).toEqual([
          [a.id, 'admin-key', null],
          [b.id, 'admin-key', a.id],
        ]);
        const missing = await s.app.inject({
          method: 'POST',
          url: '/v1/models/nope/promote',
          headers: s.auth('admin'),
        });
        expect(missing.statusCode).toBe(404);
      } finally {
        await s.close();
      }
    });
  });
}
