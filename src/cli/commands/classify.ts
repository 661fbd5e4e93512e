import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import { defaultModelPath, loadTextModel } from '../../classify/index.js';
import { ExitCodeError } from '../context.js';

interface ClassifyCliOptions {
  input: string;
  output: string;
  model?: string;
}

/** Why a line cannot be classified, or null when it is a valid `{id, text, lang?}`. */
const lineProblem = (value: unknown): string | null => {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return 'expected a JSON object {id, text, lang?}';
  const v = value as Record<string, unknown>;
  if (typeof v['id'] !== 'string' && typeof v['id'] !== 'number')
    return 'field "id" must be a string or a number';
  if (typeof v['text'] !== 'string') return 'field "text" must be a string';
  if (v['lang'] !== undefined && v['lang'] !== null && typeof v['lang'] !== 'string')
    return 'field "lang" must be a string';
  return null;
};

export const registerClassifyCommand = (program: Command): void => {
  program
    .command('classify')
    .description(
      'classify texts: NDJSON {id, text, lang?} in, {id, label, scores, flagged, review?} out, in input order',
    )
    .requiredOption('--input <file>', 'input NDJSON ("-" for stdin)')
    .requiredOption('--output <file>', 'output NDJSON ("-" for stdout)')
    .option('--model <file>', 'model file (default: the shipped model, or MARSAD_MODEL_PATH)')
    .action(async (o: ClassifyCliOptions) => {
      const model = await loadTextModel(o.model ?? defaultModelPath());
      if (!model.normalizerMatches)
        process.stderr.write(
          'warning: the text normaliser changed since this model was trained; retrain it (npm run train:default)\n',
        );
      const input = o.input === '-' ? process.stdin : createReadStream(o.input);
      if (o.input !== '-') {
        await once(input, 'open').catch((err: Error) => {
          throw new ExitCodeError(1, `marsad classify: cannot read ${o.input}: ${err.message}`);
        });
      }
      const output = o.output === '-' ? process.stdout : createWriteStream(o.output);
      if (o.output !== '-') {
        await once(output, 'open').catch((err: Error) => {
          if (input !== process.stdin) input.destroy();
          throw new ExitCodeError(1, `marsad classify: cannot write ${o.output}: ${err.message}`);
        });
      }
      const lines = createInterface({ input, crlfDelay: Infinity });
      let lineNo = 0;
      let failed = 0;
      let chunk = '';
      const flush = async (): Promise<void> => {
        if (chunk && !output.write(chunk)) await once(output, 'drain');
        chunk = '';
      };
      for await (const raw of lines) {
        lineNo++;
        if (raw.trim() === '') continue; // blank lines (e.g. a trailing newline) are not records
        let value: unknown;
        try {
          value = JSON.parse(raw);
        } catch (err) {
          failed++;
          process.stderr.write(`${o.input}:${lineNo}: invalid JSON: ${(err as Error).message}\n`);
          continue;
        }
        const problem = lineProblem(value);
        if (problem) {
          failed++;
          process.stderr.write(`${o.input}:${lineNo}: ${problem}\n`);
          continue;
        }
        const v = value as { id: string | number; text: string; lang?: string };
        const r = model.classify(v.text, v.lang ?? undefined);
        // `review` (an extra field, allowed by the contract) only when set: see TextModel.classify.
        const line = {
          id: v.id,
          label: r.label,
          scores: r.scores,
          flagged: r.flagged,
          ...(r.review ? { review: true } : {}),
        };
        chunk += `${JSON.stringify(line)}\n`;
        if (chunk.length > 1 << 16) await flush();
      }
      await flush();
      if (output !== process.stdout) {
        output.end();
        await once(output, 'finish');
      }
      if (failed > 0)
        throw new ExitCodeError(
          1,
          `marsad classify: ${failed} of ${lineNo} lines could not be classified (see above); the others were written`,
        );
    });
};
