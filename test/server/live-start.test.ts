import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnCli } from '../helpers/cli.js';

// The README's main job: `marsad start` serves, feeds the simulated scenario through POST /v1/events,
// and keeps serving; run here at a very fast pace on a temporary database and a free port.

interface Started {
  child: ChildProcess;
  url: string;
  key: string;
  stdout: () => string;
  stderr: () => string;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const start = async (db: string): Promise<Started> => {
  const child = spawnCli(['--db', db, 'start', '--port', '0', '--pace', '1000000', '--workers', '1']);
  let stdout = '';
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal })),
  );
  const opened = await new Promise<{ url: string; key: string }>((resolve, reject) => {
    child.stdout?.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
      const m = /open (http:\/\/[^\s/]+)\/#key=(mrs_\S+)/.exec(stdout);
      if (m?.[1] && m[2] && /feed done/.test(stdout)) resolve({ url: m[1], key: m[2] });
    });
    void exit.then(() => reject(new Error(`start exited early:\n${stdout}\n${stderr}`)));
  });
  return { child, ...opened, stdout: () => stdout, stderr: () => stderr, exit };
};

const get = async <T>(s: Started, url: string): Promise<T> => {
  const res = await fetch(`${s.url}${url}`, { headers: { authorization: `Bearer ${s.key}` } });
  expect(res.status, url).toBe(200);
  return (await res.json()) as T;
};

const until = async (what: string, check: () => Promise<boolean>): Promise<void> => {
  for (let i = 0; i < 600; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`gave up waiting for ${what}`);
};

interface Status {
  queue: { depth: number; enqueued: number };
  events: { processed: number; replayed: number };
  decisions: Record<string, number>;
  flaggedPosts: number;
  queueItems: { created: number };
}

describe('marsad start', () => {
  let dir: string;
  let db: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'marsad-start-'));
    db = path.join(dir, 'marsad.db');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('feeds the scenario through the API, classifies, fills the queue, stops cleanly, and re-runs idempotently', async () => {
    const s = await start(db);
    let status: Status | undefined;
    try {
      expect(s.stdout()).toMatch(/created the local admin key/);
      // The key file is for its owner only; the key is printed in the URL fragment, never logged.
      expect(statSync(`${db}.admin-key`).mode & 0o077).toBe(0);
      expect(s.stderr()).not.toContain(s.key);
      const sent = Number(/feed done: (\d+) events sent, (\d+) new/.exec(s.stdout())?.[2]);
      expect(sent).toBeGreaterThan(10_000);
      await until('the live queue to drain', async () => {
        status = await get<Status>(s, '/v1/live/status');
        return status.queue.depth === 0 && status.events.processed === status.queue.enqueued;
      });
      expect(status!.queue.enqueued).toBe(sent);
      expect(status!.decisions['post']).toBeGreaterThan(1000);
      expect(status!.flaggedPosts).toBeGreaterThan(0);
      const posts = await get<{ items: Array<{ decision: unknown }> }>(s, '/v1/posts?limit=50');
      expect(posts.items.some((p) => p.decision !== null && p.decision !== undefined)).toBe(true);
      await until('flagged items in the review queue', async () => {
        const q = await get<{ items: Array<{ kind: string }> }>(s, '/v1/queue?limit=200');
        return q.items.some((i) => i.kind === 'post') && q.items.some((i) => i.kind === 'account');
      });
      const campaigns = await get<{ items: unknown[] }>(s, '/v1/campaigns');
      expect(campaigns.items.length).toBeGreaterThan(0);
    } finally {
      s.child.kill('SIGTERM');
    }
    expect(await s.exit).toEqual({ code: 0, signal: null });
    expect(s.stderr()).toContain('stopping');

    // Same database again: the same key, nothing stored twice, no new queue items.
    const again = await start(db);
    try {
      expect(again.key).toBe(s.key);
      expect(again.stdout()).toMatch(/feed done: \d+ events sent, 0 new/);
      const st = await get<Status>(again, '/v1/live/status');
      expect(st.queue.enqueued).toBe(0);
      expect(st.queueItems.created).toBe(0);
    } finally {
      again.child.kill('SIGTERM');
    }
    expect((await again.exit).code).toBe(0);
  }, 240_000);
});
