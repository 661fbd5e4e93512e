import type { FastifyInstance } from 'fastify';
import { ROLES, SYSTEM_ACTOR, type Role } from '../../src/review/index.js';
import { createReviewServices } from '../../src/review/index.js';
import { buildServer, type ServerOptions } from '../../src/server/index.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';

export interface TestServer {
  app: FastifyInstance;
  tdb: TestDatabase;
  /** One key per role. */
  keys: Record<Role, string>;
  keyIds: Record<Role, string>;
  clock: { now: Date };
  auth(role: Role): { authorization: string };
  close(): Promise<void>;
}

/** A server over a fresh database of `engine`, with a key for each role and a clock tests can move. */
export const startServer = async (
  engine: 'sqlite' | 'postgres',
  opts: ServerOptions = {},
): Promise<TestServer> => {
  const tdb = await createTestDatabase(engine);
  const clock = { now: new Date('2026-03-01T12:00:00.000Z') };
  const now = () => clock.now;
  const services = createReviewServices(tdb.database, { now });
  const keys = {} as Record<Role, string>;
  const keyIds = {} as Record<Role, string>;
  for (const role of ROLES) {
    const created = await services.keys.create(SYSTEM_ACTOR, { name: `${role}-key`, role });
    keys[role] = created.key;
    keyIds[role] = created.info.id;
  }
  const app = await buildServer(tdb.database, { ...opts, review: { now, ...opts.review } });
  return {
    app,
    tdb,
    keys,
    keyIds,
    clock,
    auth: (role) => ({ authorization: `Bearer ${keys[role]}` }),
    close: async () => {
      await app.close();
      await tdb.drop();
    },
  };
};
