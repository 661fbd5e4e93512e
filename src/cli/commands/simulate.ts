import { SingleBar, Presets } from 'cli-progress';
import type { Command } from 'commander';
import { SCALES, writeSimulation, type Scale } from '../../sim/index.js';
import { ExitCodeError } from '../context.js';

interface SimulateCliOptions {
  scenario: string;
  seed: string;
  scale: string;
  out: string;
  texts?: string[];
  days?: string;
}

export const registerSimulateCommand = (program: Command): void => {
  program
    .command('simulate')
    .description('write a simulated stream (DIR/stream.ndjson) with its ground truth (DIR/truth.json)')
    .option('--scenario <name>', 'scenario', 'default')
    .option('--seed <n>', 'PRNG seed (same seed, same bytes)', '1')
    .option('--scale <scale>', `one of ${SCALES.join(', ')}`, 'small')
    .requiredOption('--out <dir>', 'output directory')
    .option(
      '--texts <files...>',
      'labelled NDJSON texts ({text, label, lang}; .gz allowed) instead of the built-in templates',
    )
    .option('--days <n>', 'number of days (default: per scale)')
    .action(async (o: SimulateCliOptions) => {
      const seed = Number(o.seed);
      if (!Number.isSafeInteger(seed))
        throw new ExitCodeError(2, `--seed must be an integer, got "${o.seed}"`);
      if (!(SCALES as readonly string[]).includes(o.scale))
        throw new ExitCodeError(2, `--scale must be one of ${SCALES.join(', ')}, got "${o.scale}"`);
      const days = o.days === undefined ? undefined : Number(o.days);
      if (days !== undefined && !(Number.isInteger(days) && days >= 1))
        throw new ExitCodeError(2, `--days must be a positive integer, got "${o.days}"`);
      const tty = process.stderr.isTTY === true;
      const bar = tty
        ? new SingleBar(
            {
              stream: process.stderr,
              format:
                'simulate |{bar}| day {value}/{total} | {events} events | {rate} events/s | ETA {eta_formatted}',
              hideCursor: true,
            },
            Presets.shades_classic,
          )
        : undefined;
      const t0 = performance.now();
      let started = false;
      const files = await writeSimulation(
        o.out,
        { scenario: o.scenario, seed, scale: o.scale as Scale, days, texts: o.texts },
        (p) => {
          if (!bar) return;
          if (!started) {
            bar.start(p.days, 0, { events: 0, rate: 0 });
            started = true;
          }
          const rate = Math.round((p.events * 1000) / Math.max(1, performance.now() - t0));
          bar.update(p.day, { events: p.events, rate });
        },
      );
      bar?.stop();
      const secs = (performance.now() - t0) / 1000;
      const t = files.result;
      const skipped = Object.entries(files.skippedTexts).filter(([, n]) => n > 0);
      process.stdout.write(
        `${t.counts.events} events (${t.counts.accounts} accounts, ${t.counts.posts} posts, ${t.counts.follows} follows, ${t.counts.enforcement} suspensions) in ${secs.toFixed(1)} s\n` +
          `extremist accounts ${t.extremist_accounts.length}, re-created ${t.recreated_accounts.length}, campaigns ${t.campaigns.length}, extremist posts ${t.extremist_post_ids.length}\n` +
          (skipped.length > 0
            ? `unusable text lines skipped: ${skipped.map(([f, n]) => `${f}: ${n}`).join(', ')}\n`
            : '') +
          `wrote ${files.stream} and ${files.truth}\n`,
      );
    });
};
