import type { CanonicalEvent } from '../events/index.js';
import { BacklogFullError, BusUnavailableError, errorMessage } from '../errors.js';
import type { Logger } from '../logger.js';
import type { EventIngest } from '../server/deps.js';
import { storeBody, type BodyIngestResult } from '../server/ingest-body.js';
import type { Database } from '../store/index.js';
import { connectBus, type Bus, type DistSettings } from './bus.js';
import { encodeJson, eventMsgId, partitionOf } from './codec.js';
import { DistMetrics } from './metrics.js';
import { setupDistributed } from './setup.js';
import { loadProgress } from './state-store.js';

/** Publishes awaited together (pipelined on the one connection: order is kept). */
const PUBLISH_WINDOW = 2_000;
const RETRY_AFTER_S = 1;

/**
 * POST /v1/events in distributed mode. A request is admitted whole or refused whole (429 when the
 * backlog is over its bound, 503 while NATS is unreachable) before anything is stored; its records
 * are then checked and quarantined exactly as `marsad ingest` does, the valid events stored (so the
 * referential check of the next request sees them), and every valid event — new or already stored —
 * published to `<prefix>.events.<partition>` with Nats-Msg-Id = its canonical identity. The answer
 * waits for JetStream's acknowledgements; a failed publish answers 503 and the client sends the
 * request again (JetStream drops what it already has within the duplicate window).
 */
export class DistIngest implements EventIngest {
  readonly meter = new DistMetrics('serve');
  private natsUp = true;
  private lag = { backlog: 0, behind: 0, at: 0 };
  /** Events admitted since the last lag reading (so that a burst between readings is counted). */
  private admittedSince = 0;
  private poller: NodeJS.Timeout | undefined;
  private polling: Promise<void> = Promise.resolve();

  private constructor(
    readonly bus: Bus,
    private readonly database: Database,
    private readonly logger: Logger,
  ) {
    this.meter.watch(bus);
  }

  static async start(database: Database, settings: DistSettings, logger: Logger): Promise<DistIngest> {
    const bus = await connectBus(settings, 'marsad-serve', logger);
    try {
      await setupDistributed(bus, database, logger);
    } catch (err) {
      await bus.close();
      throw err;
    }
    const ingest = new DistIngest(bus, database, logger);
    ingest.watchStatus();
    await ingest.poll();
    ingest.poller = setInterval(() => void (ingest.polling = ingest.poll()), 250);
    ingest.poller.unref();
    return ingest;
  }

  private watchStatus(): void {
    void (async () => {
      for await (const s of this.bus.nc.status()) {
        if (s.type === 'disconnect') this.natsUp = false;
        if (s.type === 'reconnect') this.natsUp = true;
      }
    })().catch(() => undefined);
  }

  /** Reads the backlog: events not yet classified (the work-queue stream) and not yet through the ordered stage. */
  private async poll(): Promise<void> {
    try {
      const info = await this.bus.jsm.streams.info(this.bus.names.ingestStream);
      const processed = await loadProgress(this.database, this.bus.names.orderedState);
      this.lag = {
        backlog: info.state.messages,
        behind: Math.max(0, info.state.last_seq - processed),
        at: performance.now(),
      };
      this.admittedSince = 0;
      this.natsUp = !this.bus.nc.isClosed();
    } catch (err) {
      this.natsUp = false;
      this.logger.debug({ err: errorMessage(err) }, 'dist: lag reading failed');
    }
  }

  private admit(estimate: number): void {
    if (!this.natsUp) {
      this.meter.refused.inc({ reason: 'nats' });
      throw new BusUnavailableError('the event bus (NATS) is unreachable: nothing was accepted, retry later', RETRY_AFTER_S);
    }
    const max = this.bus.settings.maxBacklog;
    const worst = Math.max(this.lag.backlog, this.lag.behind) + this.admittedSince;
    // An idle pipeline admits any single request, however large (as the live queue does).
    if (worst > 0 && worst + estimate > max) {
      this.meter.refused.inc({ reason: 'backlog' });
      throw new BacklogFullError(
        `the workers are behind (${this.lag.backlog} events waiting to be classified, ${this.lag.behind} not yet through the detectors, bound ${max}): retry later`,
        RETRY_AFTER_S,
        { backlog: this.lag.backlog, behind: this.lag.behind, bound: max },
      );
    }
    this.admittedSince += estimate;
  }

  async ingest(
    body: unknown,
    opts: { format?: string | undefined; platform?: string | undefined },
  ): Promise<BodyIngestResult> {
    const valid: CanonicalEvent[] = [];
    const result = await storeBody(this.database, body, opts, {
      admit: (estimate) => {
        this.admit(estimate);
        return undefined;
      },
      onValid: (events) => {
        for (const e of events) valid.push(e);
      },
    });
    return { ...result, queued: await this.publish(valid) };
  }

  /** Publishes in order and waits for every acknowledgement; throws BusUnavailableError on a failure. */
  private async publish(events: CanonicalEvent[]): Promise<number> {
    const { js, names, settings } = this.bus;
    let acked = 0;
    try {
      for (let i = 0; i < events.length; i += PUBLISH_WINDOW) {
        const slice = events.slice(i, i + PUBLISH_WINDOW);
        await Promise.all(
          slice.map((e) =>
            js.publish(names.ingestSubject(partitionOf(e, settings.partitions)), encodeJson(e), {
              msgID: eventMsgId(e),
            }),
          ),
        );
        acked += slice.length;
      }
    } catch (err) {
      this.meter.refused.inc({ reason: 'publish' });
      this.meter.errors.inc({ stage: 'publish' });
      throw new BusUnavailableError(
        `the event bus did not acknowledge (${errorMessage(err)}): ${acked} of ${events.length} events queued; the events are stored: send the request again`,
        RETRY_AFTER_S,
        { queued: acked, events: events.length },
      );
    } finally {
      this.meter.published.inc(acked);
    }
    return acked;
  }

  async health(): Promise<Record<string, boolean>> {
    let nats = false;
    try {
      await this.bus.jsm.getAccountInfo();
      nats = true;
    } catch {
      nats = false;
    }
    return { nats };
  }

  async metrics(): Promise<{ contentType: string; text: string }> {
    return { contentType: this.meter.contentType, text: await this.meter.text() };
  }

  async stop(): Promise<void> {
    if (this.poller) clearInterval(this.poller);
    await this.polling;
    await this.bus.close();
  }
}
