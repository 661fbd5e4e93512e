import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import type { AppContext } from '../context.js';
import { CLI_ACTOR } from '../review/index.js';

export const LOCAL_KEY_NAME = 'local observatory';

/** Where `marsad start` keeps its key: next to a SQLite file, else in the working directory. */
export const defaultKeyFile = (ctx: AppContext): string =>
  ctx.cfg.db.dialect === 'sqlite' && ctx.cfg.db.path !== ':memory:'
    ? `${ctx.cfg.db.path}.admin-key`
    : '.marsad-admin-key';

/**
 * The local admin key of `marsad start`: the one saved in `file` when it is still valid, else a new
 * admin key (created and audited through the key service) saved there, readable by its owner only.
 * The database keeps only its hash, so the file is the one place it can be read again.
 */
export const ensureLocalKey = async (
  ctx: AppContext,
  file: string,
): Promise<{ key: string; created: boolean }> => {
  if (existsSync(file)) {
    const saved = (await readFile(file, 'utf8')).trim();
    const actor = saved ? await ctx.review.keys.authenticate(saved) : undefined;
    if (actor?.role === 'admin') return { key: saved, created: false };
  }
  const { key } = await ctx.review.keys.create(CLI_ACTOR, { name: LOCAL_KEY_NAME, role: 'admin' });
  await writeFile(file, `${key}\n`, { mode: 0o600 });
  return { key, created: true };
};
