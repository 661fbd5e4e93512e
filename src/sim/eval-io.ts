import { createReadStream, existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { NotFoundError, ValidationError } from '../errors.js';
import { evaluateDetections, type DetectOutputs, type EvaluationReport } from './evaluate.js';
import type { Truth } from './truth.js';

// The file edge of `marsad evaluate`: truth.json, the detect output files and the stream.

export interface EvaluationInput {
  truthPath: string;
  detectDir: string;
  /** Defaults to stream.ndjson next to truth.json; skipped when it does not exist. */
  streamPath?: string;
}

export interface EvaluationRun {
  report: EvaluationReport;
  /** Lines per detect file, missing files, and unreadable lines (skipped). */
  files: Record<string, { lines: number; missing: boolean; bad_lines: number }>;
  stream: string | null;
}

const readNdjson = async <T>(file: string): Promise<{ records: T[]; missing: boolean; bad: number }> => {
  if (!existsSync(file)) return { records: [], missing: true, bad: 0 };
  const records: T[] = [];
  let bad = 0;
  const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  for await (const line of lines) {
    if (!line.trim()) continue;
    try {
      const v = JSON.parse(line) as unknown;
      if (typeof v === 'object' && v !== null) records.push(v as T);
      else bad++;
    } catch {
      bad++;
    }
  }
  return { records, missing: false, bad };
};

const TRUTH_ARRAYS = [
  'extremist_accounts',
  'news_accounts',
  'benign_campaign_accounts',
  'organic_accounts',
  'organic_new_accounts',
  'recreated_accounts',
  'campaigns',
  'extremist_post_ids',
] as const;

export const readTruth = async (file: string): Promise<Truth> => {
  if (!existsSync(file)) throw new NotFoundError(`truth file not found: ${file}`, { field: 'truth' });
  let v: unknown;
  try {
    v = JSON.parse(await readFile(file, 'utf8'));
  } catch (err) {
    throw new ValidationError(`${file}: not valid JSON (${(err as Error).message})`, { field: 'truth' });
  }
  const t = v as Record<string, unknown>;
  for (const key of TRUTH_ARRAYS) {
    if (!Array.isArray(t[key]))
      throw new ValidationError(`${file}: field ${key} must be an array`, { field: key });
  }
  // Older or hand-written truth files may omit the optional lists.
  t['neutral_post_ids'] ??= [];
  t['organic_new_kunya_accounts'] ??= [];
  t['organic_bursts'] ??= [];
  return t as unknown as Truth;
};

/** The first `keep` post times of each listed account, from a stream sorted by created_at. */
export const readPostTimes = async (
  streamPath: string,
  accounts: ReadonlySet<string>,
  keep = 5,
): Promise<Map<string, number[]>> => {
  const times = new Map<string, number[]>();
  const lines = createInterface({ input: createReadStream(streamPath, 'utf8'), crlfDelay: Infinity });
  const ACCOUNT = /"account_id":"([^"]+)"/;
  for await (const line of lines) {
    if (!line.includes('"post"')) continue;
    const m = ACCOUNT.exec(line);
    if (!m || !accounts.has(m[1] ?? '')) continue;
    let e: { type?: string; account_id?: string; created_at?: string };
    try {
      e = JSON.parse(line) as typeof e;
    } catch {
      continue;
    }
    if (e.type !== 'post' || !e.account_id || !e.created_at) continue;
    let l = times.get(e.account_id);
    if (!l) times.set(e.account_id, (l = []));
    if (l.length < keep) l.push(Date.parse(e.created_at));
  }
  for (const l of times.values()) l.sort((a, b) => a - b);
  return times;
};

export const evaluateFiles = async (input: EvaluationInput): Promise<EvaluationRun> => {
  const truth = await readTruth(input.truthPath);
  const files: EvaluationRun['files'] = {};
  const load = async <T>(name: string): Promise<T[]> => {
    const r = await readNdjson<T>(path.join(input.detectDir, name));
    files[name] = { lines: r.records.length, missing: r.missing, bad_lines: r.bad };
    return r.records;
  };
  const out: DetectOutputs = {
    posts: await load('posts.ndjson'),
    accounts: await load('accounts.ndjson'),
    evasion: await load('evasion.ndjson'),
    campaigns: await load('campaigns.ndjson'),
  };
  const streamPath = input.streamPath ?? path.join(path.dirname(input.truthPath), 'stream.ndjson');
  const hasStream = existsSync(streamPath);
  const postTimes = hasStream
    ? await readPostTimes(streamPath, new Set(truth.recreated_accounts.map((r) => r.account_id)))
    : new Map<string, number[]>();
  return { report: evaluateDetections(truth, out, postTimes), files, stream: hasStream ? streamPath : null };
};
