import type { Command } from 'commander';
import { ModelRegistry, type RegisteredModel } from '../../classify/feedback-models.js';
import { CLI_ACTOR, type Actor } from '../../review/index.js';
import { withContext } from '../context.js';

const line = (m: RegisteredModel, activeId: string | undefined): string =>
  [
    m.id === activeId ? '*' : ' ',
    m.id,
    m.createdAt,
    m.promotedAt ? `promoted ${m.promotedAt} by ${m.promotedBy ?? '?'}` : 'not promoted',
    m.path,
  ].join('  ');

// Whoever runs the CLI has the database; --actor names the person for the audit log.
const cliActor = (name: string | undefined): Actor =>
  name ? { id: `cli:${name}`, name, role: 'system' } : CLI_ACTOR;

export const registerModelCommand = (program: Command): void => {
  const model = program
    .command('model')
    .description('the model registry: list, register and promote text models');
  model
    .command('list')
    .description('registered models, newest first; * marks the active (latest promoted) one')
    .option('--json', 'print JSON')
    .action(async (o: { json?: boolean }, cmd: Command) => {
      await withContext(cmd, async (ctx) => {
        const registry = new ModelRegistry(ctx.database);
        const items = await registry.list();
        const active = (await registry.active())?.id;
        if (o.json) process.stdout.write(`${JSON.stringify({ items, active: active ?? null }, null, 2)}\n`);
        else if (items.length === 0) process.stdout.write('no registered models\n');
        else for (const m of items) process.stdout.write(`${line(m, active)}\n`);
      });
    });
  model
    .command('register <file>')
    .description(
      'register a model file (prints its id); registering the same bytes again returns the same id',
    )
    .option('--actor <name>', 'who registers it (audit log)')
    .action(async (file: string, o: { actor?: string }, cmd: Command) => {
      await withContext(cmd, async (ctx) => {
        const m = await new ModelRegistry(ctx.database).register(cliActor(o.actor), file);
        process.stdout.write(`registered ${m.path} (sha256 ${m.sha256})\n${m.id}\n`);
      });
    });
  model
    .command('promote <id>')
    .description(
      'make a registered model the active one (audited); serve/detect use it unless MARSAD_MODEL_PATH is set',
    )
    .requiredOption('--actor <name>', 'who promotes it (audit log)')
    .action(async (id: string, o: { actor: string }, cmd: Command) => {
      await withContext(cmd, async (ctx) => {
        const m = await new ModelRegistry(ctx.database).promote(cliActor(o.actor), id);
        process.stdout.write(`promoted ${m.id} (${m.path}) at ${m.promotedAt ?? ''}\n`);
        if (ctx.cfg.modelPath !== undefined)
          process.stderr.write(
            `note: MARSAD_MODEL_PATH=${ctx.cfg.modelPath} is set and wins over the promoted model\n`,
          );
      });
    });
};
