import type { Logger } from '../logger.js';
import type { ClassifierSpec } from '../pipeline/classifier.js';
import { defaultDetectors } from '../pipeline/detectors.js';
import { createPool, type ClassifierPool } from '../pipeline/pool.js';
import type { PostMatcher } from '../pipeline/runner.js';
import type { Detector } from '../pipeline/types.js';
import type { Database } from '../store/index.js';
import { connectBus, type Bus, type DistSettings } from './bus.js';
import { ClassifyStage } from './classify-stage.js';
import { DistMetrics } from './metrics.js';
import { OrderedStage, type OrderedStageOptions } from './ordered-stage.js';
import { setupDistributed } from './setup.js';

export interface WorkerOptions {
  settings: DistSettings;
  database: Database;
  logger: Logger;
  /** This worker's index k in [0, count): it owns partitions p ≡ k (mod count). */
  index: number;
  count: number;
  /** Without a classifier nothing is classified (as `detect --no-classify`). */
  classifier?: ClassifierSpec | undefined;
  /** Classification threads of this process (0: in the main thread; scale with processes instead). */
  threads: number;
  matcher?: PostMatcher | undefined;
  /** Default defaultDetectors(). */
  detectors?: Detector[];
  /** Whether this worker runs the ordered stage (default: worker 0). */
  ordered?: boolean;
  tuning?: Pick<OrderedStageOptions, 'flushEvents' | 'snapshotEvents' | 'snapshotMs'>;
}

/** The partitions worker `index` of `count` owns. */
export const ownedPartitions = (partitions: number, index: number, count: number): number[] => {
  const out: number[] = [];
  for (let p = 0; p < partitions; p++) if (p % count === index) out.push(p);
  return out;
};

/**
 * `marsad worker`: the classify stage for the partitions it owns and, on worker 0, the ordered
 * stage (docs/distributed.md).
 */
export class DistWorker {
  private constructor(
    readonly bus: Bus,
    readonly metrics: DistMetrics,
    private readonly classify: ClassifyStage,
    readonly ordered: OrderedStage | undefined,
    private readonly pool: ClassifierPool | undefined,
  ) {}

  static async start(opts: WorkerOptions): Promise<DistWorker> {
    if (!(opts.count >= 1 && opts.index >= 0 && opts.index < opts.count))
      throw new RangeError(`worker index ${opts.index} of ${opts.count}: need 0 <= index < count`);
    // Clients dropped while checked out are guarded by the database layer (src/store/database.ts).
    const bus = await connectBus(opts.settings, `marsad-worker-${opts.index}`, opts.logger);
    try {
      await setupDistributed(bus, opts.database, opts.logger);
      const pool = opts.classifier ? await createPool(opts.classifier, opts.threads) : undefined;
      const metrics = new DistMetrics('worker');
      metrics.watch(bus);
      const partitions = ownedPartitions(opts.settings.partitions, opts.index, opts.count);
      const classify = new ClassifyStage({
        bus,
        partitions,
        pool,
        matcher: opts.matcher,
        logger: opts.logger,
        metrics,
      });
      const ordered =
        (opts.ordered ?? opts.index === 0)
          ? new OrderedStage({
              bus,
              database: opts.database,
              detectors: opts.detectors ?? defaultDetectors(),
              logger: opts.logger,
              metrics,
              ...opts.tuning,
            })
          : undefined;
      const worker = new DistWorker(bus, metrics, classify, ordered, pool);
      await ordered?.start();
      await classify.start();
      opts.logger.info(
        { index: opts.index, count: opts.count, partitions, ordered: ordered !== undefined },
        'worker started',
      );
      return worker;
    } catch (err) {
      await bus.close();
      throw err;
    }
  }

  /** Stops consuming, commits what is pending (the ordered stage runs `finish` unless told not to), closes. */
  async stop(opts: { finish?: boolean } = {}): Promise<void> {
    await this.classify.stop();
    await this.ordered?.stop(opts);
    await this.pool?.close();
    await this.bus.close();
  }
}
