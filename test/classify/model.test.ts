import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  chooseThreshold,
  decodeModel,
  defaultModelPath,
  encodeModel,
  expectedCalibrationError,
  Featurizer,
  fitTemperature,
  headerFor,
  probabilities,
  TextModel,
  trainLinear,
  type FeatureParams,
} from '../../src/classify/index.js';
import { mulberry32 } from '../../src/classify/hash.js';
import { heldOut, tinyCorpus } from './fixtures.js';

const SMALL: FeatureParams = { buckets: 1 << 16, wordNgrams: 2, charMin: 2, charMax: 5, seed: 0 };

const trainTiny = (seed = 1): TextModel => {
  const r = trainLinear(tinyCorpus(), { features: SMALL, epochs: 8, seed });
  return new TextModel(
    { ...headerFor(r.labels, { features: SMALL, positiveLabel: 'sport', dtype: 'f32' }) },
    r.weights,
  );
};

describe('feature hashing', () => {
  it('hashes word 1-2-grams and char 2-5-grams inside and across word boundaries', () => {
    const f = new Featurizer(SMALL);
    const { names } = f.extractNamed(['ab', 'cd']);
    const all = new Set([...names.values()].flat());
    for (const g of ['ab', 'cd', 'ab cd', ' a', 'ab ', 'b c', 'b cd ', ' ab c', 'cd '])
      expect(all).toContain(g);
    expect(all).not.toContain('abcd');
  });

  it('computes the same features on the fast path as on the explanation path', () => {
    const words = ['الدولة', 'في', 'hello', 'world', 'hello', 'ههه'];
    const params = { ...SMALL, wordShare: 0.4 };
    const fast = new Featurizer(params).extract(words);
    const named = new Featurizer(params).extractNamed(words).vector;
    const sq = Array.from(fast.val).reduce((a, v) => a + v * v, 0);
    expect(sq).toBeCloseTo(1, 5);
    const asMap = (v: typeof fast): Map<number, number> =>
      new Map(Array.from(v.idx, (b, i) => [b, v.val[i]!]));
    expect(asMap(fast)).toEqual(asMap(named));
  });

  it('gives the same buckets to the same text and an L2-normalised vector with sublinear counts', () => {
    const f = new Featurizer(SMALL);
    const a = f.extract(['rain', 'rain', 'rain', 'wind']);
    const idx = Array.from(a.idx);
    const val = Array.from(a.val);
    expect(val.reduce((s, v) => s + v * v, 0)).toBeCloseTo(1, 5);
    expect(new Set(idx).size).toBe(idx.length); // each bucket once
    const again = f.extract(['rain', 'rain', 'rain', 'wind']);
    expect(Array.from(again.idx)).toEqual(idx);
    // the repeated word's unigram weighs (1 + ln 3) times a single n-gram's
    const { vector, names } = new Featurizer(SMALL).extractNamed(['rain', 'rain', 'rain', 'wind']);
    const bucketOf = (g: string): number => [...names.entries()].find(([, ns]) => ns.includes(g))![0];
    const valOf = (b: number): number => vector.val[Array.from(vector.idx).indexOf(b)]!;
    expect(valOf(bucketOf('rain')) / valOf(bucketOf('wind'))).toBeCloseTo(1 + Math.log(3), 4);
  });
});

describe('training', () => {
  it('learns a tiny three-label corpus in Arabic and English', () => {
    const m = trainTiny();
    for (const ex of tinyCorpus()) expect(m.classify(ex.text).label).toBe(ex.label);
    const right = heldOut.filter((ex) => m.classify(ex.text).label === ex.label).length;
    expect(right).toBeGreaterThanOrEqual(5);
    const s = m.classify(heldOut[0]!.text).scores;
    expect(Object.values(s).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
  });

  it('is reproducible with a seed and changes with another seed', () => {
    const a = trainLinear(tinyCorpus(), { features: SMALL, epochs: 3, seed: 7 });
    const b = trainLinear(tinyCorpus(), { features: SMALL, epochs: 3, seed: 7 });
    const c = trainLinear(tinyCorpus(), { features: SMALL, epochs: 3, seed: 8 });
    expect(Buffer.from(a.weights.weights.buffer).equals(Buffer.from(b.weights.weights.buffer))).toBe(true);
    expect(Buffer.from(a.weights.weights.buffer).equals(Buffer.from(c.weights.weights.buffer))).toBe(false);
  });

  it('rejects a corpus with a single label', () => {
    expect(() => trainLinear([{ text: 'a', label: 'x' }], { features: SMALL })).toThrow(/two labels/);
  });
});

describe('calibration', () => {
  it('fits a temperature above 1 that lowers the ECE of an over-confident model', () => {
    const rand = mulberry32(3);
    const n = 4000;
    const k = 3;
    const logits = new Float64Array(n * k);
    const labels = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const predicted = Math.floor(rand() * k);
      // right 70% of the time but with logits that claim ~99.9%
      labels[i] = rand() < 0.7 ? predicted : (predicted + 1 + Math.floor(rand() * (k - 1))) % k;
      for (let c = 0; c < k; c++) logits[i * k + c] = c === predicted ? 8 + rand() : rand();
    }
    const before = expectedCalibrationError(probabilities(logits, k, 1), labels, k);
    const t = fitTemperature(logits, labels, k);
    const after = expectedCalibrationError(probabilities(logits, k, t), labels, k);
    expect(t).toBeGreaterThan(1.5);
    expect(before).toBeGreaterThan(0.2);
    expect(after).toBeLessThan(0.05);
  });
});

describe('operating threshold', () => {
  it('picks the lowest threshold whose precision reaches the target', () => {
    const scores = [0.95, 0.9, 0.8, 0.7, 0.6, 0.5, 0.4];
    const positives = [true, true, false, true, true, false, false];
    // precision at 0.6 is 4/5 = 0.8, at 0.5 it is 4/6
    expect(chooseThreshold(scores, positives, 0.8)?.threshold).toBe(0.6);
    expect(chooseThreshold(scores, positives, 1)?.threshold).toBe(0.9);
    expect(chooseThreshold(scores, [false, false, false, false, false, false, false], 0.5)).toBeNull();
  });
});

describe('decision', () => {
  it('labels a text with the positive label only when it is flagged', () => {
    const m = trainTiny();
    const text = 'the striker scored a goal in the match';
    const below = new TextModel({ ...m.header, threshold: 0.999 }, m.weights).classify(text);
    expect(below.scores['sport']).toBeGreaterThan(0.5);
    expect(below.flagged).toBe(false);
    expect(below.label).not.toBe('sport');
    const above = new TextModel({ ...m.header, threshold: 0.3 }, m.weights).classify(text);
    expect(above).toMatchObject({ label: 'sport', flagged: true });
  });
});

describe('explanations', () => {
  it('lists n-grams of the text that pushed it towards the decided label, strongest first', () => {
    const m = trainTiny();
    const text = 'the striker scored a goal in the match';
    const ex = m.explain(text, 6);
    expect(ex.length).toBeGreaterThan(0);
    for (let i = 1; i < ex.length; i++) expect(ex[i]!.weight).toBeLessThanOrEqual(ex[i - 1]!.weight);
    for (const e of ex) {
      expect(e.weight).toBeGreaterThan(0);
      for (const g of e.ngram.split(' | ')) expect(` ${text} `).toContain(g);
    }
    expect(ex.some((e) => /goal|scored|match|striker/.test(e.ngram))).toBe(true);
  });
});

describe('model file', () => {
  it('round-trips exactly with float32 weights and within 1e-3 with float16', () => {
    const m = trainTiny();
    const header = { ...m.header, threshold: 0.42, temperature: 1.3 };
    const exact = decodeModel(encodeModel(header, m.weights));
    expect(exact.threshold).toBe(0.42);
    expect(exact.labels).toEqual(m.labels);
    const orig = new TextModel(header, m.weights);
    const half = decodeModel(encodeModel({ ...header, dtype: 'f16' }, m.weights));
    for (const ex of heldOut) {
      expect(exact.classify(ex.text)).toEqual(orig.classify(ex.text));
      const a = orig.classify(ex.text).scores;
      const b = half.classify(ex.text).scores;
      for (const l of m.labels) expect(Math.abs(a[l]! - b[l]!)).toBeLessThan(1e-3);
    }
  });

  it('refuses a file that is not a model', () => {
    expect(() => decodeModel(Buffer.from('hello world, not a model'))).toThrow(/not a Marsad text model/);
  });
});

describe('default model path', () => {
  it('is the shipped model unless MARSAD_MODEL_PATH names another', () => {
    expect(defaultModelPath({})).toMatch(/models\/marsad-text-v1\.bin$/);
    expect(existsSync(defaultModelPath({}))).toBe(true);
    expect(defaultModelPath({ MARSAD_MODEL_PATH: '/elsewhere/m.bin' })).toBe('/elsewhere/m.bin');
  });
});
