import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import type { Bus } from './bus.js';
import { readLag } from './bus.js';

/**
 * Prometheus metrics of one distributed process (serve or worker), in its own registry so that two
 * in one process (tests) do not clash. Rates (events/s, decisions/s) are `rate()` of the counters.
 * Lag gauges are read from JetStream when scraped.
 */
export class DistMetrics {
  readonly registry = new Registry();
  readonly published: Counter;
  readonly refused: Counter<'reason'>;
  readonly classified: Counter;
  readonly processed: Counter;
  readonly decisions: Counter<'kind'>;
  readonly errors: Counter<'stage'>;
  readonly orderedSeq: Gauge;
  readonly reorderBuffer: Gauge;
  private bus: Bus | undefined;

  constructor(role: string) {
    this.registry.setDefaultLabels({ role });
    collectDefaultMetrics({ register: this.registry, prefix: 'marsad_process_' });
    const r = [this.registry];
    this.published = new Counter({
      name: 'marsad_events_published_total',
      help: 'Events accepted by POST /v1/events and acknowledged by JetStream',
      registers: r,
    });
    this.refused = new Counter({
      name: 'marsad_requests_refused_total',
      help: 'POST /v1/events requests refused whole (backlog over its bound, or NATS unreachable)',
      labelNames: ['reason'],
      registers: r,
    });
    this.classified = new Counter({
      name: 'marsad_events_classified_total',
      help: 'Events through the classify stage (classified, matched, re-published)',
      registers: r,
    });
    this.processed = new Counter({
      name: 'marsad_events_processed_total',
      help: 'Events through the ordered stage (detectors run, effects committed)',
      registers: r,
    });
    this.decisions = new Counter({
      name: 'marsad_decisions_total',
      help: 'Decisions emitted by the detectors',
      labelNames: ['kind'],
      registers: r,
    });
    this.errors = new Counter({
      name: 'marsad_errors_total',
      help: 'Errors by stage (publish, classify, ordered, detector, snapshot)',
      labelNames: ['stage'],
      registers: r,
    });
    this.orderedSeq = new Gauge({
      name: 'marsad_ordered_processed_seq',
      help: 'Ingest stream sequence up to which the ordered stage has committed every effect',
      registers: r,
    });
    this.reorderBuffer = new Gauge({
      name: 'marsad_ordered_reorder_buffer',
      help: 'Enriched events held by the ordered stage until the ones before them arrive',
      registers: r,
    });
    const bus = (): Bus | undefined => this.bus;
    new Gauge({
      name: 'marsad_consumer_lag',
      help: 'Messages not yet delivered plus delivered but not acknowledged, per classify consumer',
      labelNames: ['consumer'],
      registers: r,
      async collect() {
        const b = bus();
        if (!b) return;
        this.reset();
        const lag = await readLag(b).catch(() => undefined);
        for (const c of lag?.consumers ?? []) this.set({ consumer: c.name }, c.pending + c.ackPending);
      },
    });
    new Gauge({
      name: 'marsad_stream_messages',
      help: 'Messages held by each JetStream stream (ingest = not yet classified)',
      labelNames: ['stream'],
      registers: r,
      async collect() {
        const b = bus();
        if (!b) return;
        this.reset();
        const lag = await readLag(b).catch(() => undefined);
        if (!lag) return;
        this.set({ stream: 'ingest' }, lag.ingestBacklog);
        this.set({ stream: 'enriched' }, lag.enrichedMessages);
      },
    });
  }

  /** Lag gauges read this bus when scraped. */
  watch(bus: Bus): void {
    this.bus = bus;
  }

  text(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
