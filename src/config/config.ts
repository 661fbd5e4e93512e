import path from 'node:path';
import { ConfigError } from '../errors.js';
import type { MarsadEnv } from './env.js';

export type DbConfig = { dialect: 'sqlite'; path: string } | { dialect: 'postgres'; url: string };

export interface MarsadConfig {
  db: DbConfig;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  modelPath: string | undefined;
  natsUrl: string | undefined;
  /** Distributed mode: names, partitions, stream replicas, backlog bound (docs/distributed.md). */
  dist: { prefix: string; partitions: number; replicas: number; maxBacklog: number };
  server: { host: string; port: number };
  /** Worker threads for classification; 0 means "as many as cores". */
  workers: number;
  isCi: boolean;
  pgTestUrl: string;
  webhookSecret: string | undefined;
}

export const DEFAULT_DB_PATH = 'marsad.db';
export const DEFAULT_PG_TEST_URL = 'postgres://postgres@127.0.0.1:5432/test';

/** `sqlite:PATH`, a plain path, or `postgres://…`. */
export const parseDbUrl = (url: string): DbConfig => {
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) return { dialect: 'postgres', url };
  if (url.startsWith('sqlite:')) {
    const file = url.slice('sqlite:'.length);
    if (!file) throw new ConfigError('MARSAD_DB_URL=sqlite: needs a path, e.g. sqlite:./marsad.db');
    return { dialect: 'sqlite', path: file === ':memory:' ? file : path.resolve(file) };
  }
  if (/^[a-z]+:\/\//i.test(url))
    throw new ConfigError(`unsupported database URL scheme in "${url.split(':')[0]}:…"`);
  return { dialect: 'sqlite', path: url === ':memory:' ? url : path.resolve(url) };
};

export interface ConfigOverrides {
  /** `--db PATH` on the command line wins over MARSAD_DB_URL. */
  db?: string;
}

export const configFromEnv = (env: MarsadEnv, overrides: ConfigOverrides = {}): MarsadConfig => ({
  db: parseDbUrl(overrides.db ?? env.MARSAD_DB_URL ?? DEFAULT_DB_PATH),
  logLevel: env.MARSAD_LOG_LEVEL ?? 'info',
  modelPath: env.MARSAD_MODEL_PATH,
  natsUrl: env.MARSAD_NATS_URL,
  dist: {
    prefix: env.MARSAD_DIST_PREFIX ?? 'marsad',
    partitions: env.MARSAD_DIST_PARTITIONS ?? 8,
    replicas: env.MARSAD_DIST_REPLICAS ?? 1,
    maxBacklog: env.MARSAD_DIST_MAX_BACKLOG ?? 200_000,
  },
  server: { host: env.MARSAD_HOST ?? '127.0.0.1', port: env.MARSAD_PORT ?? 7420 },
  workers: env.MARSAD_WORKERS ?? 0,
  isCi: env.CI !== undefined && env.CI !== '' && env.CI !== 'false' && env.CI !== '0',
  pgTestUrl: env.MARSAD_PG_TEST_URL ?? DEFAULT_PG_TEST_URL,
  webhookSecret: env.MARSAD_WEBHOOK_SECRET,
});
