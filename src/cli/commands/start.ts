import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { defaultKeyFile, ensureLocalKey } from '../../server/local-key.js';
import { DEFAULT_PACE, runFeed, type FeedProgress } from '../../server/live-feed.js';
import { liveOptions, startServer } from '../../server/serve.js';
import { SCALES, type Scale } from '../../sim/index.js';
import { withContext } from '../context.js';

interface StartOptions {
  port: number;
  host?: string;
  pace: number;
  seed: number;
  scale: string;
  feed: boolean;
  keyFile?: string;
  workers?: number;
}

const number = (min: number, max: number) => (value: string) => {
  const n = Number(value);
  if (!Number.isFinite(n) || n < min || n > max) throw new InvalidArgumentError(`expected ${min}-${max}`);
  return n;
};

const line = (p: FeedProgress, flagged: number, items: number): string =>
  `feed: ${p.streamTime?.slice(0, 16).replace('T', ' ') ?? 'accounts'} · ${p.sent.toLocaleString('en')}/${p.total.toLocaleString('en')} events sent (${p.stored.toLocaleString('en')} new) · ${flagged} flagged posts · ${items} queue items`;

export const registerStartCommand = (program: Command): void => {
  program
    .command('start')
    .description(
      'the live observatory: serve on the database, feed a simulated scenario through POST /v1/events, keep serving',
    )
    .option('--port <n>', 'port (0: any free one)', number(0, 65535), 7420)
    .option('--host <h>', 'address to listen on (default 127.0.0.1, or MARSAD_HOST)')
    .option(
      '--pace <x>',
      'simulated seconds per wall second (720: 2 days in ~4 min)',
      number(1, 1e9),
      DEFAULT_PACE,
    )
    .option('--seed <n>', 'scenario seed', number(0, Number.MAX_SAFE_INTEGER), 1)
    .option('--scale <s>', `scenario scale: ${SCALES.join(', ')}`, 'small')
    .option('--no-feed', 'only serve (no simulated scenario)')
    .option('--key-file <file>', 'where the local admin key is kept (default: DB.admin-key)')
    .option('--workers <n>', 'classification worker threads (default MARSAD_WORKERS or cores)', number(0, 64))
    .action(async (opts: StartOptions, cmd: Command) => {
      if (!(SCALES as readonly string[]).includes(opts.scale))
        throw new InvalidArgumentError(`--scale must be one of ${SCALES.join(', ')}`);
      await withContext(cmd, async (ctx) => {
        const out = (s: string) => process.stdout.write(`${s}\n`);
        const { key, created } = await ensureLocalKey(ctx, opts.keyFile ?? defaultKeyFile(ctx));
        // Request logs would bury the progress line: this command logs warnings only.
        const quiet = { database: ctx.database, logger: ctx.logger.child({}, { level: 'warn' }) };
        const server = await startServer(
          quiet,
          { host: opts.host ?? ctx.cfg.server.host, port: opts.port },
          {},
          await liveOptions(ctx, { workers: opts.workers }),
        );
        out(`Marsad observatory on ${server.url} (${ctx.database.dialect})`);
        // The key travels in the fragment: browsers do not send it to the server or log it.
        out(`open ${server.url}/#key=${key}`);
        out(`${created ? 'created' : 'using'} the local admin key (API docs at ${server.url}/docs)`);
        const abort = new AbortController();
        const stopped = new Promise<void>((resolve) => {
          const done = () => {
            abort.abort();
            resolve();
          };
          process.once('SIGINT', done);
          process.once('SIGTERM', done);
        });
        if (opts.feed) {
          const tty = process.stderr.isTTY === true;
          let lastLine = 0;
          const show = (p: FeedProgress, final = false) => {
            const s = server.live?.status();
            const text = line(p, s?.flaggedPosts ?? 0, s?.queueItems.created ?? 0);
            if (tty) process.stderr.write(`\r\x1b[2K${text}${final ? '\n' : ''}`);
            else if (final || performance.now() - lastLine > 5000) {
              process.stderr.write(`${text}\n`);
              lastLine = performance.now();
            }
          };
          out(`feeding the ${opts.scale} scenario (seed ${opts.seed}) at ${opts.pace}× stream time`);
          const p = await runFeed({
            url: server.url,
            key,
            scale: opts.scale as Scale,
            seed: opts.seed,
            pace: opts.pace,
            signal: abort.signal,
            onProgress: (q) => show(q),
          });
          show(p, true);
          if (!abort.signal.aborted)
            out(`feed done: ${p.sent} events sent, ${p.stored} new; serving until Ctrl-C`);
        }
        await stopped;
        process.stderr.write('marsad: stopping (draining the live queue)\n');
        await server.stop();
      });
    });
};
