import { z } from 'zod';
import { ACTION_TYPES, DECISIONS, ITEM_KINDS, ITEM_STATUSES, REASON_CODES, ROLES } from '../review/index.js';

// Request schemas shared by the routes. Query strings arrive as text, hence the coercions.

const isoTime = z.iso.datetime({ offset: true }).transform((s) => new Date(s).toISOString());
const Limit = z.coerce.number().int().min(1).max(500).optional();

export const QueueQuery = z.object({
  kind: z.enum(ITEM_KINDS).optional(),
  platform: z.string().min(1).max(64).optional(),
  lang: z.string().min(1).max(16).optional(),
  label: z.string().min(1).max(64).optional(),
  status: z.enum(ITEM_STATUSES).optional(),
  riskMin: z.coerce.number().min(0).max(1).optional(),
  riskMax: z.coerce.number().min(0).max(1).optional(),
  from: isoTime.optional(),
  to: isoTime.optional(),
  limit: Limit,
  cursor: z.string().max(512).optional(),
});

export const PostsQuery = z.object({
  platform: z.string().min(1).max(64).optional(),
  account: z.string().min(1).max(256).optional(),
  lang: z.string().min(1).max(16).optional(),
  label: z.string().min(1).max(64).optional(),
  flagged: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  from: isoTime.optional(),
  to: isoTime.optional(),
  limit: Limit,
  cursor: z.string().max(512).optional(),
});

export const ItemParams = z.object({ id: z.string().min(1).max(600) });
export const SubjectParams = z.object({
  platform: z.string().min(1).max(64),
  id: z.string().min(1).max(256),
});

export const DecisionBody = z.strictObject({
  decision: z.enum(DECISIONS),
  reasonCode: z.enum(REASON_CODES),
  note: z.string().max(4000).optional(),
});

export const BulkDecisionBody = z.strictObject({
  target: z.union([
    z.strictObject({ campaignId: z.string().min(1).max(256) }),
    z.strictObject({ platform: z.string().min(1).max(64), suspendedAccountId: z.string().min(1).max(256) }),
  ]),
  decision: z.enum(DECISIONS),
  reasonCode: z.enum(REASON_CODES),
  note: z.string().max(4000).optional(),
});

export const ClaimBody = z
  .strictObject({
    ttlSeconds: z
      .number()
      .int()
      .min(30)
      .max(24 * 3600)
      .optional(),
  })
  .optional();

export const AssignBody = z.strictObject({
  keyId: z.string().min(1).max(64),
  ttlSeconds: z
    .number()
    .int()
    .min(30)
    .max(24 * 3600)
    .optional(),
});

export const KeyBody = z.strictObject({ name: z.string().trim().min(1).max(100), role: z.enum(ROLES) });
export const KeyParams = z.object({ id: z.string().min(1).max(64) });

export const AuditQuery = z.object({
  subjectKind: z.string().min(1).max(32).optional(),
  subjectId: z.string().min(1).max(600).optional(),
  type: z.string().min(1).max(64).optional(),
  after: z.coerce.number().int().min(0).optional(),
  limit: Limit,
});

export const EventsQuery = z.object({
  format: z.string().min(1).max(16).optional(),
  platform: z.string().min(1).max(64).optional(),
});

const Id = z.string().min(1).max(256);
export const ActionBody = z.strictObject({
  itemId: z.string().min(1).max(600).optional(),
  type: z.enum(ACTION_TYPES),
  platform: z.string().min(1).max(64).optional(),
  accountId: Id.optional(),
  postId: Id.optional(),
  reasonCode: z.enum(REASON_CODES),
  label: z.string().min(1).max(64).optional(),
  resources: z
    .array(
      z.strictObject({
        title: z.string().min(1).max(200),
        url: z.url(),
        lang: z.string().max(16).optional(),
      }),
    )
    .max(20)
    .optional(),
});

export const WebhookBody = z.strictObject({
  url: z.url({ protocol: /^https?$/ }),
  secret: z.string().min(16).max(256).optional(),
});
export const OutboxParams = z.object({ id: z.coerce.number().int().min(1) });
export const OutboxQuery = z.object({ status: z.enum(['pending', 'delivered', 'dead']).optional() });

export const AppealBody = z.strictObject({
  token: z.string().min(8).max(200),
  statement: z.string().trim().min(1).max(4000),
});
export const AppealDecisionBody = z.strictObject({
  decision: z.enum(['uphold', 'overturn']),
  note: z.string().max(4000).optional(),
});
export const AppealsQuery = z.object({ status: z.enum(['open', 'upheld', 'overturned']).optional() });

export const ReportBody = z.strictObject({
  platform: z.string().min(1).max(64),
  kind: z.enum(['post', 'account']),
  id: Id,
  reason: z.string().trim().min(1).max(1000),
  reporter: z.string().min(1).max(256).optional(),
});

export const TransparencyQuery = z.object({
  from: isoTime,
  to: isoTime,
  format: z.enum(['json', 'csv', 'html']).optional(),
});

export const PeriodQuery = z.object({
  from: isoTime.optional(),
  to: isoTime.optional(),
  limit: Limit,
});
export const HashtagParams = z.object({ key: z.string().min(1).max(200) });
