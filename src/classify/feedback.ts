// Review decisions as training data (`marsad train --from-decisions`): how a confirmed or dismissed
// post becomes a labelled record, and how those records join a training recipe with their own weight.
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ValidationError } from '../errors.js';
import { exportDecisions } from '../review/export.js';
import type { Database } from '../store/index.js';
import type { CorpusRecord } from './data.js';
import type { DataRecipe } from './recipe.js';

/** Source label of decision records; the recipe's label map turns it into the model label with its weight. */
const DECISION_LABEL_PREFIX = 'decision_';

/** Reason codes of a dismissal that say "this is reporting or counter-speech", i.e. the `news` class. */
const NEWS_REASONS = new Set(['news_or_counter_speech']);

export interface DecisionLabelOptions {
  /** Label of confirmed posts (the model's positive label). */
  positiveLabel?: string;
  /** Label of dismissed posts whose reason code names no class (default `other`). */
  dismissedLabel?: string;
  /** Label of posts dismissed as news or counter-speech (default `news`). */
  newsLabel?: string;
}

/**
 * The mapping (documented in models/README.md): confirmed → `extremist`; dismissed with reason
 * `news_or_counter_speech` → `news`; any other dismissal → `other`. Escalated and open items are not
 * labels yet, so exportDecisions leaves them out.
 */
export const decisionLabel = (
  decision: string,
  reasonCode: string | null,
  opts: DecisionLabelOptions = {},
): string =>
  decision === 'confirm'
    ? (opts.positiveLabel ?? 'extremist')
    : reasonCode !== null && NEWS_REASONS.has(reasonCode)
      ? (opts.newsLabel ?? 'news')
      : (opts.dismissedLabel ?? 'other');

export interface DecisionCorpus {
  records: CorpusRecord[];
  counts: Record<string, number>;
}

/**
 * Reads the confirmed and dismissed post decisions as corpus records. Their source label is
 * `decision_<label>`, so that the recipe can weight them apart from the shared datasets.
 */
export const decisionCorpus = async (
  database: Database,
  opts: DecisionLabelOptions = {},
): Promise<DecisionCorpus> => {
  const records: CorpusRecord[] = [];
  const counts: Record<string, number> = {};
  for await (const d of exportDecisions(database)) {
    const label = decisionLabel(d.decision, d.reason_code, opts);
    counts[label] = (counts[label] ?? 0) + 1;
    records.push({
      id: `decision:${d.id}`,
      text: d.text,
      label: `${DECISION_LABEL_PREFIX}${label}`,
      lang: d.lang,
      source: `${d.source}/${d.platform}`,
    });
  }
  if (records.length === 0)
    throw new ValidationError(
      'no confirmed or dismissed post decisions in the database: review some queue items first',
      { field: 'decisions' },
    );
  return { records, counts };
};

/**
 * The recipe with decision records mapped to their labels at `weight` (> 1 makes a reviewer's
 * judgement count more than a dataset row; < 1 would make it weak, see DataRecipe.minWeakWords).
 * Decisions are never capped: the cap is per dataset and `marsad-decisions` gets an override.
 */
export const withDecisions = (recipe: DataRecipe, labels: readonly string[], weight: number): DataRecipe => {
  if (!(weight > 0 && weight <= 10))
    throw new ValidationError(`decisions weight must be in (0, 10], got ${weight}`, {
      field: 'decisions-weight',
    });
  const labelMap = { ...recipe.labelMap };
  for (const l of labels) labelMap[`${DECISION_LABEL_PREFIX}${l}`] = { label: l, weight };
  return {
    ...recipe,
    labelMap,
    maxPerDatasetOverrides: { ...recipe.maxPerDatasetOverrides, 'marsad-decisions': 1_000_000 },
  };
};

/**
 * The files of the default recipe (as scripts/train-default.ts reads them): `<dir>/text/*.ndjson[.gz]`
 * and the raw IRA set when present. Empty when the shared datasets are not on this machine.
 */
export const sharedTrainingFiles = (datasetsDir: string): string[] => {
  const textDir = path.join(datasetsDir, 'text');
  if (!existsSync(textDir)) return [];
  const files = readdirSync(textDir)
    .filter((f) => /\.ndjson(\.gz)?$/.test(f))
    .sort()
    .map((f) => path.join(textDir, f));
  const ira = path.join(datasetsDir, 'raw/ira-russian-troll-tweets-subset/ira_tweets_subset.csv.gz');
  if (existsSync(ira)) files.push(ira);
  return files;
};

/** ../shared/datasets next to the repository (where the shared corpora live). */
export const DEFAULT_DATASETS_DIR = fileURLToPath(new URL('../../../shared/datasets', import.meta.url));
