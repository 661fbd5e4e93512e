import type { Command } from 'commander';
import { redactUrl } from '../../logger.js';
import { migrations } from '../../store/migrations/index.js';
import { withContext } from '../context.js';

export const registerMigrateCommand = (program: Command): void => {
  program
    .command('migrate')
    .description('create or update the database tables (also done automatically on first use)')
    .addHelpText(
      'after',
      '\nThe database is ./marsad.db, the file given with --db, or MARSAD_DB_URL (sqlite:PATH or postgres://…).',
    )
    .action(async (_opts: unknown, cmd: Command) => {
      await withContext(cmd, async (ctx) => {
        // Opening the context has run the migrations; this reports where and how many.
        const where = ctx.cfg.db.dialect === 'sqlite' ? ctx.cfg.db.path : redactUrl(ctx.cfg.db.url);
        const applied = await ctx.db
          .selectFrom('kysely_migration' as never)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirst()
          .catch(() => undefined);
        const n = Number((applied as { n?: number } | undefined)?.n ?? Object.keys(migrations).length);
        process.stdout.write(
          `${ctx.cfg.db.dialect} database ${where} is up to date (${n} migrations applied)\n`,
        );
      });
    });
};
