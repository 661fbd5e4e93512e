import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { ConflictError, NotFoundError, ValidationError } from '../errors.js';
import type { Database } from '../store/index.js';
import { appendAudit } from './audit.js';
import { isRole, type Actor, type Role } from './roles.js';

export const KEY_PREFIX = 'mrs_';

export interface ApiKeyInfo {
  id: string;
  name: string;
  role: Role;
  createdAt: string;
  revokedAt: string | null;
}

/** SHA-256 suffices: keys carry 256 random bits, so there is nothing to brute-force. */
export const hashSecret = (secret: string): string => createHash('sha256').update(secret).digest('hex');

const toInfo = (r: {
  id: string;
  name: string;
  role: string;
  created_at: string;
  revoked_at: string | null;
}): ApiKeyInfo => ({
  id: r.id,
  name: r.name,
  role: r.role as Role,
  createdAt: r.created_at,
  revokedAt: r.revoked_at,
});

/** API keys: stored hashed, shown once; creation and revocation are audited. */
export class KeyService {
  constructor(
    private readonly database: Database,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async create(
    actor: Actor,
    input: { name: string; role: string },
  ): Promise<{ key: string; info: ApiKeyInfo }> {
    if (!isRole(input.role)) {
      throw new ValidationError(
        `role must be one of viewer, analyst, moderator, admin (got "${input.role}")`,
        {
          field: 'role',
        },
      );
    }
    const name = input.name.trim();
    if (!name || name.length > 100)
      throw new ValidationError('name must be 1-100 characters', { field: 'name' });
    const key = `${KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
    const at = this.now().toISOString();
    const row = {
      id: randomUUID(),
      name,
      role: input.role,
      key_hash: hashSecret(key),
      created_at: at,
      revoked_at: null,
    };
    await this.database.db.transaction().execute(async (tx) => {
      await tx.insertInto('api_keys').values(row).execute();
      await appendAudit(tx, actor, at, {
        type: 'key_created',
        subjectKind: 'key',
        subjectId: row.id,
        after: { name, role: input.role },
      });
    });
    return { key, info: toInfo(row) };
  }

  async list(): Promise<ApiKeyInfo[]> {
    const rows = await this.database.db
      .selectFrom('api_keys')
      .selectAll()
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map(toInfo);
  }

  async revoke(actor: Actor, id: string): Promise<ApiKeyInfo> {
    const at = this.now().toISOString();
    return this.database.db.transaction().execute(async (tx) => {
      const row = await tx.selectFrom('api_keys').selectAll().where('id', '=', id).executeTakeFirst();
      if (!row) throw new NotFoundError(`no API key with id ${id}`, { field: 'id' });
      if (row.revoked_at !== null) throw new ConflictError(`API key ${id} is already revoked`);
      await tx.updateTable('api_keys').set({ revoked_at: at }).where('id', '=', id).execute();
      await appendAudit(tx, actor, at, {
        type: 'key_revoked',
        subjectKind: 'key',
        subjectId: id,
        before: { revoked_at: null },
        after: { revoked_at: at },
      });
      return toInfo({ ...row, revoked_at: at });
    });
  }

  /** The actor a key stands for, or undefined when it is unknown or revoked. */
  async authenticate(key: string): Promise<Actor | undefined> {
    if (!key.startsWith(KEY_PREFIX)) return undefined;
    const row = await this.database.db
      .selectFrom('api_keys')
      .select(['id', 'name', 'role', 'revoked_at'])
      .where('key_hash', '=', hashSecret(key))
      .executeTakeFirst();
    if (!row || row.revoked_at !== null || !isRole(row.role)) return undefined;
    return { id: row.id, name: row.name, role: row.role };
  }
}
