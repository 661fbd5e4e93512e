import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  createHashtagDetector,
  createPostDecisionDetector,
  moduleSpec,
  runDetect,
} from '../../src/pipeline/index.js';
import { runCli } from '../helpers/cli.js';
import { KEYWORD_CLASSIFIER } from './fixtures/streams.js';
import { shareRiskDetector } from './fixtures/test-detectors.js';

// The simulator's `small` stream (20k events): realistic mix of accounts, posts, follows,
// enforcement and profile updates.
describe('detect on the simulated small stream', () => {
  let stream: string;
  beforeAll(async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'marsad-sim-'));
    const res = await runCli(['simulate', '--scale', 'small', '--seed', '3', '--out', dir]);
    expect(res.code).toBe(0);
    stream = path.join(dir, 'stream.ndjson');
  }, 120_000);

  const detect = async (workers: number) => {
    const out = mkdtempSync(path.join(tmpdir(), 'marsad-sim-out-'));
    const summary = await runDetect({
      input: stream,
      outDir: out,
      workers,
      classifier: moduleSpec(KEYWORD_CLASSIFIER, { markers: ['دولة', 'khilafa', 'مجاهد'] }),
      detectors: [createPostDecisionDetector(), shareRiskDetector(), createHashtagDetector()],
      batchSize: 256,
    });
    const read = (f: string) => readFileSync(path.join(out, f), 'utf8');
    return {
      summary,
      posts: read('posts.ndjson'),
      hashtags: read('hashtags.ndjson'),
      accounts: read('accounts.ndjson'),
    };
  };

  it('writes the same files with two worker threads as in one thread', async () => {
    const threaded = await detect(2);
    const inline = await detect(0);
    expect(threaded.summary.stats.quarantined).toBe(0);
    expect(threaded.summary.stats.late).toBe(0);
    expect(threaded.summary.stats.events).toBeGreaterThan(10_000);
    expect(threaded.posts.length).toBeGreaterThan(0);
    expect(threaded.posts).toBe(inline.posts);
    expect(threaded.hashtags).toBe(inline.hashtags);
    expect(threaded.accounts).toBe(inline.accounts);
    // posts.ndjson is in stream order: decided_at never goes back.
    const times = threaded.posts
      .trim()
      .split('\n')
      .map((l) => (JSON.parse(l) as { decided_at: string }).decided_at);
    expect(times.every((t, i) => i === 0 || (times[i - 1] as string) <= t)).toBe(true);
  });
});
