import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { accounts, MIN, post, T0, type Item } from './stream.js';

const HOUR = 60 * MIN;
const TOPICS = ['lunch was great', 'the bus is late again', 'who watched the match', 'rain all day here'];

/** A stream with a co-repost network and a raid amid chatter, each event at its own millisecond. */
const stream = (): string => {
  const items: Item[] = [];
  for (let i = 0; i < 6 * 60; i++)
    items.push(post({ at: T0 + i * MIN + 3, account: `bg${i % 97}`, text: `${TOPICS[i % 4]} ${i}` }));
  const amps = accounts('amp', 6);
  for (let k = 0; k < 12; k++) {
    items.push(
      post({ at: T0 + k * 25 * MIN + 5, account: 'core', id: `src${k}`, text: `core release ${k}` }),
    );
    amps.forEach((a, i) =>
      items.push(post({ at: T0 + k * 25 * MIN + (i + 1) * 4001, account: a, repostOf: `src${k}` })),
    );
  }
  accounts('r', 10).forEach((a, i) => {
    for (let r = 0; r < 3; r++)
      items.push(
        post({ at: T0 + 4 * HOUR + (i * 3 + r) * 37_003, account: a, text: `flood ${r} by ${a} #raid_tag` }),
      );
  });
  const lines = items
    .map((x) => x.event)
    .sort((a, b) => Date.parse(a.created_at) - Date.parse(b.created_at))
    .map((e) => JSON.stringify(e));
  return `${lines.join('\n')}\n`;
};

const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

describe('marsad campaigns (batch mode)', () => {
  it('gives the same campaigns as the online run of marsad detect on the same stream', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'marsad-coord-'));
    dirs.push(dir);
    const input = path.join(dir, 'stream.ndjson');
    await writeFile(input, stream());
    const db = path.join(dir, 'm.db');
    const out = path.join(dir, 'out');
    const detect = await runCli(['--db', db, 'detect', '--input', input, '--out', out, '--no-classify']);
    expect(detect.code, detect.stderr).toBe(0);
    const online = (await readFile(path.join(out, 'campaigns.ndjson'), 'utf8'))
      .trim()
      .split('\n')
      .filter(Boolean);
    expect(online.length).toBeGreaterThanOrEqual(2);
    const file = path.join(dir, 'batch.ndjson');
    const batch = await runCli([
      '--db',
      db,
      'campaigns',
      '--since',
      '2025-01-01T00:00:00Z',
      '--until',
      '2025-01-02T00:00:00Z',
      '--out',
      file,
    ]);
    expect(batch.code, batch.stderr).toBe(0);
    const replayed = (await readFile(file, 'utf8')).trim().split('\n').filter(Boolean);
    const byId = (lines: string[]) => new Map(lines.map((l) => [JSON.parse(l).id as string, JSON.parse(l)]));
    expect(byId(replayed)).toEqual(byId(online));
  }, 120_000);

  it('refuses a range whose end is not after its start', async () => {
    const r = await runCli([
      'campaigns',
      '--since',
      '2025-01-02T00:00:00Z',
      '--until',
      '2025-01-01T00:00:00Z',
    ]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/--until must be after --since/);
  });
});
