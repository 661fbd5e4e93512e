import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, spawnCli } from '../helpers/cli.js';
import { createTestDatabase, pgAvailable } from '../helpers/db.js';

describe('marsad keys and marsad serve', () => {
  let dir: string;
  let db: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'marsad-serve-'));
    db = path.join(dir, 'm.db');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('creates a key printed alone on the last line, lists it without the key, and revokes it', async () => {
    const created = await runCli(['--db', db, 'keys', 'create', '--role', 'moderator', '--name', 'Lina']);
    expect(created.code, created.stderr).toBe(0);
    const lines = created.stdout.trim().split('\n');
    const key = lines[lines.length - 1] ?? '';
    expect(key).toMatch(/^mrs_[A-Za-z0-9_-]{43}$/);
    const list = await runCli(['--db', db, 'keys', 'list']);
    expect(list.stdout).toContain('moderator\tLina');
    expect(list.stdout).not.toContain(key);
    const id = list.stdout.split('\t')[0] ?? '';
    const revoked = await runCli(['--db', db, 'keys', 'revoke', id]);
    expect(revoked.code).toBe(0);
    expect((await runCli(['--db', db, 'keys', 'list'])).stdout).toContain('revoked');
    const again = await runCli(['--db', db, 'keys', 'revoke', id]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('already revoked');
  });

  it('refuses an unknown role', async () => {
    const res = await runCli(['--db', db, 'keys', 'create', '--role', 'boss', '--name', 'x']);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('role must be one of');
  });

  it('serves the API on a port and never prints an API key in its logs', async () => {
    const created = await runCli(['--db', db, 'keys', 'create', '--role', 'admin', '--name', 'ops']);
    const key = created.stdout.trim().split('\n').pop() ?? '';
    const child = spawnCli(['--db', db, 'serve', '--port', '0'], { env: { MARSAD_LOG_LEVEL: 'trace' } });
    let stderr = '';
    const url = await new Promise<string>((resolve, reject) => {
      child.stderr?.setEncoding('utf8').on('data', (d: string) => {
        stderr += d;
        const m = /listening on (http:\/\/[^\s]+)/.exec(stderr);
        if (m?.[1]) resolve(m[1]);
      });
      child.on('exit', () => reject(new Error(`serve exited: ${stderr}`)));
    });
    try {
      const ok = await fetch(`${url}/v1/whoami`, { headers: { authorization: `Bearer ${key}` } });
      expect(await ok.json()).toMatchObject({ name: 'ops', role: 'admin' });
      const viaHeader = await fetch(`${url}/v1/keys`, { headers: { 'x-api-key': key } });
      expect(viaHeader.status).toBe(200);
      const wrong = await fetch(`${url}/v1/whoami`, { headers: { authorization: `Bearer ${key}x` } });
      expect(wrong.status).toBe(401);
      const health = await fetch(`${url}/health`);
      expect(await health.json()).toEqual({ ok: true, dialect: 'sqlite' });
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child.on('close', r));
    }
    expect(stderr).toContain('request completed');
    expect(stderr).not.toContain(key);
    expect(stderr).not.toContain(key.slice(4, 20));
  });

  it('serves on PostgreSQL when MARSAD_DB_URL names one', async () => {
    if (!(await pgAvailable())) return;
    const tdb = await createTestDatabase('postgres');
    const url = tdb.config.dialect === 'postgres' ? tdb.config.url : '';
    const child = spawnCli(['serve', '--port', '0'], {
      env: { MARSAD_DB_URL: url, MARSAD_LOG_LEVEL: 'warn' },
    });
    let stderr = '';
    try {
      const base = await new Promise<string>((resolve, reject) => {
        child.stderr?.setEncoding('utf8').on('data', (d: string) => {
          stderr += d;
          const m = /listening on (http:\/\/[^\s]+)/.exec(stderr);
          if (m?.[1]) resolve(m[1]);
        });
        child.on('exit', () => reject(new Error(`serve exited: ${stderr}`)));
      });
      const health = await fetch(`${base}/health`);
      expect(await health.json()).toEqual({ ok: true, dialect: 'postgres' });
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child.on('close', r));
      await tdb.drop();
    }
  });
});
