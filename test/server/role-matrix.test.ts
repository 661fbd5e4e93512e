import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, roleAllows } from '../../src/review/index.js';
import { ROUTES } from '../../src/server/index.js';
import { startServer, type TestServer } from './helpers.js';

const urlOf = (url: string): string => url.replace(':platform', 'twitter').replace(':id', 'nope');

describe('role matrix', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startServer('sqlite');
  });
  afterAll(async () => {
    await s.close();
  });

  it('declares a role or public on every route; only health, appeals by token and user reports are public', () => {
    for (const r of ROUTES) expect(['public', ...ROLES]).toContain(r.access);
    expect(ROUTES.filter((r) => r.access === 'public').map((r) => `${r.method} ${r.url}`)).toEqual([
      'GET /health',
      'POST /v1/appeals',
      'POST /v1/reports',
    ]);
  });

  for (const route of ROUTES) {
    it(`${route.method} ${route.url} (${route.access}): 401 without a key, 403 below the role, allowed at or above`, async () => {
      const url = urlOf(route.url);
      const payload = route.method === 'POST' ? {} : undefined;
      const anon = await s.app.inject({ method: route.method, url, ...(payload ? { payload } : {}) });
      if (route.access === 'public') expect([401, 403]).not.toContain(anon.statusCode);
      else {
        expect(anon.statusCode).toBe(401);
        expect(anon.json().error.code).toBe('auth_required');
      }
      const bad = await s.app.inject({
        method: route.method,
        url,
        headers: { authorization: 'Bearer mrs_not-a-key' },
        ...(payload ? { payload } : {}),
      });
      if (route.access !== 'public') expect(bad.statusCode).toBe(401);
      for (const role of ROLES) {
        const res = await s.app.inject({
          method: route.method,
          url,
          headers: s.auth(role),
          ...(payload ? { payload } : {}),
        });
        if (route.access === 'public' || roleAllows(role, route.access)) {
          expect([401, 403], `${role} on ${route.url}: ${res.body}`).not.toContain(res.statusCode);
        } else {
          expect(res.statusCode, `${role} on ${route.url}`).toBe(403);
          expect(res.json().error.code).toBe('forbidden');
        }
      }
    });
  }

  it('refuses a revoked key with 401', async () => {
    const created = await s.app.inject({
      method: 'POST',
      url: '/v1/keys',
      headers: s.auth('admin'),
      payload: { name: 'temp', role: 'viewer' },
    });
    expect(created.statusCode).toBe(201);
    const { id, key } = created.json() as { id: string; key: string };
    const ok = await s.app.inject({
      method: 'GET',
      url: '/v1/whoami',
      headers: { authorization: `Bearer ${key}` },
    });
    expect(ok.json()).toMatchObject({ name: 'temp', role: 'viewer' });
    const revoked = await s.app.inject({ method: 'DELETE', url: `/v1/keys/${id}`, headers: s.auth('admin') });
    expect(revoked.statusCode).toBe(200);
    const after = await s.app.inject({ method: 'GET', url: '/v1/whoami', headers: { 'x-api-key': key } });
    expect(after.statusCode).toBe(401);
  });

  it('serves an OpenAPI 3 document naming the role of every route, and the docs page', async () => {
    const res = await s.app.inject({ method: 'GET', url: '/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json() as {
      openapi: string;
      paths: Record<string, Record<string, Record<string, unknown>>>;
    };
    expect(doc.openapi).toMatch(/^3\./);
    for (const r of ROUTES) {
      const path = r.url.replace(/:(\w+)/g, '{$1}');
      expect(doc.paths[path]?.[r.method.toLowerCase()]?.['x-marsad-role'], path).toBe(r.access);
    }
    const docs = await s.app.inject({ method: 'GET', url: '/docs/' });
    expect(docs.statusCode).toBe(200);
    expect(docs.body).toContain('swagger');
  });
});
