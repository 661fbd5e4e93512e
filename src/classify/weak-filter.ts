// Cleaning weak labels by cross-fitting: the weak positives (every tweet of an extremist account) include
// chatter and war news. Two models, each trained on half of the training accounts, score the weak
// positives of the other half; those a model finds clearly not positive are dropped from training. Each
// row is judged by a model that never saw it, so a row cannot vouch for itself. Dev is not touched.
import { unitHash } from './hash.js';
import { TextModel } from './model.js';
import { headerFor } from './build-header.js';
import type { PreparedExample } from './recipe.js';
import { trainLinear, type TrainOptions } from './train.js';

export interface WeakFilterOptions {
  /** Weak positives whose out-of-fold P(positive) is below this are dropped. */
  below: number;
  /** Epochs of the two fold models (fewer than the final model's: they only rank). */
  epochs: number;
}

export interface WeakFilterResult {
  train: PreparedExample[];
  dropped: number;
  judged: number;
}

const foldOf = (e: PreparedExample): number =>
  unitHash(e.record.account ?? e.record.id, 0x5eed) < 0.5 ? 0 : 1;

export const filterWeakPositives = (
  train: readonly PreparedExample[],
  positiveLabel: string,
  opts: WeakFilterOptions,
  trainOpts: TrainOptions,
): WeakFilterResult => {
  const labels = [...new Set(train.map((e) => e.label))].sort();
  const drop = new Set<PreparedExample>();
  let judged = 0;
  for (const fold of [0, 1]) {
    const fit = train.filter((e) => foldOf(e) !== fold);
    const r = trainLinear(fit, { ...trainOpts, labels, epochs: opts.epochs, onProgress: undefined });
    const model = new TextModel(
      headerFor(labels, { features: trainOpts.features, positiveLabel }),
      r.weights,
    );
    const pi = labels.indexOf(positiveLabel);
    for (const e of train) {
      if (foldOf(e) !== fold || !e.weak || e.label !== positiveLabel) continue;
      judged++;
      if ((model.probabilities(e.text)[pi] as number) < opts.below) drop.add(e);
    }
  }
  return { train: train.filter((e) => !drop.has(e)), dropped: drop.size, judged };
};
