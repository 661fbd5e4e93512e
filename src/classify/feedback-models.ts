// The model registry: trained models are registered, and one is promoted (an audited admin action).
// The active model is the one promoted last; serve/detect use it when MARSAD_MODEL_PATH is not set.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import path from 'node:path';
import { ConflictError, NotFoundError } from '../errors.js';
import { appendAudit } from '../review/audit.js';
import type { Actor } from '../review/roles.js';
import type { Database } from '../store/index.js';
import { loadTextModel } from './model-file.js';

export interface RegisteredModel {
  id: string;
  path: string;
  sha256: string;
  createdAt: string;
  promotedAt: string | null;
  promotedBy: string | null;
  metrics: Record<string, unknown>;
}

const fileSha256 = async (file: string): Promise<string> => {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
};

const toModel = (r: {
  id: string;
  path: string;
  sha256: string;
  created_at: string;
  promoted_at: string | null;
  promoted_by: string | null;
  metrics: string;
}): RegisteredModel => ({
  id: r.id,
  path: r.path,
  sha256: r.sha256,
  createdAt: r.created_at,
  promotedAt: r.promoted_at,
  promotedBy: r.promoted_by,
  metrics: JSON.parse(r.metrics) as Record<string, unknown>,
});

export class ModelRegistry {
  constructor(
    private readonly database: Database,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Newest first. */
  async list(): Promise<RegisteredModel[]> {
    const rows = await this.database.db
      .selectFrom('models')
      .selectAll()
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .execute();
    return rows.map(toModel);
  }

  async get(id: string): Promise<RegisteredModel> {
    const row = await this.database.db
      .selectFrom('models')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) throw new NotFoundError(`no registered model ${id}`, { field: 'id' });
    return toModel(row);
  }

  /** The latest promoted model, or undefined when none was ever promoted. */
  async active(): Promise<RegisteredModel | undefined> {
    const row = await this.database.db
      .selectFrom('models')
      .selectAll()
      .where('promoted_at', 'is not', null)
      .orderBy('promoted_at', 'desc')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row ? toModel(row) : undefined;
  }

  /**
   * Registers a model file (it must load as a Marsad model). The same file (same SHA-256) registered
   * again returns the existing entry. Audited as `model.register`.
   */
  async register(actor: Actor, file: string): Promise<RegisteredModel> {
    const abs = path.resolve(file);
    const model = await loadTextModel(abs);
    const sha256 = await fileSha256(abs);
    const existing = await this.database.db
      .selectFrom('models')
      .selectAll()
      .where('sha256', '=', sha256)
      .executeTakeFirst();
    if (existing) return toModel(existing);
    const h = model.header;
    const metrics = {
      labels: h.labels,
      positiveLabel: h.positiveLabel,
      threshold: h.threshold,
      thresholds: h.thresholds ?? null,
      trainedAt: h.createdAt,
      ...(h.metrics ?? {}),
    };
    const row = {
      id: sha256.slice(0, 16),
      path: abs,
      sha256,
      created_at: this.now().toISOString(),
      promoted_at: null,
      promoted_by: null,
      metrics: JSON.stringify(metrics),
    };
    await this.database.db.transaction().execute(async (tx) => {
      await tx.insertInto('models').values(row).execute();
      await appendAudit(tx, actor, row.created_at, {
        type: 'model.register',
        subjectKind: 'model',
        subjectId: row.id,
        after: { path: abs, sha256 },
      });
    });
    return toModel(row);
  }

  /**
   * Makes a registered model the active one. The file must still hold the registered bytes (a
   * model replaced on disk after its evaluation is refused). Audited as `model.promote` with the
   * previously active model as `before`.
   */
  async promote(actor: Actor, id: string): Promise<RegisteredModel> {
    const model = await this.get(id);
    let sha: string;
    try {
      sha = await fileSha256(model.path);
    } catch (err) {
      throw new ConflictError(`model ${id}: file ${model.path} is unreadable (${(err as Error).message})`);
    }
    if (sha !== model.sha256)
      throw new ConflictError(
        `model ${id}: ${model.path} changed since it was registered; register it again`,
      );
    const at = this.now().toISOString();
    const previous = await this.active();
    await this.database.db.transaction().execute(async (tx) => {
      await tx
        .updateTable('models')
        .set({ promoted_at: at, promoted_by: actor.id })
        .where('id', '=', id)
        .execute();
      await appendAudit(tx, actor, at, {
        type: 'model.promote',
        subjectKind: 'model',
        subjectId: id,
        before: previous ? { id: previous.id, path: previous.path, sha256: previous.sha256 } : null,
        after: { id, path: model.path, sha256: model.sha256 },
      });
    });
    return { ...model, promotedAt: at, promotedBy: actor.id };
  }
}

/**
 * The model file serve/detect use when none is named: `--model` wins, then MARSAD_MODEL_PATH, then the
 * latest promoted model in the registry, then the shipped model (resolveModelPath's fallback).
 */
export const activeModelPath = async (database: Database): Promise<string | undefined> =>
  (await new ModelRegistry(database).active())?.path;
