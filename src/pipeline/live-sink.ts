import type { CanonicalEvent } from '../events/index.js';
import type { Database } from '../store/index.js';
import { addDecisionRow, emptyRows, type DecisionStore } from './decision-store.js';
import { SnapshotVersions } from './live-snapshots.js';
import { isSnapshot } from './records.js';
import type { PipelineSink } from './runner.js';
import type { Decision, PipelineEvent } from './types.js';

/** Serialises database writers that must not interleave (see LivePipeline.exclusive). */
export type Exclusive = <T>(fn: () => Promise<T>) => Promise<T>;

export interface LiveSinkOptions {
  database: Database;
  store: DecisionStore;
  exclusive: Exclusive;
  /** When the request that carried an event arrived (performance.now()), if it came over HTTP. */
  arrivedAt: (event: CanonicalEvent) => number | undefined;
  /** After each write: rows that may create queue items, flagged post decisions written, latencies. */
  onWritten: (reviewable: number, flaggedPosts: number, latenciesMs: number[]) => void;
  snapshotCapacity?: number;
}

const IN_CHUNK = 500;

/**
 * The live pipeline's sink: decisions go to the database only (the events were stored by the
 * ingestion path already). Post, hashtag and match rows are keyed upserts; account, evasion and
 * campaign snapshots get the next version of their key only when they changed (SnapshotVersions).
 *
 * While warming up (`replaying`), the detectors see stored events again to rebuild their state:
 * then only post decisions (and matches) of posts that have none yet are written — the posts a
 * crash left unprocessed — and nothing else, so that a restart writes no duplicate or partial
 * snapshot, bucket or version.
 */
export class LiveSink implements PipelineSink {
  replaying = false;
  /** Events written outside replay mode. */
  liveEvents = 0;
  private readonly versions: SnapshotVersions;

  constructor(private readonly opts: LiveSinkOptions) {
    this.versions = new SnapshotVersions(opts.database, opts.snapshotCapacity);
  }

  async write(events: PipelineEvent[], decisions: Decision[], times: number[]): Promise<void> {
    const replaying = this.replaying;
    if (!replaying) this.liveEvents += events.length;
    const picked = replaying ? await this.undecided(decisions) : decisions;
    const pickedTimes = replaying ? picked.map((d) => times[decisions.indexOf(d)] ?? 0) : times;
    let reviewable = 0;
    let flagged = 0;
    if (picked.length > 0) {
      const snapshots = picked.filter(isSnapshot);
      const versions = await this.versions.resolve(snapshots);
      const versionOf = new Map(snapshots.map((d, i) => [d, versions[i]]));
      const rows = emptyRows();
      picked.forEach((d, i) => {
        const at = new Date(pickedTimes[i] ?? 0).toISOString();
        if (isSnapshot(d)) {
          const version = versionOf.get(d);
          if (version === undefined) return;
          addDecisionRow(rows, d, at, version);
          reviewable++;
        } else {
          addDecisionRow(rows, d, at);
          // Posts in the review band also become (lower-priority) queue items.
          if (d.kind === 'post' && (d.record.flagged || d.record.review === true)) reviewable++;
          if (d.kind === 'post' && d.record.flagged) flagged++;
        }
      });
      await this.opts.exclusive(() => this.opts.store.write(rows));
    }
    const now = performance.now();
    const latencies: number[] = [];
    for (const pe of events) {
      const t = this.opts.arrivedAt(pe.event);
      if (t !== undefined) latencies.push(now - t);
    }
    this.opts.onWritten(reviewable, flagged, latencies);
  }

  /** Post and match decisions of posts without a stored post decision (replay only). */
  private async undecided(decisions: Decision[]): Promise<Decision[]> {
    const posts = new Map<string, Set<string>>();
    for (const d of decisions) {
      if (d.kind !== 'post' && d.kind !== 'match') continue;
      const id = d.kind === 'post' ? d.record.id : d.record.post_id;
      let set = posts.get(d.record.platform);
      if (!set) posts.set(d.record.platform, (set = new Set()));
      set.add(id);
    }
    const decided = new Set<string>();
    for (const [platform, set] of posts) {
      const ids = [...set];
      for (let i = 0; i < ids.length; i += IN_CHUNK) {
        const rows = await this.opts.database.db
          .selectFrom('decisions_posts')
          .select('post_id')
          .where('platform', '=', platform)
          .where('post_id', 'in', ids.slice(i, i + IN_CHUNK))
          .execute();
        for (const r of rows) decided.add(`${platform}\u0000${r.post_id}`);
      }
    }
    return decisions.filter(
      (d) =>
        (d.kind === 'post' && !decided.has(`${d.record.platform}\u0000${d.record.id}`)) ||
        (d.kind === 'match' && !decided.has(`${d.record.platform}\u0000${d.record.post_id}`)),
    );
  }

  quarantine(): void {
    // Live items are events the ingestion path already validated and stored: never bad records.
  }
}
