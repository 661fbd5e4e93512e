import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { InvalidArgumentError, type Command } from 'commander';
import {
  BankService,
  EXCHANGE_FORMATS,
  exportHeader,
  exportLine,
  formatFromPath,
  guessSignal,
  importBankFile,
  parseSignalType,
  pdqHashImage,
  signalValueProblem,
  textHash,
  type EntryInput,
  type ExchangeFormat,
  type SignalType,
} from '../../match/index.js';
import { ExitCodeError, withContext } from '../context.js';

const parseFormat = (value: string): ExchangeFormat => {
  if (!(EXCHANGE_FORMATS as readonly string[]).includes(value)) {
    throw new InvalidArgumentError(`expected one of ${EXCHANGE_FORMATS.join(', ')}`);
  }
  return value as ExchangeFormat;
};

const parseSignal = (value: string): SignalType => {
  const s = parseSignalType(value);
  if (!s) throw new InvalidArgumentError('expected pdq, text, md5, video_md5 or sha256');
  return s;
};

const write = async (out: Writable, text: string): Promise<void> => {
  if (!out.write(text)) await once(out, 'drain');
};

/** The signal of a hash given on the command line: --signal, else guessed from its length. */
const signalOf = (hash: string, given?: SignalType): SignalType => {
  const signal = given ?? guessSignal(hash);
  if (!signal)
    throw new ExitCodeError(
      2,
      `hash: cannot tell the signal type of a ${hash.length}-character value; give --signal`,
    );
  const problem = signalValueProblem(signal, hash);
  if (problem) throw new ExitCodeError(2, `hash: ${problem}`);
  return signal;
};

interface AddOpts {
  pdq?: string;
  text?: string;
  textHash?: string;
  image?: string;
  md5?: string;
  sha256?: string;
  label?: string;
  source?: string;
  reason?: string;
  by?: string;
}

const entryFromAdd = async (opts: AddOpts): Promise<{ entry: Omit<EntryInput, 'label'>; note?: string }> => {
  const given = [opts.pdq, opts.text, opts.textHash, opts.image, opts.md5, opts.sha256].filter(
    (v) => v !== undefined,
  );
  if (given.length !== 1)
    throw new ExitCodeError(2, 'give exactly one of --pdq, --text, --text-hash, --image, --md5, --sha256');
  const check = (signal: SignalType, value: string, field: string): { signal: SignalType; value: string } => {
    const problem = signalValueProblem(signal, value);
    if (problem) throw new ExitCodeError(2, `${field}: ${problem}`);
    return { signal, value: value.toLowerCase() };
  };
  if (opts.pdq !== undefined) return { entry: check('pdq', opts.pdq, '--pdq') };
  if (opts.textHash !== undefined) return { entry: check('text', opts.textHash, '--text-hash') };
  if (opts.md5 !== undefined) return { entry: check('md5', opts.md5, '--md5') };
  if (opts.sha256 !== undefined) return { entry: check('sha256', opts.sha256, '--sha256') };
  if (opts.text !== undefined) {
    if (opts.text.trim() === '') throw new ExitCodeError(2, '--text: must not be empty');
    return { entry: { signal: 'text', value: textHash(opts.text) } };
  }
  const r = await pdqHashImage(opts.image!);
  const note =
    r.quality < 50
      ? `warning: quality ${r.quality} < 50: this hash is unreliable and is ignored by matching`
      : undefined;
  return { entry: { signal: 'pdq', value: r.hash, quality: r.quality }, ...(note ? { note } : {}) };
};

export const registerBankCommand = (program: Command): void => {
  const bank = program
    .command('bank')
    .description('hash banks of known content (positive) and known-benign content (negative)');

  bank
    .command('create')
    .description('create a bank')
    .argument('<name>', 'bank name')
    .option('--negative', 'a negative bank: its matches suppress positive matches of the same content')
    .option('--description <text>', 'what the bank holds', '')
    .action(async (name: string, opts: { negative?: boolean; description: string }, cmd: Command) => {
      await withContext(cmd, async (ctx) => {
        const b = await new BankService(ctx.database).createBank(name, {
          kind: opts.negative ? 'negative' : 'positive',
          description: opts.description,
        });
        process.stdout.write(`created ${b.kind} bank "${b.name}"\n`);
      });
    });

  bank
    .command('list')
    .description('list banks with their entry counts')
    .action(async (_opts: unknown, cmd: Command) => {
      await withContext(cmd, async (ctx) => {
        const banks = await new BankService(ctx.database).listBanks();
        if (banks.length === 0) {
          process.stdout.write('no banks (create one with `marsad bank create NAME`)\n');
          return;
        }
        const w = Math.max(4, ...banks.map((b) => b.name.length));
        let out = `${'name'.padEnd(w)}  kind      entries  created_at                description\n`;
        for (const b of banks) {
          out += `${b.name.padEnd(w)}  ${b.kind.padEnd(8)}  ${String(b.entries).padStart(7)}  ${b.created_at.padEnd(24)}  ${b.description}\n`;
        }
        process.stdout.write(out);
      });
    });

  bank
    .command('import')
    .description(
      'import hashes from a file; bad lines are reported with line and field, the others still land',
    )
    .argument('<name>', 'bank name')
    .argument('<file>', 'file to import')
    .option(
      '--format <format>',
      `${EXCHANGE_FORMATS.join(' | ')} (default: from the file name; .ndjson → ndjson, .hma.csv → hma, else csv)`,
      parseFormat,
    )
    .action(async (name: string, file: string, opts: { format?: ExchangeFormat }, cmd: Command) => {
      await withContext(cmd, async (ctx) => {
        const format = opts.format ?? formatFromPath(file);
        const tty = process.stderr.isTTY === true;
        const started = Date.now();
        const report = await importBankFile(new BankService(ctx.database), name, file, format, (lines) => {
          if (!tty) return;
          const rate = lines / Math.max(0.001, (Date.now() - started) / 1000);
          process.stderr.write(
            `\rimporting: ${lines.toLocaleString('en-US')} lines, ${rate.toFixed(0)} lines/s`,
          );
        });
        if (tty) process.stderr.write('\n');
        for (const r of report.rejected.slice(0, 100))
          process.stderr.write(`${file}:${r.line}: ${r.field}: ${r.reason}\n`);
        if (report.rejected.length > 100)
          process.stderr.write(`… and ${report.rejected.length - 100} more rejected lines\n`);
        process.stdout.write(
          `bank "${name}": ${report.added} added, ${report.duplicates} already present, ${report.rejected.length} rejected (of ${report.lines} lines)\n`,
        );
        if (report.rejected.length > 0) throw new ExitCodeError(1);
      });
    });

  bank
    .command('export')
    .description('export a bank with all metadata')
    .argument('<name>', 'bank name')
    .option('--format <format>', EXCHANGE_FORMATS.join(' | '), parseFormat, 'csv' as ExchangeFormat)
    .option('--out <file>', 'output file (default standard output)')
    .action(async (name: string, opts: { format: ExchangeFormat; out?: string }, cmd: Command) => {
      await withContext(cmd, async (ctx) => {
        const service = new BankService(ctx.database);
        await service.getBank(name);
        const out: Writable = opts.out !== undefined ? createWriteStream(opts.out) : process.stdout;
        const header = exportHeader(opts.format);
        if (header) await write(out, `${header}\n`);
        let n = 0;
        for await (const e of service.entries(name)) {
          await write(out, `${exportLine(opts.format, e)}\n`);
          n++;
        }
        if (out !== process.stdout) {
          out.end();
          await once(out, 'finish');
          process.stderr.write(`exported ${n} entries of bank "${name}" to ${opts.out}\n`);
        }
      });
    });

  bank
    .command('add')
    .description('add one hash (given, or computed from --text / --image) to a bank')
    .argument('<name>', 'bank name')
    .option('--pdq <hex>', 'a PDQ hash (64 hex chars)')
    .option('--text <text>', 'a text to hash with the text MinHash')
    .option('--text-hash <hex>', 'a text MinHash (512 hex chars)')
    .option('--image <file>', 'an image to hash with PDQ')
    .option('--md5 <hex>', 'an MD5 of a file')
    .option('--sha256 <hex>', 'a SHA-256 of a file')
    .option('--label <label>', 'what the content is', '')
    .option('--source <source>', 'where the hash came from', '')
    .option('--reason <reason>', 'why it is in the bank', '')
    .option('--by <who>', 'who adds it', '')
    .action(async (name: string, opts: AddOpts, cmd: Command) => {
      await withContext(cmd, async (ctx) => {
        const { entry, note } = await entryFromAdd(opts);
        if (note) process.stderr.write(`${note}\n`);
        const r = await new BankService(ctx.database).addEntries(name, [
          {
            ...entry,
            label: opts.label ?? '',
            source: opts.source ?? '',
            reason: opts.reason ?? '',
            added_by: opts.by ?? '',
          },
        ]);
        process.stdout.write(`${r.added ? 'added' : 'already present'}: ${entry.signal} ${entry.value}\n`);
      });
    });

  bank
    .command('remove')
    .description('remove a hash from a bank')
    .argument('<name>', 'bank name')
    .argument('<hash>', 'the hash value')
    .option('--signal <type>', 'only entries of this signal type', parseSignal)
    .action(async (name: string, hash: string, opts: { signal?: SignalType }, cmd: Command) => {
      await withContext(cmd, async (ctx) => {
        const n = await new BankService(ctx.database).removeEntry(name, hash, opts.signal);
        process.stdout.write(`removed ${n} entr${n === 1 ? 'y' : 'ies'} from bank "${name}"\n`);
      });
    });

  bank
    .command('verdict')
    .description("record a reviewer's verdict on a match: --reject stops it recurring, --confirm keeps it")
    .argument('<name>', 'bank name')
    .argument('<hash>', 'the bank entry hash, or the matched content hash')
    .option('--confirm', 'the match is right')
    .option('--reject', 'the match is wrong: stop matching this (bank, hash)')
    .option('--post <id>', 'the post the verdict is about')
    .option('--signal <type>', 'signal type (default: from the hash length; 64 hex = pdq)', parseSignal)
    .option('--by <who>', 'reviewer', '')
    .option('--note <text>', 'note', '')
    .action(
      async (
        name: string,
        hash: string,
        opts: {
          confirm?: boolean;
          reject?: boolean;
          post?: string;
          signal?: SignalType;
          by: string;
          note: string;
        },
        cmd: Command,
      ) => {
        if (opts.confirm === opts.reject)
          throw new ExitCodeError(2, 'give exactly one of --confirm or --reject');
        const signal = signalOf(hash, opts.signal);
        await withContext(cmd, async (ctx) => {
          const v = await new BankService(ctx.database).addVerdict(name, {
            signal,
            value: hash,
            verdict: opts.reject ? 'reject' : 'confirm',
            post_id: opts.post ?? null,
            by: opts.by,
            note: opts.note,
          });
          process.stdout.write(
            `${v.verdict === 'reject' ? 'rejected' : 'confirmed'}: bank "${name}" ${signal} ${v.value}\n`,
          );
        });
      },
    );
};
