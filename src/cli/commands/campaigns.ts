import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { replayCampaigns } from '../../coordination/index.js';
import { campaignLine } from '../../pipeline/records.js';
import { ValidationError } from '../../errors.js';
import { withContext } from '../context.js';

interface CampaignsCliOptions {
  since: string;
  until: string;
  out?: string;
}

const isoOption = (value: string, field: string): string => {
  const t = Date.parse(value);
  if (Number.isNaN(t))
    throw new ValidationError(`--${field}: not a date/time: ${JSON.stringify(value)}`, { field });
  return new Date(t).toISOString();
};

export const registerCampaignsCommand = (program: Command): void => {
  program
    .command('campaigns')
    .description('replay the stored events of a time range through the coordination detectors (batch mode)')
    .requiredOption('--since <iso>', 'start of the range (inclusive), e.g. 2025-03-03T00:00:00Z')
    .requiredOption('--until <iso>', 'end of the range (exclusive)')
    .option('--out <file>', 'write campaigns as NDJSON here instead of stdout')
    .action(async (o: CampaignsCliOptions, cmd: Command) => {
      const since = isoOption(o.since, 'since');
      const until = isoOption(o.until, 'until');
      if (until <= since) throw new ValidationError('--until must be after --since', { field: 'until' });
      await withContext(cmd, async (ctx) => {
        const result = await replayCampaigns(ctx.db, { since, until });
        const text = result.campaigns.map((c) => `${campaignLine(c)}\n`).join('');
        if (o.out) {
          await writeFile(o.out, text);
          process.stderr.write(
            `${result.campaigns.length} campaigns from ${result.events} events; wrote ${o.out}\n`,
          );
        } else process.stdout.write(text);
      });
    });
};
