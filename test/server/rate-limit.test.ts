import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from './helpers.js';

describe('rate limits', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startServer('sqlite', {
      limits: { write: { max: 2, timeWindowMs: 60_000 }, public: { max: 3, timeWindowMs: 60_000 } },
    });
  });
  afterAll(async () => {
    await s.close();
  });

  it('limits the public report route per address with a 429 in the error format', async () => {
    const report = (n: number) =>
      s.app.inject({
        method: 'POST',
        url: '/v1/reports',
        payload: { platform: 'twitter', kind: 'post', id: `p${n}`, reason: 'spam' },
        remoteAddress: '10.0.0.1',
      });
    for (let i = 0; i < 3; i++) expect((await report(i)).statusCode).toBe(202);
    const limited = await report(4);
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.code).toBe('rate_limited');
    const elsewhere = await s.app.inject({
      method: 'POST',
      url: '/v1/reports',
      payload: { platform: 'twitter', kind: 'post', id: 'p9', reason: 'spam' },
      remoteAddress: '10.0.0.2',
    });
    expect(elsewhere.statusCode).toBe(202);
  });

  it('limits write routes per key, not reads', async () => {
    const sync = (role: 'moderator' | 'admin') =>
      s.app.inject({ method: 'POST', url: '/v1/queue/sync', headers: s.auth(role) });
    expect((await sync('moderator')).statusCode).toBe(200);
    expect((await sync('moderator')).statusCode).toBe(200);
    expect((await sync('moderator')).statusCode).toBe(429);
    expect((await sync('admin')).statusCode).toBe(200);
    for (let i = 0; i < 5; i++) {
      expect(
        (await s.app.inject({ method: 'GET', url: '/v1/queue', headers: s.auth('moderator') })).statusCode,
      ).toBe(200);
    }
  });
});
