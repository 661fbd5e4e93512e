import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { IngestItem } from '../ingest/types.js';
import type { BulkWriter } from '../store/bulk-writer.js';
import type { QuarantineInput } from '../store/event-rows.js';
import { addDecisionRow, emptyRows, type DecisionStore } from './decision-store.js';
import { decisionLine, isSnapshot, snapshotKey, SnapshotLog, type SnapshotKind } from './records.js';
import type { PipelineSink } from './runner.js';
import type { Decision, PipelineEvent } from './types.js';

/** The files of contracts/events.md, plus `matches.ndjson` and `quarantine.ndjson` (extra files). */
export const OUTPUT_FILES = {
  post: 'posts.ndjson',
  account: 'accounts.ndjson',
  evasion: 'evasion.ndjson',
  campaign: 'campaigns.ndjson',
  hashtag: 'hashtags.ndjson',
  match: 'matches.ndjson',
} as const;
export const QUARANTINE_FILE = 'quarantine.ndjson';

type AppendKind = 'post' | 'hashtag' | 'match';

const writeAll = (stream: WriteStream, text: string): Promise<void> | undefined => {
  if (text === '' || stream.write(text)) return undefined;
  return new Promise((resolve) => stream.once('drain', () => resolve()));
};

const closeStream = (stream: WriteStream): Promise<void> =>
  new Promise((resolve, reject) => {
    stream.once('error', reject);
    stream.end(() => resolve());
  });

export interface DetectSinkOptions {
  outDir: string;
  /** Decisions to the database (omit to write files only). */
  store?: DecisionStore | undefined;
  /** Events and quarantined records to the database (omit to not store events). */
  events?: BulkWriter | undefined;
}

export interface SinkStats {
  snapshots: Record<SnapshotKind, number>;
  snapshotVersions: number;
}

/**
 * Writes decisions to the output files and the database. `post`, `hashtag` and `match` lines are
 * appended as they come (stream order); `account`, `evasion` and `campaign` snapshots are kept as the
 * latest version per key and written at the end, in order of first emission. Every version that
 * changed goes to the database with its number.
 */
export class DetectSink implements PipelineSink {
  private readonly files: Record<AppendKind, WriteStream>;
  private readonly quarantineFile: WriteStream;
  private readonly snapshots: Record<SnapshotKind, SnapshotLog> = {
    account: new SnapshotLog(),
    evasion: new SnapshotLog(),
    campaign: new SnapshotLog(),
  };
  private pendingQuarantine: QuarantineInput[] = [];
  private versions = 0;

  private constructor(private readonly opts: DetectSinkOptions) {
    const open = (name: string) => createWriteStream(path.join(opts.outDir, name));
    this.files = {
      post: open(OUTPUT_FILES.post),
      hashtag: open(OUTPUT_FILES.hashtag),
      match: open(OUTPUT_FILES.match),
    };
    this.quarantineFile = open(QUARANTINE_FILE);
  }

  static async open(opts: DetectSinkOptions): Promise<DetectSink> {
    await mkdir(opts.outDir, { recursive: true });
    return new DetectSink(opts);
  }

  async write(events: PipelineEvent[], decisions: Decision[], times: number[]): Promise<void> {
    const text: Record<AppendKind, string> = { post: '', hashtag: '', match: '' };
    const rows = this.opts.store ? emptyRows() : undefined;
    decisions.forEach((d, i) => {
      const line = decisionLine(d);
      const at = new Date(times[i] ?? 0).toISOString();
      if (isSnapshot(d)) {
        const version = this.snapshots[d.kind].offer(snapshotKey(d), line);
        if (version === undefined) return;
        this.versions++;
        if (rows) addDecisionRow(rows, d, at, version);
      } else {
        text[d.kind] += `${line}\n`;
        if (rows) addDecisionRow(rows, d, at);
      }
    });
    await Promise.all([
      writeAll(this.files.post, text.post),
      writeAll(this.files.hashtag, text.hashtag),
      writeAll(this.files.match, text.match),
    ]);
    if (this.opts.events && (events.length > 0 || this.pendingQuarantine.length > 0)) {
      const quarantine = this.pendingQuarantine;
      this.pendingQuarantine = [];
      await this.opts.events.write({ events: events.map((pe) => pe.event), quarantine });
    }
    if (rows && this.opts.store) await this.opts.store.write(rows);
  }

  async quarantine(item: Extract<IngestItem, { ok: false }>): Promise<void> {
    const record = {
      file: item.loc.file,
      line: item.loc.line,
      offset: item.loc.offset,
      field: item.field,
      reason: item.reason,
      raw: item.raw,
    };
    await writeAll(this.quarantineFile, `${JSON.stringify(record)}\n`);
    if (this.opts.events) {
      this.pendingQuarantine.push({
        source: item.loc.file,
        line: item.loc.line,
        offset: item.loc.offset,
        field: item.field,
        reason: item.reason,
        raw: item.raw,
      });
      // An input of only bad lines must not pile them up in memory until the end.
      if (this.pendingQuarantine.length >= 1000) {
        const quarantine = this.pendingQuarantine;
        this.pendingQuarantine = [];
        await this.opts.events.write({ events: [], quarantine });
      }
    }
  }

  /** Flushes what is pending, writes the snapshot files and closes every file. */
  async close(): Promise<SinkStats> {
    if (this.opts.events && this.pendingQuarantine.length > 0) {
      await this.opts.events.write({ events: [], quarantine: this.pendingQuarantine });
      this.pendingQuarantine = [];
    }
    const names: Record<SnapshotKind, string> = {
      account: OUTPUT_FILES.account,
      evasion: OUTPUT_FILES.evasion,
      campaign: OUTPUT_FILES.campaign,
    };
    for (const kind of ['account', 'evasion', 'campaign'] as const) {
      const stream = createWriteStream(path.join(this.opts.outDir, names[kind]));
      let buf = '';
      for (const line of this.snapshots[kind].lines()) {
        buf += `${line}\n`;
        if (buf.length > 1 << 20) {
          await writeAll(stream, buf);
          buf = '';
        }
      }
      await writeAll(stream, buf);
      await closeStream(stream);
    }
    await Promise.all([...Object.values(this.files), this.quarantineFile].map(closeStream));
    return {
      snapshots: {
        account: this.snapshots.account.size,
        evasion: this.snapshots.evasion.size,
        campaign: this.snapshots.campaign.size,
      },
      snapshotVersions: this.versions,
    };
  }
}
