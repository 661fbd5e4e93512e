import { ValidationError } from '../errors.js';
import {
  assignSplit,
  datasetOf,
  DEFAULT_SPLIT,
  type CorpusRecord,
  type SplitName,
  type SplitParams,
} from './data.js';
import { unitHash } from './hash.js';
import { contentWordCount, prepareWords } from './text-prep.js';
import type { TrainExample } from './train.js';

/** How labelled records become training, calibration and dev examples. */
export interface DataRecipe {
  /** Relabel (and re-weight) a source label, e.g. weak `extremist_account` → `extremist` at weight 0.5. */
  labelMap: Record<string, { label: string; weight: number }>;
  /** Accounts left out of every split (lowercase handles), e.g. news aggregators among weak positives. */
  excludeAccounts: string[];
  /** At most this many training examples per dataset and label (0 = no cap); calibration is capped in proportion. */
  maxPerDataset: number;
  /** Accounts (lowercase handles) whose rows take this label instead, at weight 1 (not weak). */
  accountLabels?: Record<string, string>;
  /** Per-dataset exceptions to `maxPerDataset`. */
  maxPerDatasetOverrides?: Record<string, number>;
  /**
   * Weak-labelled rows with fewer content words (words other than link/mention tokens) are
   * left out of every split: "@someone lol" from an extremist account is no evidence of extremism,
   * and as a positive it teaches the model that short chatter is extremist.
   */
  minWeakWords?: number;
  /** Keep every news paragraph mentioning ISIS regardless of the cap: they are the key hard negatives. */
  keepHardNegatives: boolean;
  split: SplitParams;
}

/**
 * Accounts of the fanboy set that the dataset README names as conflict-news aggregators / OSINT
 * reporters (WarReporter1 appears in the data as warreporter2). Their tweets are war news, not
 * propaganda, so as weak positives they would teach the model that reporting is extremism.
 */
export const NEWS_AGGREGATOR_ACCOUNTS = [
  'ramiallolah',
  'warrnews',
  'warreporter1',
  'warreporter2',
  'nidalgazaui',
];

export const DEFAULT_RECIPE: DataRecipe = {
  labelMap: { extremist_account: { label: 'extremist', weight: 0.5 } },
  excludeAccounts: NEWS_AGGREGATOR_ACCOUNTS,
  maxPerDataset: 6000,
  // The IRA set (raw-sources.ts) holds both the English news headlines and the many kinds of troll
  // chatter; a larger cap keeps more of that variety.
  maxPerDatasetOverrides: { 'ira-russian-troll-tweets-subset': 15000 },
  minWeakWords: 4,
  keepHardNegatives: true,
  split: DEFAULT_SPLIT,
};

export interface PreparedExample extends TrainExample {
  label: string;
  weight: number;
  record: CorpusRecord;
  /** True when the label came through a weak mapping (account-level labels). */
  weak: boolean;
}

export interface PreparedData {
  train: PreparedExample[];
  calibration: PreparedExample[];
  dev: PreparedExample[];
  excluded: number;
  capped: number;
}

/** Parses `--map from=to[:weight]` options. */
export const parseLabelMap = (specs: readonly string[]): DataRecipe['labelMap'] => {
  const map: DataRecipe['labelMap'] = {};
  for (const spec of specs) {
    const m = /^([^=]+)=([^:]+)(?::([0-9.]+))?$/.exec(spec);
    if (!m)
      throw new ValidationError(`--map "${spec}": expected from=to or from=to:weight`, { field: 'map' });
    const weight = m[3] === undefined ? 1 : Number(m[3]);
    if (!(weight > 0 && weight <= 10))
      throw new ValidationError(`--map "${spec}": weight must be in (0, 10]`, { field: 'map' });
    map[m[1] as string] = { label: m[2] as string, weight };
  }
  return map;
};

export const toExample = (r: CorpusRecord, recipe: DataRecipe): PreparedExample | null => {
  if (r.account && recipe.excludeAccounts.includes(r.account.toLowerCase())) return null;
  const relabel = r.account ? recipe.accountLabels?.[r.account.toLowerCase()] : undefined;
  if (relabel) return { text: r.text, label: relabel, weight: 1, record: r, weak: false };
  const mapped = recipe.labelMap[r.label];
  if (
    mapped &&
    mapped.weight < 1 &&
    recipe.minWeakWords &&
    contentWordCount(prepareWords(r.text)) < recipe.minWeakWords
  )
    return null;
  return mapped
    ? { text: r.text, label: mapped.label, weight: mapped.weight, record: r, weak: mapped.weight < 1 }
    : { text: r.text, label: r.label, weight: 1, record: r, weak: false };
};

/** Splits by account/row (see data.ts), applies the label map, exclusions and per-dataset caps. */
export const prepareData = (records: readonly CorpusRecord[], recipe: DataRecipe): PreparedData => {
  const parts: Record<SplitName, PreparedExample[]> = { train: [], calibration: [], dev: [] };
  let excluded = 0;
  for (const r of records) {
    const ex = toExample(r, recipe);
    if (!ex) {
      excluded++;
      continue;
    }
    parts[assignSplit(r, recipe.split)].push(ex);
  }
  let capped = 0;
  const cap = (list: PreparedExample[], max: number): PreparedExample[] => {
    if (max <= 0) return list;
    // Capped per dataset and label, so a set holding two labels (e.g. a news feed among trolls)
    // keeps both.
    const byDataset = new Map<string, PreparedExample[]>();
    for (const e of list) {
      const d = `${datasetOf(e.record)}\u0000${e.label}`;
      const arr = byDataset.get(d);
      if (arr) arr.push(e);
      else byDataset.set(d, [e]);
    }
    const out: PreparedExample[] = [];
    for (const [key, arr] of byDataset) {
      const dataset = key.split('\u0000')[0] as string;
      const override = recipe.maxPerDatasetOverrides?.[dataset];
      const limit = override === undefined ? max : Math.ceil((override * max) / recipe.maxPerDataset);
      const kept = recipe.keepHardNegatives ? arr.filter((e) => e.record.mentions_isis === true) : [];
      const rest = recipe.keepHardNegatives ? arr.filter((e) => e.record.mentions_isis !== true) : arr;
      // Deterministic sample: the rows with the smallest hash of their id.
      const ranked = rest
        .map((e) => ({ e, u: unitHash(e.record.id, recipe.split.seed ^ 0x2545f491) }))
        .sort((a, b) => a.u - b.u)
        .map((x) => x.e);
      const take = Math.max(0, limit - kept.length);
      capped += Math.max(0, ranked.length - take);
      out.push(...kept, ...ranked.slice(0, take));
    }
    return out;
  };
  const trainShare = 1 - recipe.split.calibration - recipe.split.dev;
  return {
    train: cap(parts.train, recipe.maxPerDataset),
    calibration: cap(
      parts.calibration,
      Math.ceil((recipe.maxPerDataset * recipe.split.calibration) / trainShare),
    ),
    dev: parts.dev,
    excluded,
    capped,
  };
};
