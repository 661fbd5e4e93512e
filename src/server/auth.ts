import type { FastifyRequest } from 'fastify';
import { AuthRequiredError, ForbiddenError } from '../errors.js';
import type { KeyService } from '../review/index.js';
import { roleAllows, type Actor, type Role } from '../review/index.js';

/** Who may call a route: at least a role, or anyone. */
export type Access = Role | 'public';

declare module 'fastify' {
  interface FastifyRequest {
    actor?: Actor;
  }
}

/** The API key of a request: `Authorization: Bearer KEY` or `X-Api-Key: KEY`. */
export const requestKey = (req: FastifyRequest): string | undefined => {
  const auth = req.headers.authorization;
  if (typeof auth === 'string' && auth.startsWith('Bearer ')) return auth.slice(7).trim();
  const header = req.headers['x-api-key'];
  return typeof header === 'string' ? header.trim() : undefined;
};

/**
 * Checks the key before the body is even parsed, so a caller without the role learns nothing about
 * the route's input: 401 without a (valid) key, 403 with too low a role.
 */
export const authenticate =
  (keys: KeyService, access: Access) =>
  async (req: FastifyRequest): Promise<void> => {
    const key = requestKey(req);
    if (key === undefined) {
      if (access === 'public') return;
      throw new AuthRequiredError('an API key is required (Authorization: Bearer KEY)');
    }
    const actor = await keys.authenticate(key);
    if (!actor) {
      if (access === 'public') return;
      throw new AuthRequiredError('the API key is unknown or revoked');
    }
    req.actor = actor;
    if (
      access !== 'public' &&
      (actor.role === 'public' || actor.role === 'system' || !roleAllows(actor.role, access))
    ) {
      throw new ForbiddenError(`this route needs the ${access} role; the key has ${actor.role}`);
    }
  };
