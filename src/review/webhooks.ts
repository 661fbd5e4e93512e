import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { NotFoundError, ValidationError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { Database, DbTx } from '../store/index.js';
import { appendAudit } from './audit.js';
import { SYSTEM_ACTOR, type Actor } from './roles.js';

// Signed webhooks with a DB-backed outbox. Each delivery is a POST of the JSON payload with
//   Marsad-Timestamp: UNIX seconds
//   Marsad-Signature: v1=HEX(HMAC-SHA256(secret, `${timestamp}.${body}`))
//   Idempotency-Key:  the same on every retry of one event (receivers drop repeats)
//   Marsad-Delivery:  the outbox id
// Failures retry with exponential backoff (base × 2^(attempt-1), capped at an hour); after
// `maxAttempts` the row goes to the dead-letter list, from where an admin may retry it.

export interface WebhookOptions {
  maxAttempts?: number;
  baseBackoffMs?: number;
  timeoutMs?: number;
}

export const signPayload = (secret: string, timestamp: number, body: string): string =>
  `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;

export interface WebhookInfo {
  id: string;
  url: string;
  active: boolean;
  createdAt: string;
}

export interface OutboxEntry {
  id: number;
  webhookId: string;
  idempotencyKey: string;
  event: string;
  status: string;
  attempts: number;
  nextAttemptAt: string;
  lastError: string | null;
  createdAt: string;
  deliveredAt: string | null;
}

/** Queues an event for every active webhook, inside the caller's transaction (sent after commit). */
export const enqueueWebhooks = async (
  tx: DbTx,
  at: string,
  event: string,
  key: string,
  payload: unknown,
): Promise<number> => {
  const hooks = await tx.selectFrom('webhooks').select('id').where('active', '=', 1).execute();
  const body = JSON.stringify({ event, idempotencyKey: key, at, data: payload });
  for (const h of hooks) {
    await tx
      .insertInto('webhook_outbox')
      .values({
        webhook_id: h.id,
        idempotency_key: key,
        event,
        payload: body,
        status: 'pending',
        attempts: 0,
        next_attempt_at: at,
        last_error: null,
        created_at: at,
        delivered_at: null,
      })
      .onConflict((oc) => oc.columns(['webhook_id', 'idempotency_key']).doNothing())
      .execute();
  }
  return hooks.length;
};

const toEntry = (r: {
  id: number;
  webhook_id: string;
  idempotency_key: string;
  event: string;
  status: string;
  attempts: number;
  next_attempt_at: string;
  last_error: string | null;
  created_at: string;
  delivered_at: string | null;
}): OutboxEntry => ({
  id: Number(r.id),
  webhookId: r.webhook_id,
  idempotencyKey: r.idempotency_key,
  event: r.event,
  status: r.status,
  attempts: r.attempts,
  nextAttemptAt: r.next_attempt_at,
  lastError: r.last_error,
  createdAt: r.created_at,
  deliveredAt: r.delivered_at,
});

export class WebhookService {
  private readonly maxAttempts: number;
  private readonly baseBackoffMs: number;
  private readonly timeoutMs: number;

  constructor(
    private readonly database: Database,
    private readonly now: () => Date,
    opts: WebhookOptions = {},
    private readonly logger?: Logger,
  ) {
    this.maxAttempts = opts.maxAttempts ?? 8;
    this.baseBackoffMs = opts.baseBackoffMs ?? 5_000;
    this.timeoutMs = opts.timeoutMs ?? 10_000;
  }

  /** Registers a receiver; the signing secret is returned once (generated unless given). */
  async register(
    actor: Actor,
    input: { url: string; secret?: string | undefined },
  ): Promise<WebhookInfo & { secret: string }> {
    let url: URL;
    try {
      url = new URL(input.url);
    } catch {
      throw new ValidationError('url is not a URL', { field: 'url' });
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      throw new ValidationError('url must be http(s)', { field: 'url' });
    const secret = input.secret ?? `whsec_${randomBytes(32).toString('base64url')}`;
    const at = this.now().toISOString();
    const row = { id: randomUUID(), url: url.toString(), secret, active: 1, created_at: at };
    await this.database.db.transaction().execute(async (tx) => {
      await tx.insertInto('webhooks').values(row).execute();
      await appendAudit(tx, actor, at, {
        type: 'webhook_registered',
        subjectKind: 'webhook',
        subjectId: row.id,
        after: { url: row.url },
      });
    });
    return { id: row.id, url: row.url, active: true, createdAt: at, secret };
  }

  async list(): Promise<WebhookInfo[]> {
    const rows = await this.database.db
      .selectFrom('webhooks')
      .select(['id', 'url', 'active', 'created_at'])
      .orderBy('created_at')
      .execute();
    return rows.map((r) => ({ id: r.id, url: r.url, active: r.active === 1, createdAt: r.created_at }));
  }

  async outbox(status?: string): Promise<OutboxEntry[]> {
    let q = this.database.db.selectFrom('webhook_outbox').selectAll().orderBy('id').limit(1000);
    if (status) q = q.where('status', '=', status);
    return (await q.execute()).map(toEntry);
  }

  /** Puts a dead letter back in line for delivery. */
  async retry(actor: Actor, id: number): Promise<OutboxEntry> {
    const at = this.now().toISOString();
    return this.database.db.transaction().execute(async (tx) => {
      const row = await tx.selectFrom('webhook_outbox').selectAll().where('id', '=', id).executeTakeFirst();
      if (!row || row.status !== 'dead') throw new NotFoundError(`no dead letter ${id}`, { field: 'id' });
      const patch = { status: 'pending', attempts: 0, next_attempt_at: at };
      await tx.updateTable('webhook_outbox').set(patch).where('id', '=', id).execute();
      await appendAudit(tx, actor, at, {
        type: 'webhook_retried',
        subjectKind: 'webhook_delivery',
        subjectId: String(id),
        before: { status: row.status, attempts: row.attempts },
        after: { status: 'pending', attempts: 0 },
      });
      return toEntry({ ...row, ...patch });
    });
  }

  /** Sends every due delivery once. Returns how many were attempted. */
  async deliverDue(limit = 100): Promise<number> {
    const now = this.now();
    const rows = await this.database.db
      .selectFrom('webhook_outbox as o')
      .innerJoin('webhooks as w', 'w.id', 'o.webhook_id')
      .select(['o.id', 'o.idempotency_key', 'o.payload', 'o.attempts', 'w.url', 'w.secret'])
      .where('o.status', '=', 'pending')
      .where('o.next_attempt_at', '<=', now.toISOString())
      .orderBy('o.id')
      .limit(limit)
      .execute();
    for (const r of rows) {
      const error = await this.send(r.url, r.secret, r.payload, r.idempotency_key, Number(r.id));
      await this.settle(Number(r.id), r.attempts + 1, error);
    }
    return rows.length;
  }

  private async send(
    url: string,
    secret: string,
    body: string,
    key: string,
    id: number,
  ): Promise<string | null> {
    const timestamp = Math.floor(this.now().getTime() / 1000);
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'marsad-timestamp': String(timestamp),
          'marsad-signature': signPayload(secret, timestamp, body),
          'idempotency-key': key,
          'marsad-delivery': String(id),
        },
        body,
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      await res.arrayBuffer().catch(() => undefined);
      return res.ok ? null : `HTTP ${res.status}`;
    } catch (err) {
      return err instanceof Error ? err.message : String(err);
    }
  }

  private async settle(id: number, attempts: number, error: string | null): Promise<void> {
    const now = this.now();
    const at = now.toISOString();
    await this.database.db.transaction().execute(async (tx) => {
      if (error === null) {
        await tx
          .updateTable('webhook_outbox')
          .set({ status: 'delivered', attempts, delivered_at: at, last_error: null })
          .where('id', '=', id)
          .execute();
        return;
      }
      if (attempts >= this.maxAttempts) {
        await tx
          .updateTable('webhook_outbox')
          .set({ status: 'dead', attempts, last_error: error })
          .where('id', '=', id)
          .execute();
        await appendAudit(tx, SYSTEM_ACTOR, at, {
          type: 'webhook_dead',
          subjectKind: 'webhook_delivery',
          subjectId: String(id),
          after: { attempts, error },
        });
        this.logger?.warn(
          { delivery: id, attempts, error },
          'webhook delivery moved to the dead-letter list',
        );
        return;
      }
      const delay = Math.min(this.baseBackoffMs * 2 ** (attempts - 1), 3_600_000);
      await tx
        .updateTable('webhook_outbox')
        .set({ attempts, last_error: error, next_attempt_at: new Date(now.getTime() + delay).toISOString() })
        .where('id', '=', id)
        .execute();
    });
  }
}
