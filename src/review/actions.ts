import { randomBytes, randomUUID } from 'node:crypto';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { Database, DbTx } from '../store/index.js';
import { appendAudit } from './audit.js';
import { recordEnforcement } from './enforcement.js';
import { hashSecret } from './keys.js';
import type { ReasonCode } from './queue-types.js';
import type { Actor } from './roles.js';
import { enqueueWebhooks } from './webhooks.js';

export const ACTION_TYPES = ['suspend', 'remove', 'label', 'limit_reach', 'redirect'] as const;
export type ActionType = (typeof ACTION_TYPES)[number];
export const APPEAL_TOKEN_PREFIX = 'apl_';

export interface Resource {
  title: string;
  url: string;
  lang?: string | undefined;
}

export interface ActionInput {
  itemId?: string | undefined;
  type: ActionType;
  platform?: string | undefined;
  accountId?: string | undefined;
  postId?: string | undefined;
  reasonCode: ReasonCode;
  /** For `label`. */
  label?: string | undefined;
  /** Counter-messaging resources, for `redirect` (the Redirect Method). */
  resources?: Resource[] | undefined;
}

export interface ActionView {
  id: string;
  itemId: string | null;
  type: string;
  platform: string;
  accountId: string | null;
  postId: string | null;
  reasonCode: string;
  params: unknown;
  actorId: string;
  status: string;
  createdAt: string;
  updatedAt: string;
}

interface ActionRow {
  id: string;
  item_id: string | null;
  type: string;
  platform: string;
  account_id: string | null;
  post_id: string | null;
  reason_code: string;
  params: string;
  actor_id: string;
  status: string;
  created_at: string;
  updated_at: string;
}

export const toActionView = (r: ActionRow): ActionView => ({
  id: r.id,
  itemId: r.item_id,
  type: r.type,
  platform: r.platform,
  accountId: r.account_id,
  postId: r.post_id,
  reasonCode: r.reason_code,
  params: JSON.parse(r.params) as unknown,
  actorId: r.actor_id,
  status: r.status,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/** suspend and remove change what the platform shows; Marsad records them as enforcement events. */
export const enforcementOf = (type: string): 'suspend' | 'remove' | undefined =>
  type === 'suspend' ? 'suspend' : type === 'remove' ? 'remove' : undefined;

/** Actions on accounts and posts: recorded in the log, sent through signed webhooks, written as enforcement. */
export class ActionService {
  constructor(
    private readonly database: Database,
    private readonly now: () => Date,
    private readonly logger?: Logger,
  ) {}

  async take(
    actor: Actor,
    input: ActionInput,
  ): Promise<{ action: ActionView; appealToken: string; enforcement: unknown }> {
    const at = this.now().toISOString();
    const token = `${APPEAL_TOKEN_PREFIX}${randomBytes(24).toString('base64url')}`;
    const row = await this.database.db.transaction().execute(async (tx) => {
      let platform = input.platform;
      let accountId = input.accountId;
      let postId = input.postId;
      if (input.itemId !== undefined) {
        const item = await tx
          .selectFrom('queue_items')
          .selectAll()
          .where('id', '=', input.itemId)
          .executeTakeFirst();
        if (!item) throw new NotFoundError(`no queue item ${input.itemId}`, { field: 'body.itemId' });
        if (item.status !== 'confirmed') {
          throw new ConflictError(
            `queue item ${input.itemId} is ${item.status}: act on confirmed items only`,
          );
        }
        platform ??= item.platform;
        if (item.kind === 'post') {
          postId ??= item.subject_id;
          accountId ??= item.account_id ?? undefined;
        } else if (item.kind === 'account' || item.kind === 'evasion') accountId ??= item.subject_id;
      }
      if (platform === undefined)
        throw new ValidationError('body.platform: required without itemId', { field: 'body.platform' });
      if (input.type === 'suspend' && accountId === undefined) {
        throw new ValidationError('body.accountId: suspend needs an account', { field: 'body.accountId' });
      }
      if (input.type === 'remove' && postId === undefined) {
        throw new ValidationError('body.postId: remove needs a post', { field: 'body.postId' });
      }
      if (accountId === undefined && postId === undefined) {
        throw new ValidationError('body.accountId: an action needs an account or a post', {
          field: 'body.accountId',
        });
      }
      if (input.type === 'label' && !input.label)
        throw new ValidationError('body.label: label needs a label', { field: 'body.label' });
      if (input.type === 'redirect' && !input.resources?.length) {
        throw new ValidationError('body.resources: redirect needs at least one resource', {
          field: 'body.resources',
        });
      }
      const params = {
        ...(input.label ? { label: input.label } : {}),
        ...(input.resources ? { resources: input.resources } : {}),
      };
      const r: ActionRow & { appeal_token_hash: string } = {
        id: randomUUID(),
        item_id: input.itemId ?? null,
        type: input.type,
        platform,
        account_id: accountId ?? null,
        post_id: postId ?? null,
        reason_code: input.reasonCode,
        params: JSON.stringify(params),
        actor_id: actor.id,
        status: 'active',
        appeal_token_hash: hashSecret(token),
        created_at: at,
        updated_at: at,
      };
      await tx.insertInto('actions').values(r).execute();
      const view = toActionView(r);
      await appendAudit(tx, actor, at, {
        type: 'action_taken',
        subjectKind: 'action',
        subjectId: r.id,
        after: view,
      });
      // The platform gets the appeal token to hand to the affected account.
      await enqueueWebhooks(tx, at, 'action.taken', `action:${r.id}:taken`, { ...view, appealToken: token });
      return r;
    });
    const enforcement = await this.enforce(row, enforcementOf(row.type), at);
    return { action: toActionView(row), appealToken: token, enforcement };
  }

  async list(limit = 100): Promise<ActionView[]> {
    const rows = await this.database.db
      .selectFrom('actions')
      .selectAll()
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .limit(limit)
      .execute();
    return rows.map(toActionView);
  }

  async get(id: string): Promise<ActionView> {
    const row = await this.database.db
      .selectFrom('actions')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) throw new NotFoundError(`no action ${id}`, { field: 'id' });
    return toActionView(row);
  }

  /** Overturns an action after a successful appeal: restore is recorded and sent. */
  async overturn(
    actor: Actor,
    id: string,
    appealId: string,
    /** Runs in the same transaction (the appeal closes with the overturn, or neither happens). */
    alsoInTx?: (tx: DbTx) => Promise<void>,
  ): Promise<ActionView> {
    const at = this.now().toISOString();
    const row = await this.database.db.transaction().execute(async (tx) => {
      const r = await tx.selectFrom('actions').selectAll().where('id', '=', id).executeTakeFirst();
      if (!r) throw new NotFoundError(`no action ${id}`);
      if (r.status !== 'active') throw new ConflictError(`action ${id} is already ${r.status}`);
      if (r.actor_id === actor.id)
        throw new ForbiddenError('the moderator who took the action cannot overturn it');
      await tx
        .updateTable('actions')
        .set({ status: 'overturned', updated_at: at })
        .where('id', '=', id)
        .execute();
      const after = toActionView({ ...r, status: 'overturned', updated_at: at });
      await appendAudit(tx, actor, at, {
        type: 'action_overturned',
        subjectKind: 'action',
        subjectId: id,
        before: { status: r.status },
        after: { status: 'overturned', appeal: appealId },
      });
      await enqueueWebhooks(tx, at, 'action.overturned', `action:${id}:overturned`, after);
      await alsoInTx?.(tx);
      return { ...r, status: 'overturned', updated_at: at };
    });
    await this.enforce(row, enforcementOf(row.type) ? 'restore' : undefined, at);
    return toActionView(row);
  }

  private async enforce(row: ActionRow, action: 'suspend' | 'remove' | 'restore' | undefined, at: string) {
    if (!action) return null;
    try {
      return await recordEnforcement(this.database, {
        id: `marsad:${row.id}:${action}`,
        platform: row.platform,
        // A suspension names the account; a removal names the post (the contract takes one of them).
        accountId: row.type === 'suspend' ? row.account_id : null,
        postId: row.type === 'suspend' ? null : row.post_id,
        action,
        reason: `marsad:${row.reason_code}`,
        at,
      });
    } catch (err) {
      // The action stands (it is committed and sent); the lost event is logged for a re-run.
      this.logger?.error({ err, action: row.id }, 'could not record the enforcement event');
      return {
        stored: 0,
        quarantined: [{ field: 'event', reason: err instanceof Error ? err.message : String(err) }],
      };
    }
  }
}
