import { activeModelPath } from './classify/feedback-models.js';
import { configFromEnv, readEnv, type ConfigOverrides, type MarsadConfig } from './config/index.js';
import { createLogger, type Logger } from './logger.js';
import { openDatabase, type Database } from './store/index.js';
import { createReviewServices, type ReviewServices } from './review/index.js';

export interface AppContextOverrides {
  logger?: Logger;
  database?: Database;
}

/**
 * The composition root: builds the database, models and services from the config.
 * Tests pass overrides instead of mocking modules. `destroy()` releases in reverse order.
 */
export class AppContext {
  private constructor(
    readonly cfg: MarsadConfig,
    readonly logger: Logger,
    readonly database: Database,
  ) {}

  static async fromConfig(cfg: MarsadConfig, overrides: AppContextOverrides = {}): Promise<AppContext> {
    const logger = overrides.logger ?? createLogger(cfg.logLevel);
    const database = overrides.database ?? (await openDatabase(cfg.db));
    return new AppContext(cfg, logger, database);
  }

  /** Reads MARSAD_* from the environment (the only place that does) and builds the context. */
  static async fromEnv(
    overrides: ConfigOverrides = {},
    ctxOverrides: AppContextOverrides = {},
  ): Promise<AppContext> {
    return AppContext.fromConfig(configFromEnv(readEnv(), overrides), ctxOverrides);
  }

  get db() {
    return this.database.db;
  }

  private reviewServices: ReviewServices | undefined;
  /** Keys, review queue and audit log (src/review), bound to this context's database. */
  get review(): ReviewServices {
    return (this.reviewServices ??= createReviewServices(this.database));
  }

  /**
   * The text model named by the configuration: MARSAD_MODEL_PATH when set, else the latest promoted
   * model of the registry (`marsad model promote`); undefined leaves the shipped model as fallback.
   */
  async configuredModelPath(): Promise<string | undefined> {
    return this.cfg.modelPath ?? (await activeModelPath(this.database));
  }

  async destroy(): Promise<void> {
    await this.database.close();
  }
}
