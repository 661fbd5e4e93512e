import { createHash } from 'node:crypto';
import type { CanonicalEvent } from './types.js';

/**
 * The identity of an event within (platform, type): its `id` when the contract gives one,
 * otherwise derived from what makes it unique, so that re-ingesting the same record is a no-op.
 */
export const eventKey = (event: CanonicalEvent): string => {
  switch (event.type) {
    case 'account':
    case 'post':
      return event.id;
    case 'follow':
      return event.id ?? `${event.src}>${event.dst}@${event.created_at}`;
    case 'enforcement':
      return (
        event.id ??
        `${event.account_id !== undefined ? `a:${event.account_id}` : `p:${event.post_id ?? ''}`}:${event.action}@${event.created_at}`
      );
    case 'profile_update': {
      if (event.id !== undefined) return event.id;
      const digest = createHash('sha1')
        .update(JSON.stringify([event.handle, event.name, event.bio, event.avatar_pdq]))
        .digest('hex')
        .slice(0, 16);
      return `${event.account_id}@${event.created_at}#${digest}`;
    }
  }
};

/** Which account an event belongs to, for partitioning and ordering. */
export const eventAccountId = (event: CanonicalEvent): string | undefined => {
  switch (event.type) {
    case 'account':
      return event.id;
    case 'post':
    case 'profile_update':
      return event.account_id;
    case 'follow':
      return event.src;
    case 'enforcement':
      return event.account_id;
  }
};
