import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { InvalidArgumentError, type Command } from 'commander';
import { countQuarantine, iterateQuarantine, listQuarantine } from '../../ingest/quarantine.js';
import { withContext } from '../context.js';

const parseLimit = (value: string): number => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a positive whole number');
  return n;
};

// One line per record; the raw text is shown escaped and cut, `export` gives it whole.
const oneLine = (s: string, max: number): string => {
  // eslint-disable-next-line no-control-regex
  const flat = s.replace(/[\u0000-\u001f\u007f]+/g, ' ');
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
};

const write = async (out: Writable, text: string): Promise<void> => {
  if (!out.write(text)) await once(out, 'drain');
};

export const registerQuarantineCommand = (program: Command): void => {
  const quarantine = program
    .command('quarantine')
    .description('records that could not be stored, with the reason');

  quarantine
    .command('list')
    .description('show quarantined records: where they came from, the field and the reason')
    .option('--limit <n>', 'records to show', parseLimit, 50)
    .option('--source <file>', 'only records of this input (as it was given to ingest)')
    .action(async (opts: { limit: number; source?: string }, cmd: Command) => {
      await withContext(cmd, async (ctx) => {
        const source = opts.source;
        const rows = await listQuarantine(ctx.db, {
          limit: opts.limit,
          ...(source !== undefined ? { source } : {}),
        });
        const total = await countQuarantine(ctx.db, source);
        if (rows.length === 0) {
          process.stdout.write('no quarantined records\n');
          return;
        }
        const table = rows.map((r) => ({
          id: String(r.id),
          where: `${r.source}:${r.line}`,
          field: r.field || '-',
          reason: oneLine(r.reason, 90),
          raw: oneLine(r.raw, 50),
        }));
        const cols = ['id', 'where', 'field', 'reason', 'raw'] as const;
        const width = Object.fromEntries(
          cols.map((c) => [c, Math.max(c.length, ...table.map((t) => t[c].length))]),
        );
        const line = (t: Record<(typeof cols)[number], string>): string =>
          cols.map((c, i) => (i === cols.length - 1 ? t[c] : t[c].padEnd(width[c] ?? 0))).join('  ');
        let out = `${line({ id: 'id', where: 'where', field: 'field', reason: 'reason', raw: 'raw' })}\n`;
        for (const t of table) out += `${line(t)}\n`;
        if (total > rows.length)
          out += `(${rows.length} of ${total.toLocaleString('en-US')}; use --limit or \`marsad quarantine export\`)\n`;
        process.stdout.write(out);
      });
    });

  quarantine
    .command('export')
    .description('write every quarantined record as NDJSON, with its whole raw text')
    .option('--out <file>', 'output file (default standard output)')
    .option('--source <file>', 'only records of this input')
    .action(async (opts: { out?: string; source?: string }, cmd: Command) => {
      await withContext(cmd, async (ctx) => {
        const out: Writable = opts.out !== undefined ? createWriteStream(opts.out) : process.stdout;
        let n = 0;
        for await (const r of iterateQuarantine(ctx.db, opts.source)) {
          const record = {
            id: Number(r.id),
            source: r.source,
            line: r.line,
            offset: r.byte_offset,
            field: r.field,
            reason: r.reason,
            raw: r.raw,
            raw_length: r.raw_length,
            raw_truncated: Buffer.byteLength(r.raw) < r.raw_length,
            received_at: r.received_at,
          };
          await write(out, `${JSON.stringify(record)}\n`);
          n += 1;
        }
        if (opts.out !== undefined) {
          out.end();
          await once(out, 'finish');
          process.stderr.write(`wrote ${n.toLocaleString('en-US')} quarantined records to ${opts.out}\n`);
        }
      });
    });
};
