import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/server/index.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';

// How `marsad serve` serves the built dashboard next to the API (no browser needed).

let tdb: TestDatabase;
let web: string;
const INDEX = '<!doctype html><title>dashboard</title>';

beforeAll(async () => {
  tdb = await createTestDatabase('sqlite');
  web = mkdtempSync(path.join(tmpdir(), 'marsad-web-static-'));
  mkdirSync(path.join(web, 'assets'));
  writeFileSync(path.join(web, 'index.html'), INDEX);
  writeFileSync(path.join(web, 'assets/app-abc123.js'), 'console.log(1)');
});

afterAll(async () => {
  await tdb.drop();
  rmSync(web, { recursive: true, force: true });
});

describe('the dashboard served by the API server', () => {
  it('answers the app routes with index.html and keeps the API paths JSON', async () => {
    const app = await buildServer(tdb.database, { webRoot: web });
    for (const url of ['/', '/queue', '/accounts/twitter/123', '/campaigns/net-1?x=1']) {
      const res = await app.inject({ url, headers: { accept: 'text/html' } });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type'], url).toMatch(/^text\/html/);
      expect(res.body, url).toBe(INDEX);
      expect(res.headers['cache-control'], url).toBe('no-cache');
    }
    const asset = await app.inject({ url: '/assets/app-abc123.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    for (const url of ['/v1/nothing', '/v1', '/docs/nothing.json', '/health/x']) {
      const res = await app.inject({ url, headers: { accept: 'text/html' } });
      expect(res.statusCode, url).toBe(404);
      expect(res.json(), url).toMatchObject({ error: { code: 'not_found' } });
    }
    const post = await app.inject({ method: 'POST', url: '/queue' });
    expect(post.statusCode).toBe(404);
    expect((await app.inject({ url: '/health' })).json()).toMatchObject({ ok: true });
    await app.close();
  });

  it('serves no pages when there is no build (or it is turned off)', async () => {
    for (const webRoot of [false, path.join(web, 'missing')] as const) {
      const app = await buildServer(tdb.database, { webRoot });
      const res = await app.inject({ url: '/queue', headers: { accept: 'text/html' } });
      expect(res.statusCode).toBe(404);
      expect(res.json()).toMatchObject({ error: { code: 'not_found' } });
      await app.close();
    }
  });
});
