import { createWriteStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Rng } from './rng.js';
import { simulate, type SimProgress, type SimulateOptions } from './simulate.js';
import { loadCorpus } from './texts.js';
import type { Truth } from './truth.js';

// The file edge of the simulator: DIR/stream.ndjson (streamed with backpressure) and DIR/truth.json.

export interface SimulationFiles {
  stream: string;
  truth: string;
  result: Truth;
  /** Corpus lines that could not be used, per file. */
  skippedTexts: Record<string, number>;
}

export const writeSimulation = async (
  outDir: string,
  opts: Omit<SimulateOptions, 'corpus'> & { texts?: readonly string[] },
  onProgress?: (p: SimProgress) => void,
): Promise<SimulationFiles> => {
  await mkdir(outDir, { recursive: true });
  const corpus =
    opts.texts && opts.texts.length > 0
      ? await loadCorpus(opts.texts, new Rng(opts.seed).fork('corpus'))
      : undefined;
  const streamPath = path.join(outDir, 'stream.ndjson');
  const truthPath = path.join(outDir, 'truth.json');
  const out = createWriteStream(streamPath, { encoding: 'utf8' });
  let failure: Error | undefined;
  out.on('error', (err) => (failure = err));
  const sink = {
    write: (chunk: string): Promise<void> | void => {
      if (failure) throw failure;
      if (out.write(chunk)) return;
      return new Promise<void>((resolve, reject) => {
        const onDrain = (): void => {
          out.off('error', onError);
          resolve();
        };
        const onError = (err: Error): void => {
          out.off('drain', onDrain);
          reject(err);
        };
        out.once('drain', onDrain);
        out.once('error', onError);
      });
    },
  };
  const { texts: _texts, ...simOpts } = opts;
  let result: Truth;
  try {
    result = await simulate(corpus ? { ...simOpts, corpus } : simOpts, sink, onProgress);
  } finally {
    await new Promise<void>((resolve) => out.end(resolve));
  }
  if (failure) throw failure;
  await writeFile(truthPath, `${JSON.stringify(result, null, 1)}\n`);
  return { stream: streamPath, truth: truthPath, result, skippedTexts: corpus?.skipped ?? {} };
};
