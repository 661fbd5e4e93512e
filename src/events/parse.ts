import type { z } from 'zod';
import { ValidationError } from '../errors.js';
import { extractHashtags, extractMentions, extractUrls } from './entities.js';
import { CanonicalEventSchema, EVENT_TYPES } from './schema.js';
import type { CanonicalEvent, NormalisedPost, PostEvent } from './types.js';

/** A record that is not a valid canonical event. `field` is a dotted path, e.g. `media.0.pdq`. */
export class EventValidationError extends ValidationError {
  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super(field ? `${field}: ${reason}` : reason, { field, reason });
  }
}

const describeIssue = (issue: z.core.$ZodIssue, input: Record<string, unknown>): EventValidationError => {
  const field = issue.path.map(String).join('.');
  const got = issue.path.length === 1 ? input[String(issue.path[0])] : undefined;
  if (issue.code === 'invalid_type' && got === undefined && issue.path.length === 1) {
    return new EventValidationError(field, 'required field is missing');
  }
  if (issue.code === 'invalid_type') {
    const actual = got === null ? 'null' : Array.isArray(got) ? 'array' : typeof got;
    return new EventValidationError(field, `expected ${issue.expected}, got ${actual}`);
  }
  return new EventValidationError(field, issue.message);
};

// Real exports carry `null` for absent optional fields; the contract says "absent".
const dropNulls = (obj: Record<string, unknown>): Record<string, unknown> => {
  let copy: Record<string, unknown> | undefined;
  for (const key in obj) {
    if (obj[key] === null) {
      copy ??= { ...obj };
      delete copy[key];
    }
  }
  return copy ?? obj;
};

/** Validates one decoded JSON value as a canonical event; throws EventValidationError naming the field. */
export const parseEvent = (value: unknown): CanonicalEvent => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new EventValidationError(
      '',
      `expected a JSON object, got ${Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value}`,
    );
  }
  const input = dropNulls(value as Record<string, unknown>);
  const type = input['type'];
  if (type === undefined) throw new EventValidationError('type', 'required field is missing');
  if (typeof type !== 'string' || !(EVENT_TYPES as readonly string[]).includes(type)) {
    throw new EventValidationError(
      'type',
      `unknown event type ${JSON.stringify(type)} (expected one of ${EVENT_TYPES.join(', ')})`,
    );
  }
  const result = CanonicalEventSchema.safeParse(input);
  if (!result.success) {
    const issue = result.error.issues[0];
    if (!issue) throw new EventValidationError('', 'invalid event');
    throw describeIssue(issue, input);
  }
  return result.data;
};

/** Fills hashtags/mentions/urls from the text when the event did not carry them. */
export const withEntities = (post: PostEvent): NormalisedPost => ({
  ...post,
  hashtags: post.hashtags ?? extractHashtags(post.text),
  mentions: post.mentions ?? extractMentions(post.text),
  urls: post.urls ?? extractUrls(post.text),
});
