import { identifyLanguage } from '../text/index.js';
import { softmaxInto } from './calibrate.js';
import { Featurizer, type FeatureParams, type SparseVector } from './features.js';
import { contentWordCount, MAX_TEXT_CHARS, normalizerFingerprint, prepareWords } from './text-prep.js';

/** Everything about a model except its weights; the JSON header of the model file. */
export interface ModelHeader {
  format: 'marsad-text-model';
  version: 1;
  labels: string[];
  /** The class `flagged` refers to (e.g. `extremist`). */
  positiveLabel: string;
  features: FeatureParams;
  /** Fingerprint of the normaliser the model was trained with (see text-prep.ts). */
  normalizer: string;
  maxTextChars: number;
  temperature: number;
  /** Operating threshold over all dev rows; with `thresholds`, only the `review` hint uses it. */
  threshold: number;
  /**
   * Per-language operating thresholds (precision target reached on that language's dev rows). When
   * present, these are the validated languages: a text in any other language is never `flagged`;
   * a score ≥ `threshold` there sets `review` instead (see classify).
   */
  thresholds?: Record<string, number>;
  /**
   * Review band of the validated languages: per-language thresholds below `thresholds`. A score in
   * [reviewThresholds[lang], thresholds[lang]) sets `review` (for a moderator to read), never
   * `flagged`. Chosen on the dev split after training (scripts/set-review-band.ts); absent: no band.
   */
  reviewThresholds?: Record<string, number>;
  /**
   * Texts with fewer content words (not counting link/mention tokens) are never flagged nor sent to
   * review: "@someone haha" carries no evidence either way, and short chatter was the bulk of the
   * false positives. Absent: no minimum.
   */
  minFlagWords?: number;
  /** How the weights are stored in the file. */
  dtype: 'f32' | 'f16';
  createdAt: string;
  metrics?: Record<string, unknown>;
  /** Training description; `training.recipe` (label map, exclusions, split) lets `eval` rebuild the dev split. */
  training?: Record<string, unknown>;
}

export interface Classification {
  label: string;
  scores: Record<string, number>;
  flagged: boolean;
  /**
   * Present (true) only when the text is not flagged but worth a reader: the score is in the review
   * band of a validated language (ModelHeader.reviewThresholds), or passed the overall threshold in a
   * language the model is not validated on. Lower severity than `flagged`.
   */
  review?: true;
}

const ARABIC_LETTER = /[\u0621-\u064a]/;

/**
 * The language a threshold is looked up under: the caller's hint (`ar-EG` → `ar`) when given, else
 * `ar` for any Arabic letter (as the training corpora label it), else the language identifier's guess.
 * Detection reads the normalised words, so zero-width characters, homoglyphs or Arabic-Indic digits
 * cannot turn a text's language into an unvalidated one (which would mean `review`, not `flagged`).
 */
export const thresholdLanguage = (words: readonly string[], hint?: string): string => {
  if (hint) return hint.toLowerCase().split(/[-_]/)[0] || 'und';
  const content = words.filter((w) => !w.startsWith('⟨'));
  if (content.some((w) => ARABIC_LETTER.test(w))) return 'ar';
  return identifyLanguage(content.join(' ')).lang;
};

export interface NgramWeight {
  ngram: string;
  weight: number;
}

/** Weights of a multinomial logistic regression over hashed features: row-major buckets × labels. */
export interface LinearWeights {
  weights: Float32Array;
  bias: Float32Array;
}

/** Raw scores (logits) of a sparse vector into `out`. Hot path: one pass over the features. */
export const logitsInto = (w: LinearWeights, x: SparseVector, out: Float64Array): Float64Array => {
  const k = out.length;
  const W = w.weights;
  for (let c = 0; c < k; c++) out[c] = w.bias[c] as number;
  const { idx, val, length } = x;
  if (k === 3) {
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    for (let i = 0; i < length; i++) {
      const base = (idx[i] as number) * 3;
      const v = val[i] as number;
      s0 += v * (W[base] as number);
      s1 += v * (W[base + 1] as number);
      s2 += v * (W[base + 2] as number);
    }
    out[0]! += s0;
    out[1]! += s1;
    out[2]! += s2;
    return out;
  }
  for (let i = 0; i < length; i++) {
    const base = (idx[i] as number) * k;
    const v = val[i] as number;
    for (let c = 0; c < k; c++) out[c]! += v * (W[base + c] as number);
  }
  return out;
};

/** A trained text classifier: normalise, hash, score, calibrate, flag, explain. */
export class TextModel {
  readonly labels: readonly string[];
  readonly threshold: number;
  readonly positiveLabel: string;
  private readonly positiveIndex: number;
  /** Below this score nothing is flagged nor reviewed in any language. */
  private readonly minThreshold: number;
  private readonly featurizer: Featurizer;
  private readonly logits: Float64Array;
  private readonly probs: Float64Array;

  constructor(
    readonly header: ModelHeader,
    readonly weights: LinearWeights,
  ) {
    this.labels = header.labels;
    this.threshold = header.threshold;
    this.positiveLabel = header.positiveLabel;
    this.positiveIndex = header.labels.indexOf(header.positiveLabel);
    this.minThreshold = Math.min(
      header.threshold,
      ...Object.values(header.thresholds ?? {}),
      ...Object.values(header.reviewThresholds ?? {}),
    );
    this.featurizer = new Featurizer(header.features);
    this.logits = new Float64Array(header.labels.length);
    this.probs = new Float64Array(header.labels.length);
  }

  /** False when src/text normalises differently from when the model was trained: retrain it. */
  get normalizerMatches(): boolean {
    return this.header.normalizer === normalizerFingerprint();
  }

  /** Calibrated probabilities, in `labels` order (a view reused by the next call: copy to keep). */
  probabilities(text: string): Float64Array {
    return this.probabilitiesOfWords(prepareWords(text));
  }

  private probabilitiesOfWords(words: readonly string[]): Float64Array {
    logitsInto(this.weights, this.featurizer.extract(words), this.logits);
    return softmaxInto(this.logits, this.header.temperature, this.probs);
  }

  /** False when the text is too short to be flagged (ModelHeader.minFlagWords). */
  canFlag(words: readonly string[]): boolean {
    const min = this.header.minFlagWords;
    return min === undefined || contentWordCount(words) >= min;
  }

  /** Uncalibrated logits of a text (a view reused by the next call). */
  rawLogits(text: string): Float64Array {
    return logitsInto(this.weights, this.featurizer.extract(prepareWords(text)), this.logits);
  }

  /**
   * `label` is the positive label only when the text is flagged (probability ≥ the operating
   * threshold); otherwise the most probable of the other labels. So a reader of `label` gets the
   * precision the threshold was chosen for, and `label` never contradicts `flagged`; `scores` keep
   * the full distribution. With per-language thresholds, `lang` (or the detected language) picks the
   * threshold; in a language without one, a high score sets `review`, never `flagged`; in a language
   * with one, a score in its review band (ModelHeader.reviewThresholds) sets `review` too.
   */
  classify(text: string, lang?: string): Classification {
    const words = prepareWords(text);
    const p = this.probabilitiesOfWords(words);
    const scores: Record<string, number> = {};
    const pos = this.positiveIndex;
    const score = pos >= 0 && this.canFlag(words) ? (p[pos] as number) : 0;
    const perLanguage = this.header.thresholds;
    // Only a high score needs the language: detection is skipped for the (common) low scores.
    const language = perLanguage && score >= this.minThreshold ? thresholdLanguage(words, lang) : undefined;
    const t = perLanguage ? (language === undefined ? undefined : perLanguage[language]) : this.threshold;
    const flagged = pos >= 0 && t !== undefined && score >= t;
    const band = language === undefined ? undefined : this.header.reviewThresholds?.[language];
    const review =
      !flagged &&
      score > 0 &&
      (t === undefined ? score >= this.threshold : band !== undefined && score >= band);
    let best = -1;
    for (let c = 0; c < p.length; c++) {
      scores[this.labels[c] as string] = p[c] as number;
      if (c === pos && !flagged) continue;
      if (best < 0 || (p[c] as number) > (p[best] as number)) best = c;
    }
    const out: Classification = { label: this.labels[flagged ? pos : best] as string, scores, flagged };
    if (review) out.review = true;
    return out;
  }

  classifyBatch(texts: readonly string[]): Classification[] {
    return texts.map((t) => this.classify(t));
  }

  /**
   * The n-grams that pushed the decision most: contribution of a feature = its tf weight × (weight of
   * the decided class − mean weight of the other classes). The decided class is the positive class when
   * the text is flagged, otherwise the predicted label. Sorted by contribution, largest first.
   */
  explain(text: string, k = 5): NgramWeight[] {
    const c = this.classify(text);
    const target = c.flagged ? this.positiveIndex : this.labels.indexOf(c.label);
    const K = this.labels.length;
    const { vector, names } = this.featurizer.extractNamed(prepareWords(text));
    const W = this.weights.weights;
    const out: NgramWeight[] = [];
    for (let i = 0; i < vector.length; i++) {
      const b = vector.idx[i] as number;
      let others = 0;
      for (let j = 0; j < K; j++) if (j !== target) others += W[b * K + j] as number;
      const contrib =
        (vector.val[i] as number) * ((W[b * K + target] as number) - (K > 1 ? others / (K - 1) : 0));
      const ngrams = names.get(b) ?? [];
      // Boundary spaces of char n-grams are trimmed for reading; one bucket may hold several n-grams.
      out.push({
        ngram: [...new Set(ngrams.map((g) => g.trim()))].join(' | '),
        weight: contrib / this.header.temperature,
      });
    }
    out.sort((a, b) => b.weight - a.weight);
    return out.slice(0, k).filter((e) => e.weight > 0);
  }
}

/** `"«باقيه» +1.84"`: an explanation entry as shown in `evidence` fields. */
export const formatNgramWeight = (e: NgramWeight): string =>
  `«${e.ngram}» ${e.weight >= 0 ? '+' : ''}${e.weight.toFixed(2)}`;

export { MAX_TEXT_CHARS };
