import type { Command } from 'commander';
import { CLI_ACTOR } from '../../review/index.js';
import { withContext } from '../context.js';

export const registerKeysCommand = (program: Command): void => {
  const keys = program.command('keys').description('API keys of the moderation service (stored hashed)');
  keys
    .command('create')
    .description('create a key; it is printed once, alone on the last line')
    .requiredOption('--role <role>', 'viewer, analyst, moderator or admin')
    .requiredOption('--name <name>', 'who or what uses the key')
    .action(async (opts: { role: string; name: string }, cmd: Command) => {
      await withContext(cmd, async (ctx) => {
        const { key, info } = await ctx.review.keys.create(CLI_ACTOR, opts);
        process.stdout.write(
          `created key ${info.id} (${info.role}, "${info.name}"); it is shown only now:\n${key}\n`,
        );
      });
    });
  keys
    .command('list')
    .description('list keys (never the keys themselves)')
    .action(async (_opts: unknown, cmd: Command) => {
      await withContext(cmd, async (ctx) => {
        for (const k of await ctx.review.keys.list()) {
          const state = k.revokedAt ? `revoked ${k.revokedAt}` : 'active';
          process.stdout.write(`${k.id}\t${k.role}\t${k.name}\t${k.createdAt}\t${state}\n`);
        }
      });
    });
  keys
    .command('revoke <id>')
    .description('revoke a key by its id')
    .action(async (id: string, _opts: unknown, cmd: Command) => {
      await withContext(cmd, async (ctx) => {
        const k = await ctx.review.keys.revoke(CLI_ACTOR, id);
        process.stdout.write(`revoked key ${k.id} (${k.role}, "${k.name}")\n`);
      });
    });
};
