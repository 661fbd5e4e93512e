import {
  AckPolicy,
  DiscardPolicy,
  jetstream,
  jetstreamManager,
  RetentionPolicy,
  StorageType,
  type JetStreamClient,
  type JetStreamManager,
  type StreamConfig,
} from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import type { MarsadConfig } from '../config/index.js';
import type { Logger } from '../logger.js';

/** The distributed mode's settings (MARSAD_NATS_URL, MARSAD_DIST_*; see docs/distributed.md). */
export interface DistSettings {
  natsUrl: string;
  /** Prefix of subjects, stream, consumer and state names: lets several deployments (or test runs) share one NATS. */
  prefix: string;
  /** Fixed partition count P: subjects `<prefix>.events.<p>`, p in [0, P). Never change it on a live stream. */
  partitions: number;
  /** Stream replicas (1 on a single server; 3 on a 3-node cluster). */
  replicas: number;
  /** Events waiting in the ingest stream, or not yet through the ordered stage, before POST answers 429. */
  maxBacklog: number;
  /** Window in which JetStream drops a re-published event with the same Nats-Msg-Id (ms). */
  duplicateWindowMs: number;
}

export const DEFAULT_NATS_URL = 'nats://127.0.0.1:4222';
export const DEFAULT_DUPLICATE_WINDOW_MS = 5 * 60_000;

export const distSettings = (cfg: MarsadConfig, over: Partial<DistSettings> = {}): DistSettings => ({
  natsUrl: cfg.natsUrl ?? DEFAULT_NATS_URL,
  prefix: cfg.dist.prefix,
  partitions: cfg.dist.partitions,
  replicas: cfg.dist.replicas,
  maxBacklog: cfg.dist.maxBacklog,
  duplicateWindowMs: DEFAULT_DUPLICATE_WINDOW_MS,
  ...over,
});

/** Names derived from the prefix, in one place. */
export const distNames = (s: Pick<DistSettings, 'prefix'>) => {
  const upper = s.prefix.toUpperCase();
  return {
    ingestStream: `${upper}_EVENTS`,
    enrichedStream: `${upper}_ENRICHED`,
    ingestSubject: (p: number) => `${s.prefix}.events.${p}`,
    enrichedSubject: (p: number) => `${s.prefix}.enriched.${p}`,
    classifyConsumer: (p: number) => `${s.prefix}_classify_${p}`,
    /** Row of dist_state of the ordered stage. */
    orderedState: `${s.prefix}:ordered`,
  };
};

const NS = 1_000_000;

/** A connection to NATS with its JetStream client and manager. */
export interface Bus {
  nc: NatsConnection;
  js: JetStreamClient;
  jsm: JetStreamManager;
  settings: DistSettings;
  names: ReturnType<typeof distNames>;
  close(): Promise<void>;
}

/**
 * Connects to NATS; the client reconnects forever after a lost connection (publishes fail
 * meanwhile, and the API answers 503). `name` shows in the server's connection list.
 */
export const connectBus = async (settings: DistSettings, name: string, logger?: Logger): Promise<Bus> => {
  const nc = await connect({
    servers: settings.natsUrl.split(','),
    name,
    maxReconnectAttempts: -1,
    reconnectTimeWait: 500,
    timeout: 5000,
  });
  if (logger) {
    void (async () => {
      for await (const s of nc.status()) {
        if (s.type === 'disconnect' || s.type === 'reconnect')
          logger.warn({ nats: s.type, server: 'server' in s ? s.server : undefined }, `nats: ${s.type}`);
      }
    })().catch(() => undefined);
  }
  const jsm = await jetstreamManager(nc);
  return {
    nc,
    js: jetstream(nc),
    jsm,
    settings,
    names: distNames(settings),
    close: async () => {
      if (!nc.isClosed()) await nc.drain().catch(() => nc.close());
    },
  };
};

const ensureStream = async (jsm: JetStreamManager, config: Partial<StreamConfig> & { name: string }) => {
  try {
    return { info: await jsm.streams.add(config), created: true };
  } catch (err) {
    // Already there (another process created it): keep it, and align the limits we may change.
    const info = await jsm.streams.info(config.name).catch(() => undefined);
    if (!info) throw err;
    const { retention: _r, storage: _s, ...mutable } = config;
    return { info: await jsm.streams.update(config.name, mutable), created: false };
  }
};

/**
 * Creates (or updates) the two streams and one durable pull consumer per partition: idempotent, so
 * `serve` and every worker call it at start. Returns whether the ingest stream was created now.
 */
export const ensureTopology = async (bus: Bus): Promise<{ ingestCreated: boolean; firstSeq: number }> => {
  const { settings, names, jsm } = bus;
  const ingest = await ensureStream(jsm, {
    name: names.ingestStream,
    subjects: [`${settings.prefix}.events.*`],
    // A work queue: a message leaves once the classify stage acked it, so the stream's size is the
    // classify backlog, bounded by max_msgs; beyond it publishes fail (discard new), never old data.
    retention: RetentionPolicy.Workqueue,
    discard: DiscardPolicy.New,
    max_msgs: settings.maxBacklog * 2,
    storage: StorageType.File,
    num_replicas: settings.replicas,
    duplicate_window: settings.duplicateWindowMs * NS,
  });
  await ensureStream(jsm, {
    name: names.enrichedStream,
    subjects: [`${settings.prefix}.enriched.*`],
    // Kept until the ordered stage's snapshot covers it (it purges what it no longer needs).
    retention: RetentionPolicy.Limits,
    discard: DiscardPolicy.New,
    storage: StorageType.File,
    num_replicas: settings.replicas,
    duplicate_window: settings.duplicateWindowMs * NS,
  });
  for (let p = 0; p < settings.partitions; p++) {
    const durable = names.classifyConsumer(p);
    const config = {
      durable_name: durable,
      filter_subject: names.ingestSubject(p),
      ack_policy: AckPolicy.Explicit,
      ack_wait: 30_000 * NS,
      // Bounds what one partition has delivered but not acknowledged: a worker owning all P partitions
      // must classify P × this within ack_wait, or the excess is redelivered (wasted work; the
      // re-publish is dropped as a duplicate). 2,048 is 4 batches, enough to keep a worker busy.
      max_ack_pending: 2048,
      num_replicas: settings.replicas,
    };
    const exists = await jsm.consumers.info(names.ingestStream, durable).catch(() => undefined);
    if (!exists) await jsm.consumers.add(names.ingestStream, config).catch(async (err: unknown) => {
      if (!(await jsm.consumers.info(names.ingestStream, durable).catch(() => undefined))) throw err;
    });
  }
  return { ingestCreated: ingest.created, firstSeq: ingest.info.state.first_seq };
};

/** Stream and consumer counters for backpressure, health and metrics. */
export interface BusLag {
  /** Messages in the ingest stream (not yet classified: a work queue deletes acked ones). */
  ingestBacklog: number;
  /** Last sequence of the ingest stream. */
  ingestLastSeq: number;
  /** Messages in the enriched stream (not yet purged by a snapshot). */
  enrichedMessages: number;
  /** Pending + unacked messages per classify consumer. */
  consumers: Array<{ name: string; pending: number; ackPending: number }>;
}

export const readLag = async (bus: Bus): Promise<BusLag> => {
  const { jsm, names, settings } = bus;
  const ingest = await jsm.streams.info(names.ingestStream);
  const enriched = await jsm.streams.info(names.enrichedStream);
  const consumers: BusLag['consumers'] = [];
  for (let p = 0; p < settings.partitions; p++) {
    const ci = await jsm.consumers.info(names.ingestStream, names.classifyConsumer(p)).catch(() => undefined);
    if (ci)
      consumers.push({ name: ci.name, pending: ci.num_pending, ackPending: ci.num_ack_pending });
  }
  return {
    ingestBacklog: ingest.state.messages,
    ingestLastSeq: ingest.state.last_seq,
    enrichedMessages: enriched.state.messages,
    consumers,
  };
};
