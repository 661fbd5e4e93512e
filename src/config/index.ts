export { readEnv, type MarsadEnv } from './env.js';
export {
  configFromEnv,
  parseDbUrl,
  DEFAULT_DB_PATH,
  DEFAULT_PG_TEST_URL,
  type MarsadConfig,
  type DbConfig,
  type ConfigOverrides,
} from './config.js';
