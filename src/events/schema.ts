import { z } from 'zod';

// Canonical events, exactly as in contracts/events.md. Extra fields are accepted and dropped.

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?([Zz]|[+-]\d{2}:?\d{2})$/;

/** RFC 3339 time, normalised to UTC `YYYY-MM-DDTHH:MM:SS.sssZ` so that string order is time order. */
export const Time = z.string().transform((value, ctx) => {
  const m = RFC3339.exec(value);
  const ms = m ? Date.parse(value.replace(' ', 'T')) : Number.NaN;
  if (!m || Number.isNaN(ms)) {
    ctx.addIssue({ code: 'custom', message: `not an RFC 3339 time: "${value.slice(0, 40)}"` });
    return z.NEVER;
  }
  return new Date(ms).toISOString();
});

const Id = z.string().min(1, 'must not be empty').max(512, 'longer than 512 characters');
export const Platform = z
  .string()
  .min(1, 'must not be empty')
  .max(64)
  .regex(/^[a-z0-9][a-z0-9_.-]*$/, 'must be lowercase letters, digits, "_", "." or "-"');
export const PdqHex = z
  .string()
  .regex(/^[0-9a-fA-F]{64}$/, 'must be 64 hex characters (a PDQ hash)')
  .transform((s) => s.toLowerCase());
const Count = z.number().int().nonnegative();
const Lang = z.string().min(1).max(16);

const base = {
  platform: Platform,
  created_at: Time,
};

export const AccountEventSchema = z.object({
  type: z.literal('account'),
  ...base,
  id: Id,
  handle: z.string().max(512),
  name: z.string().max(2048),
  bio: z.string().max(100_000).optional(),
  lang: Lang.optional(),
  avatar_pdq: PdqHex.optional(),
  followers_count: Count.optional(),
  following_count: Count.optional(),
  url: z.string().max(4096).optional(),
});

export const ProfileUpdateEventSchema = z.object({
  type: z.literal('profile_update'),
  ...base,
  /** Not in the contract; derived from the content when absent (see eventKey). */
  id: Id.optional(),
  account_id: Id,
  handle: z.string().max(512).optional(),
  name: z.string().max(2048).optional(),
  bio: z.string().max(100_000).optional(),
  avatar_pdq: PdqHex.optional(),
});

export const MediaSchema = z.object({
  kind: z.enum(['image', 'video']),
  pdq: PdqHex.optional(),
  sha256: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/, 'must be 64 hex characters (a SHA-256)')
    .transform((s) => s.toLowerCase())
    .optional(),
  path: z.string().max(4096).optional(),
  url: z.string().max(4096).optional(),
});

export const PostEventSchema = z.object({
  type: z.literal('post'),
  ...base,
  id: Id,
  account_id: Id,
  text: z.string().max(1_000_000, 'longer than 1,000,000 characters'),
  lang: Lang.optional(),
  hashtags: z.array(z.string().max(512)).max(1000).optional(),
  mentions: z.array(z.string().max(512)).max(1000).optional(),
  urls: z.array(z.string().max(4096)).max(1000).optional(),
  reply_to: Id.optional(),
  repost_of: Id.optional(),
  quote_of: Id.optional(),
  media: z.array(MediaSchema).max(100).optional(),
});

export const FollowEventSchema = z.object({
  type: z.literal('follow'),
  ...base,
  id: Id.optional(),
  src: Id,
  dst: Id,
});

export const EnforcementEventSchema = z
  .object({
    type: z.literal('enforcement'),
    ...base,
    id: Id.optional(),
    account_id: Id.optional(),
    post_id: Id.optional(),
    action: z.enum(['suspend', 'remove', 'restore']),
    reason: z.string().max(4096).optional(),
  })
  .refine((e) => e.account_id !== undefined || e.post_id !== undefined, {
    message: 'needs account_id or post_id',
    path: ['account_id'],
  });

export const CanonicalEventSchema = z.discriminatedUnion('type', [
  AccountEventSchema,
  ProfileUpdateEventSchema,
  PostEventSchema,
  FollowEventSchema,
  EnforcementEventSchema,
]);

export const EVENT_TYPES = ['account', 'profile_update', 'post', 'follow', 'enforcement'] as const;
export type EventType = (typeof EVENT_TYPES)[number];
