import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { unitHash } from './hash.js';
import { isRawSource, readIraTweets } from './raw-sources.js';

/** A labelled text as in /work/shared/datasets/text/*.ndjson (extra fields are kept but ignored). */
export interface CorpusRecord {
  id: string;
  text: string;
  label: string;
  lang: string;
  source: string;
  account?: string;
  mentions_isis?: boolean;
  /** Overrides the split unit (see splitGroup); set by raw-source adapters only. */
  split_group?: string;
}

export interface CorpusLineError {
  file: string;
  line: number;
  reason: string;
}

/** Reads one NDJSON file (gzip when it ends in .gz; raw files of raw-sources.ts too), yielding records or the line that failed and why. */
export async function* readCorpusFile(
  file: string,
): AsyncGenerator<{ record: CorpusRecord } | { error: CorpusLineError }> {
  if (isRawSource(file)) {
    yield* readIraTweets(file);
    return;
  }
  const input = file.endsWith('.gz') ? createReadStream(file).pipe(createGunzip()) : createReadStream(file);
  const lines = createInterface({ input, crlfDelay: Infinity });
  let line = 0;
  for await (const raw of lines) {
    line++;
    if (raw.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (err) {
      yield { error: { file, line, reason: `invalid JSON (${(err as Error).message})` } };
      continue;
    }
    const v = value as Record<string, unknown>;
    const missing = ['id', 'text', 'label'].find((f) => typeof v[f] !== 'string' || v[f] === '');
    if (missing) {
      yield { error: { file, line, reason: `field "${missing}" must be a non-empty string` } };
      continue;
    }
    yield {
      record: {
        ...(v as object),
        id: v['id'] as string,
        text: v['text'] as string,
        label: v['label'] as string,
        lang: typeof v['lang'] === 'string' ? v['lang'] : 'und',
        source: typeof v['source'] === 'string' ? v['source'] : file,
      } as CorpusRecord,
    };
  }
}

export const loadCorpus = async (
  files: readonly string[],
): Promise<{ records: CorpusRecord[]; errors: CorpusLineError[] }> => {
  const records: CorpusRecord[] = [];
  const errors: CorpusLineError[] = [];
  for (const file of files) {
    for await (const item of readCorpusFile(file)) {
      if ('record' in item) records.push(item.record);
      else errors.push(item.error);
    }
  }
  return { records, errors };
};

export type SplitName = 'train' | 'calibration' | 'dev';

export interface SplitParams {
  seed: number;
  /** Shares of groups going to calibration and dev; the rest is train. */
  calibration: number;
  dev: number;
}

export const DEFAULT_SPLIT: SplitParams = { seed: 20260101, calibration: 0.1, dev: 0.2 };

/** The unit that never straddles splits: an account when the row has one, else the row itself. */
export const splitGroup = (r: CorpusRecord): string =>
  r.split_group ??
  (r.account ? `account:${r.source.split('/')[0]}:${r.account.toLowerCase()}` : `id:${r.id}`);

export const assignSplit = (r: CorpusRecord, p: SplitParams): SplitName => {
  const u = unitHash(splitGroup(r), p.seed);
  if (u < p.dev) return 'dev';
  if (u < p.dev + p.calibration) return 'calibration';
  return 'train';
};

/** The dataset a record comes from (`<set>` of `<set>/<file>`). */
export const datasetOf = (r: CorpusRecord): string => r.source.split('/')[0] ?? r.source;
