import { z } from 'zod';

// The only place in Marsad that reads process.env. Every variable is MARSAD_*, except CI.
const EnvSchema = z.object({
  MARSAD_DB_URL: z.string().min(1).optional(),
  MARSAD_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
  MARSAD_MODEL_PATH: z.string().min(1).optional(),
  MARSAD_NATS_URL: z.string().min(1).optional(),
  // Distributed mode (src/dist, docs/distributed.md).
  MARSAD_DIST_PREFIX: z
    .string()
    .regex(/^[a-z][a-z0-9_]{0,40}$/, 'lower-case letters, digits and _, starting with a letter')
    .optional(),
  MARSAD_DIST_PARTITIONS: z.coerce.number().int().min(1).max(1024).optional(),
  MARSAD_DIST_REPLICAS: z.coerce.number().int().min(1).max(5).optional(),
  MARSAD_DIST_MAX_BACKLOG: z.coerce.number().int().min(1).optional(),
  MARSAD_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  MARSAD_HOST: z.string().min(1).optional(),
  MARSAD_WORKERS: z.coerce.number().int().min(0).max(64).optional(),
  MARSAD_PG_TEST_URL: z.string().min(1).optional(),
  MARSAD_WEBHOOK_SECRET: z.string().min(1).optional(),
  CI: z.string().optional(),
});

export type MarsadEnv = z.infer<typeof EnvSchema>;

export const readEnv = (source: NodeJS.ProcessEnv = process.env): MarsadEnv => {
  const picked: Record<string, string | undefined> = {};
  for (const key of Object.keys(EnvSchema.shape)) {
    const value = source[key];
    if (value !== undefined && value !== '') picked[key] = value;
  }
  const parsed = EnvSchema.safeParse(picked);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`invalid environment variable ${String(issue?.path[0])}: ${issue?.message}`);
  }
  return parsed.data;
};
