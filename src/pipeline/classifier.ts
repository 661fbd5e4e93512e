import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { PostClassification } from './types.js';

/** One text to classify: a post's text, or an account's name and bio. */
export interface ClassifyItem {
  text: string;
  lang?: string | undefined;
  /** Ask for `explain()` evidence when the item is flagged (posts only: it costs time). */
  explain: boolean;
}

/** What the pipeline needs from a text classifier; runs inside a worker thread or inline. */
export interface BatchClassifier {
  classifyBatch(items: ClassifyItem[]): PostClassification[] | Promise<PostClassification[]>;
}

/**
 * How a worker thread gets its classifier: it must be describable in plain data (workers cannot
 * receive functions). `model` loads the text model of src/classify from a file; `module` imports a
 * module exporting `createBatchClassifier(options)` (used by tests and benchmarks for doubles).
 */
export type ClassifierSpec =
  { kind: 'model'; path: string } | { kind: 'module'; url: string; options?: unknown };

/** The subset of src/classify's TextModel the pipeline uses (structural, so no hard dependency). */
interface TextModelLike {
  classify(
    text: string,
    lang?: string,
  ): { label: string; scores: Record<string, number>; flagged: boolean; review?: true };
  explain(text: string, k: number): Array<{ ngram: string; weight: number }>;
}

interface ClassifyModule {
  loadTextModel(path: string): TextModelLike | Promise<TextModelLike>;
}

const EVIDENCE_NGRAMS = 5;

const formatEvidence = (ex: Array<{ ngram: string; weight: number }>): string[] =>
  ex.map((e) => `«${e.ngram}» ${e.weight >= 0 ? '+' : ''}${e.weight.toFixed(2)}`);

/** Wraps a TextModel as a BatchClassifier; explanations only for flagged items that ask for them. */
export const modelBatchClassifier = (model: TextModelLike): BatchClassifier => ({
  classifyBatch: (items) =>
    items.map((item) => {
      const r = model.classify(item.text, item.lang);
      const out: PostClassification = { label: r.label, scores: r.scores, flagged: r.flagged };
      if (r.review) out.review = true;
      if (item.explain && r.flagged) out.evidence = formatEvidence(model.explain(item.text, EVIDENCE_NGRAMS));
      return out;
    }),
});

// Resolved at run time so that the pipeline builds before (and without) src/classify.
const CLASSIFY_MODULE = '../classify/index.js';

export const loadBatchClassifier = async (spec: ClassifierSpec): Promise<BatchClassifier> => {
  if (spec.kind === 'module') {
    const mod = (await import(spec.url)) as {
      createBatchClassifier?: (options: unknown) => BatchClassifier | Promise<BatchClassifier>;
    };
    if (typeof mod.createBatchClassifier !== 'function') {
      throw new TypeError(`${spec.url} does not export createBatchClassifier(options)`);
    }
    return mod.createBatchClassifier(spec.options);
  }
  const here = import.meta.url;
  const specifier = here.endsWith('.ts') ? CLASSIFY_MODULE.replace(/\.js$/, '.ts') : CLASSIFY_MODULE;
  const mod = (await import(new URL(specifier, here).href)) as ClassifyModule;
  return modelBatchClassifier(await mod.loadTextModel(spec.path));
};

/** A module spec from a file path (for tests and benchmarks). */
export const moduleSpec = (file: string, options?: unknown): ClassifierSpec => ({
  kind: 'module',
  url: pathToFileURL(file).href,
  options,
});

/**
 * The text model to use: `--model`, else MARSAD_MODEL_PATH, else src/classify's default shipped
 * model if that module and file exist. Undefined when there is none.
 */
export const resolveModelPath = async (
  explicit?: string,
  configured?: string,
): Promise<string | undefined> => {
  if (explicit !== undefined) return explicit;
  if (configured !== undefined) return configured;
  try {
    const here = import.meta.url;
    const specifier = here.endsWith('.ts') ? CLASSIFY_MODULE.replace(/\.js$/, '.ts') : CLASSIFY_MODULE;
    const mod = (await import(new URL(specifier, here).href)) as { defaultModelPath?: () => string };
    const file = mod.defaultModelPath?.();
    if (file !== undefined && existsSync(file)) return file;
  } catch {
    // src/classify is not there (yet): no default model.
  }
  return undefined;
};
