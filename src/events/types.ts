import type { z } from 'zod';
import type {
  AccountEventSchema,
  CanonicalEventSchema,
  EnforcementEventSchema,
  FollowEventSchema,
  MediaSchema,
  PostEventSchema,
  ProfileUpdateEventSchema,
} from './schema.js';

export type AccountEvent = z.output<typeof AccountEventSchema>;
export type ProfileUpdateEvent = z.output<typeof ProfileUpdateEventSchema>;
export type PostEvent = z.output<typeof PostEventSchema>;
export type FollowEvent = z.output<typeof FollowEventSchema>;
export type EnforcementEvent = z.output<typeof EnforcementEventSchema>;
export type Media = z.output<typeof MediaSchema>;
export type CanonicalEvent = z.output<typeof CanonicalEventSchema>;

/** A post whose hashtags, mentions and urls are always present (taken from the text when absent). */
export type NormalisedPost = PostEvent & { hashtags: string[]; mentions: string[]; urls: string[] };
