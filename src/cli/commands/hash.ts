import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { SingleBar } from 'cli-progress';
import { InvalidArgumentError, type Command } from 'commander';
import { errorMessage } from '../../errors.js';
import { DEFAULT_MAX_PIXELS, DIHEDRALS, pdqHashImage, textHash, type PdqResult } from '../../match/index.js';
import { ExitCodeError } from '../context.js';

const parsePositive = (value: string): number => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a positive whole number');
  return n;
};

const csvCell = (v: string): string => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

const imageLine = (path: string, r: PdqResult, dihedral: boolean): string =>
  dihedral && r.dihedral
    ? [csvCell(path), String(r.quality), ...DIHEDRALS.map((d) => r.dihedral![d])].join(',')
    : [csvCell(path), r.hash, String(r.quality)].join(',');

interface ImageOpts {
  csv?: boolean;
  dihedral?: boolean;
  fullRes?: boolean;
  maxPixels: number;
}

const hashImages = async (files: string[], opts: ImageOpts): Promise<void> => {
  const dihedral = opts.dihedral === true;
  if (opts.csv) {
    process.stdout.write(dihedral ? `path,quality,${DIHEDRALS.join(',')}\n` : 'path,hash_hex,quality\n');
  }
  const bar =
    process.stderr.isTTY && files.length > 10
      ? new SingleBar({
          format: 'hashing [{bar}] {value}/{total} images | {rate} img/s | ETA {eta}s',
          stream: process.stderr,
        })
      : null;
  const started = Date.now();
  bar?.start(files.length, 0, { rate: '0' });
  let failed = 0;
  // Two images in flight: one decodes on libvips threads while the other's PDQ core runs here.
  type Settled = { ok: true; r: PdqResult } | { ok: false; err: unknown };
  const run = (f: string): Promise<Settled> =>
    pdqHashImage(f, { convention: opts.fullRes ? 'core' : 'tool', maxPixels: opts.maxPixels, dihedral }).then(
      (r) => ({ ok: true, r }),
      (err: unknown) => ({ ok: false, err }),
    );
  let next: Promise<Settled> | undefined = files[0] !== undefined ? run(files[0]) : undefined;
  for (let i = 0; i < files.length; i++) {
    const current = next!;
    const following = files[i + 1];
    next = following !== undefined ? run(following) : undefined;
    const res = await current;
    if (res.ok) process.stdout.write(`${imageLine(files[i]!, res.r, dihedral)}\n`);
    else {
      failed++;
      process.stderr.write(`marsad hash: ${errorMessage(res.err)}\n`);
    }
    bar?.update(i + 1, { rate: ((i + 1) / Math.max(0.001, (Date.now() - started) / 1000)).toFixed(1) });
  }
  bar?.stop();
  if (failed > 0) throw new ExitCodeError(1, `${failed} of ${files.length} images could not be hashed`);
};

const hashTextInput = async (path: string): Promise<void> => {
  const rl = createInterface({
    input: createReadStream(path, { encoding: 'utf8' }),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  let line = 0;
  let bad = 0;
  for await (const text of rl) {
    line++;
    if (text.trim() === '') continue;
    let rec: unknown;
    try {
      rec = JSON.parse(text);
    } catch (err) {
      bad++;
      process.stderr.write(`${path}:${line}: not JSON: ${errorMessage(err)}\n`);
      continue;
    }
    const r = rec as Record<string, unknown>;
    if (typeof rec !== 'object' || rec === null || typeof r['text'] !== 'string') {
      bad++;
      process.stderr.write(`${path}:${line}: text: must be a string\n`);
      continue;
    }
    process.stdout.write(`${JSON.stringify({ id: r['id'] ?? null, text_hash: textHash(r['text']) })}\n`);
  }
  if (bad > 0) throw new ExitCodeError(1, `${bad} lines of ${path} could not be hashed`);
};

export const registerHashCommand = (program: Command): void => {
  const hash = program.command('hash').description('compute PDQ image hashes and text near-duplicate hashes');

  hash
    .command('image')
    .description(
      'PDQ hash of image files: prints path,hash_hex,quality (64 hex chars, as the reference tool)',
    )
    .argument('<files...>', 'image files (JPEG, PNG, WebP, …)')
    .option('--csv', 'print a header line first')
    .option(
      '--dihedral',
      'print the 8 dihedral hashes: path,quality,orig,rot90,rot180,rot270,flipx,flipy,flipp,flipm',
    )
    .option(
      '--full-res',
      'hash full-resolution pixels (Java/pdqhash convention) instead of the tool’s 512×512 pre-resize',
    )
    .option('--max-pixels <n>', 'refuse images with more pixels than this', parsePositive, DEFAULT_MAX_PIXELS)
    .action(async (files: string[], opts: ImageOpts) => {
      await hashImages(files, opts);
    });

  hash
    .command('text')
    .description(
      'text MinHash (512 hex chars) of each TEXT, or NDJSON {id, text_hash} for each {id, text} line of --input',
    )
    .argument('[texts...]', 'texts to hash')
    .option('--input <file>', 'NDJSON file of {id, text} lines')
    .action(async (texts: string[], opts: { input?: string }) => {
      if (opts.input === undefined && texts.length === 0)
        throw new ExitCodeError(2, 'marsad hash text: give TEXT arguments or --input FILE.ndjson');
      for (const t of texts) process.stdout.write(`${textHash(t)}\n`);
      if (opts.input !== undefined) await hashTextInput(opts.input);
    });
};
