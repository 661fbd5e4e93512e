import { randomUUID } from 'node:crypto';
import { ConflictError, ForbiddenError, NotFoundError } from '../errors.js';
import type { Database, DbTx } from '../store/index.js';
import type { ActionService } from './actions.js';
import { appendAudit } from './audit.js';
import { hashSecret } from './keys.js';
import { PUBLIC_ACTOR, type Actor } from './roles.js';

export interface AppealView {
  id: string;
  actionId: string;
  statement: string;
  status: string;
  decidedBy: string | null;
  note: string | null;
  createdAt: string;
  decidedAt: string | null;
}

const toView = (r: {
  id: string;
  action_id: string;
  statement: string;
  status: string;
  decided_by: string | null;
  note: string | null;
  created_at: string;
  decided_at: string | null;
}): AppealView => ({
  id: r.id,
  actionId: r.action_id,
  statement: r.statement,
  status: r.status,
  decidedBy: r.decided_by,
  note: r.note,
  createdAt: r.created_at,
  decidedAt: r.decided_at,
});

/** Appeals: filed by the affected account with its token; decided by a moderator other than the one who acted. */
export class AppealService {
  constructor(
    private readonly database: Database,
    private readonly now: () => Date,
    private readonly actions: ActionService,
  ) {}

  async file(token: string, statement: string): Promise<AppealView> {
    const at = this.now().toISOString();
    return this.database.db.transaction().execute(async (tx) => {
      const action = await tx
        .selectFrom('actions')
        .select(['id', 'status'])
        .where('appeal_token_hash', '=', hashSecret(token))
        .executeTakeFirst();
      if (!action) throw new NotFoundError('unknown appeal token', { field: 'body.token' });
      const existing = await tx
        .selectFrom('appeals')
        .select('id')
        .where('action_id', '=', action.id)
        .executeTakeFirst();
      if (existing) throw new ConflictError(`this action was already appealed (appeal ${existing.id})`);
      const row = {
        id: randomUUID(),
        action_id: action.id,
        statement,
        status: 'open',
        decided_by: null,
        note: null,
        created_at: at,
        decided_at: null,
      };
      await tx.insertInto('appeals').values(row).execute();
      await appendAudit(tx, PUBLIC_ACTOR, at, {
        type: 'appeal_filed',
        subjectKind: 'appeal',
        subjectId: row.id,
        after: { action: action.id, status: 'open' },
      });
      return toView(row);
    });
  }

  async list(status?: string): Promise<AppealView[]> {
    let q = this.database.db
      .selectFrom('appeals')
      .selectAll()
      .orderBy('created_at')
      .orderBy('id')
      .limit(1000);
    if (status) q = q.where('status', '=', status);
    return (await q.execute()).map(toView);
  }

  async decide(
    actor: Actor,
    id: string,
    input: { decision: 'uphold' | 'overturn'; note?: string | undefined },
  ): Promise<AppealView> {
    const row = await this.database.db
      .selectFrom('appeals')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) throw new NotFoundError(`no appeal ${id}`, { field: 'id' });
    if (row.status !== 'open') throw new ConflictError(`appeal ${id} is already ${row.status}`);
    const action = await this.actions.get(row.action_id);
    if (action.actorId === actor.id) {
      throw new ForbiddenError('a different moderator must decide the appeal of an action');
    }
    const at = this.now().toISOString();
    const status = input.decision === 'overturn' ? 'overturned' : 'upheld';
    const patch = { status, decided_by: actor.id, note: input.note ?? null, decided_at: at };
    const close = async (tx: DbTx): Promise<void> => {
      const changed = await tx
        .updateTable('appeals')
        .set(patch)
        .where('id', '=', id)
        .where('status', '=', 'open')
        .executeTakeFirst();
      if (Number(changed.numUpdatedRows) !== 1) throw new ConflictError(`appeal ${id} was decided meanwhile`);
      await appendAudit(tx, actor, at, {
        type: 'appeal_decided',
        subjectKind: 'appeal',
        subjectId: id,
        before: { status: 'open' },
        after: { status, note: patch.note },
      });
    };
    // An overturn restores the action and closes the appeal in one transaction.
    if (status === 'overturned') await this.actions.overturn(actor, action.id, id, close);
    else await this.database.db.transaction().execute(close);
    return toView({ ...row, ...patch });
  }

  async stats(): Promise<{
    appeals: number;
    open: number;
    upheld: number;
    overturned: number;
    overturnRate: number;
  }> {
    const rows = await this.database.db
      .selectFrom('appeals')
      .select((eb) => ['status', eb.fn.countAll<number>().as('n')])
      .groupBy('status')
      .execute();
    const n = (s: string) => Number(rows.find((r) => r.status === s)?.n ?? 0);
    const decided = n('upheld') + n('overturned');
    return {
      appeals: n('open') + decided,
      open: n('open'),
      upheld: n('upheld'),
      overturned: n('overturned'),
      overturnRate: decided ? n('overturned') / decided : 0,
    };
  }
}
