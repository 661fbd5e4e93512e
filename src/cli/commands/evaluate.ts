import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { evaluateFiles, formatEvaluation } from '../../sim/index.js';

interface EvaluateCliOptions {
  truth: string;
  out: string;
  json?: string;
  stream?: string;
}

export const registerEvaluateCommand = (program: Command): void => {
  program
    .command('evaluate')
    .description(
      'score detect outputs (posts/accounts/evasion/campaigns.ndjson) against a simulation truth.json',
    )
    .requiredOption('--truth <file>', 'truth.json written by marsad simulate')
    .requiredOption('--out <dir>', 'directory with the outputs of marsad detect')
    .option('--json <file>', 'where to write the metrics as JSON (default DIR/evaluation.json)')
    .option('--stream <file>', 'the simulated stream (default stream.ndjson next to truth.json)')
    .action(async (o: EvaluateCliOptions) => {
      const run = await evaluateFiles({
        truthPath: o.truth,
        detectDir: o.out,
        ...(o.stream ? { streamPath: o.stream } : {}),
      });
      const jsonPath = o.json ?? path.join(o.out, 'evaluation.json');
      await mkdir(path.dirname(jsonPath), { recursive: true });
      await writeFile(jsonPath, `${JSON.stringify({ ...run.report, files: run.files }, null, 2)}\n`);
      process.stdout.write(formatEvaluation(run));
      process.stdout.write(`\nwrote ${jsonPath}\n`);
    });
};
