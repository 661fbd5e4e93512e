import type { Command } from 'commander';
import { ValidationError } from '../../errors.js';
import { startServer } from '../../server/serve.js';
import { withContext } from '../context.js';

interface ServeOptions {
  port?: string;
  host?: string;
}

export const registerServeCommand = (program: Command): void => {
  program
    .command('serve')
    .description('run the moderation API (docs at /docs, OpenAPI at /openapi.json)')
    .option('--port <n>', 'port to listen on (default 7420, or MARSAD_PORT)')
    .option('--host <h>', 'address to listen on (default 127.0.0.1, or MARSAD_HOST)')
    .addHelpText('after', '\nCreate a first key with `marsad keys create --role admin --name NAME`.')
    .action(async (opts: ServeOptions, cmd: Command) => {
      await withContext(cmd, async (ctx) => {
        const port = opts.port === undefined ? ctx.cfg.server.port : Number(opts.port);
        if (!Number.isInteger(port) || port < 0 || port > 65535) {
          throw new ValidationError(`--port must be 0-65535 (got "${opts.port ?? ''}")`, { field: 'port' });
        }
        const server = await startServer(ctx, { host: opts.host ?? ctx.cfg.server.host, port });
        process.stderr.write(
          `marsad: listening on ${server.url} (${ctx.database.dialect}); docs at ${server.url}/docs\n`,
        );
        await new Promise<void>((resolve) => {
          const done = () => resolve();
          process.once('SIGINT', done);
          process.once('SIGTERM', done);
        });
        await server.stop();
      });
    });
};
