import { InvalidArgumentError, Option, type Command } from 'commander';
import { parseCsvMapping } from '../../ingest/csv-mapping.js';
import { FORMATS, type CsvMapping, type FormatName } from '../../ingest/index.js';
import { formatSummary, ProgressLine } from '../../ingest/ingest-progress.js';
import {
  DEFAULT_INGEST_BATCH,
  describeQuarantined,
  IngestService,
  type IngestSummary,
} from '../../ingest/ingest-service.js';
import { ExitCodeError, withContext } from '../context.js';

/** Messages printed for quarantined records before the rest are only counted. */
const MAX_MESSAGES = 50;

interface IngestOptions {
  format?: FormatName;
  platform?: string;
  csvMap?: CsvMapping;
  batch: number;
  resume: boolean;
}

// B's parser knows the CSV fields; commander wants InvalidArgumentError for a clean message.
const parseCsvMap = (value: string): CsvMapping => {
  try {
    return parseCsvMapping(value);
  } catch (err) {
    throw new InvalidArgumentError(
      err instanceof Error ? err.message.replace(/^--csv-map: /, '') : String(err),
    );
  }
};

const parseBatch = (value: string): number => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 1_000_000)
    throw new InvalidArgumentError('expected a whole number from 1 to 1,000,000');
  return n;
};

const HELP = `
Exit codes:
  0  every record was stored (or was already stored)
  2  some records were quarantined (see \`marsad quarantine list\`); the others were stored
  1  fatal error (unreadable file, unknown format, database error)

The format is detected from the beginning of each file unless --format is given. A run that was
interrupted (even by kill -9) resumes where its last committed batch ended when run again on the
same unchanged file; ingesting a file again stores nothing twice.

Examples:
  marsad ingest samples/observatory-sample.ndjson
  marsad ingest tweets.jsonl --format twitter
  marsad ingest export.csv --format csv --platform twitter --csv-map id=tweet_id,account_id=user_id,text=tweet_text,created_at=date
  cat events.ndjson | marsad ingest -`;

export const registerIngestCommand = (program: Command): void => {
  program
    .command('ingest')
    .description('read events from files (or - for standard input) into the database')
    .argument('<files...>', 'input files, or - for standard input')
    .addOption(new Option('--format <format>', 'input format (default: detected)').choices([...FORMATS]))
    .option(
      '--platform <platform>',
      'platform of events whose format does not say (CSV, canonical without platform)',
    )
    .option('--csv-map <mapping>', 'CSV column mapping: field=column,… (with --format csv)', parseCsvMap)
    .option('--batch <n>', 'events per transaction', parseBatch, DEFAULT_INGEST_BATCH)
    .option('--no-resume', 'read interrupted files from the start instead of resuming')
    .addHelpText('after', HELP)
    .action(async (files: string[], opts: IngestOptions, cmd: Command) => {
      const summaries: IngestSummary[] = await withContext(cmd, async (ctx) => {
        const progress = new ProgressLine(process.stderr);
        let shown = 0;
        let hidden = 0;
        const service = new IngestService(ctx.database, {
          logger: ctx.logger,
          batchSize: opts.batch,
          onProgress: (p) => progress.update(p),
          onQuarantine: (q) => {
            if (shown < MAX_MESSAGES) {
              progress.message(describeQuarantined(q));
              shown += 1;
            } else hidden += 1;
          },
        });
        const done: IngestSummary[] = [];
        for (const file of files) {
          const summary = await service.ingestFile(file, {
            ...(opts.format !== undefined ? { format: opts.format } : {}),
            ...(opts.platform !== undefined ? { platform: opts.platform } : {}),
            ...(opts.csvMap !== undefined ? { csvMapping: opts.csvMap } : {}),
            resume: opts.resume,
          });
          progress.clear();
          process.stdout.write(`${formatSummary(summary)}\n`);
          done.push(summary);
        }
        if (hidden > 0)
          process.stderr.write(
            `… and ${hidden.toLocaleString('en-US')} more quarantined records: see \`marsad quarantine list\`\n`,
          );
        return done;
      });
      if (summaries.length > 1) {
        const sum = (k: 'read' | 'stored' | 'duplicates' | 'quarantined'): string =>
          summaries.reduce((a, s) => a + s[k], 0).toLocaleString('en-US');
        process.stdout.write(
          `total: read ${sum('read')}, stored ${sum('stored')}, duplicates ${sum('duplicates')}, quarantined ${sum('quarantined')}\n`,
        );
      }
      const quarantined = summaries.reduce((a, s) => a + s.quarantined, 0);
      if (quarantined > 0) throw new ExitCodeError(2);
    });
};
