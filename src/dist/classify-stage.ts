import type { ConsumerMessages, JsMsg } from '@nats-io/jetstream';
import type { CanonicalEvent } from '../events/index.js';
import { withEntities } from '../events/index.js';
import { errorMessage } from '../errors.js';
import type { Logger } from '../logger.js';
import type { ClassifyItem } from '../pipeline/classifier.js';
import type { ClassifierPool } from '../pipeline/pool.js';
import type { PostMatcher } from '../pipeline/runner.js';
import type { Bus } from './bus.js';
import { decodeJson, encodeJson, type EnrichedEvent } from './codec.js';
import { Inbox } from './inbox.js';
import type { DistMetrics } from './metrics.js';

export interface ClassifyStageOptions {
  bus: Bus;
  /** Partitions this worker owns (p ≡ k mod N). */
  partitions: number[];
  pool?: ClassifierPool | undefined;
  matcher?: PostMatcher | undefined;
  logger: Logger;
  metrics: DistMetrics;
  /** Messages classified together at most (default 512). */
  batchSize?: number;
}

const profileText = (name: string | undefined, bio: string | undefined): string =>
  [name, bio].filter((s) => s !== undefined && s.trim() !== '').join('\n');

/** The text the runner would classify for this event (same rule as PipelineRunner.prepare). */
export const classifyItemOf = (event: CanonicalEvent): ClassifyItem | undefined => {
  if (event.type === 'post')
    return event.text.trim() !== '' ? { text: event.text, lang: event.lang, explain: true } : undefined;
  if (event.type === 'account' || event.type === 'profile_update') {
    const text = profileText(event.name, event.bio);
    if (text !== '')
      return { text, lang: event.type === 'account' ? event.lang : undefined, explain: false };
  }
  return undefined;
};

/**
 * The stateless stage: one durable pull consumer per owned partition. Each batch of events is
 * classified and hash-matched, re-published to the enriched stream (Nats-Msg-Id `e<seq>`, so a
 * redelivered batch is dropped as a duplicate), and acknowledged only once JetStream has stored
 * the enriched copies. A crash between the two re-does the batch: at-least-once, without effect
 * beyond the duplicate window because the ordered stage skips sequences it has processed.
 */
export class ClassifyStage {
  private readonly iterators: ConsumerMessages[] = [];
  private loops: Array<Promise<void>> = [];
  private stopped = false;
  private matchErrors = 0;

  constructor(private readonly opts: ClassifyStageOptions) {}

  async start(): Promise<void> {
    const { bus } = this.opts;
    for (const p of this.opts.partitions) {
      const consumer = await bus.js.consumers.get(bus.names.ingestStream, bus.names.classifyConsumer(p));
      // Short pull expiry: a pull the server ended early is replaced within 2 s (30 s by default).
      const messages = await consumer.consume({ max_messages: 2 * (this.opts.batchSize ?? 512), expires: 2000 });
      this.iterators.push(messages);
      this.loops.push(this.loop(p, messages));
    }
  }

  private async loop(p: number, messages: ConsumerMessages): Promise<void> {
    const max = this.opts.batchSize ?? 512;
    // Receiving and processing are decoupled: what arrives while a batch is processed forms the
    // next batch (large batches under load, none held when idle). Batching on
    // `messages.getPending() > 0` instead held the tail of a burst until ack_wait redelivered it:
    // nats.js over-counts pending by one after its iterator ran a queued pull request.
    const inbox = new Inbox<JsMsg>();
    const receiving = inbox.fill(messages);
    for (;;) {
      const taken = await inbox.take(max);
      if (taken.length === 0 || this.stopped) break;
      await this.process(p, taken);
      if (this.stopped) break;
    }
    await receiving;
  }

  private async process(p: number, msgs: JsMsg[]): Promise<void> {
    const { bus, pool, matcher, metrics, logger } = this.opts;
    const t0 = performance.now();
    try {
      const out: EnrichedEvent[] = [];
      const items: ClassifyItem[] = [];
      const targets: EnrichedEvent[] = [];
      for (const m of msgs) {
        let event: CanonicalEvent;
        try {
          event = decodeJson<CanonicalEvent>(m.data);
        } catch (err) {
          // Cannot happen for what serve publishes; a skip marker keeps the ordered stage moving.
          out.push({ s: m.seq, x: `undecodable message: ${errorMessage(err)}` });
          continue;
        }
        const en: EnrichedEvent = { s: m.seq, e: event };
        const item = pool ? classifyItemOf(event) : undefined;
        if (item) {
          items.push(item);
          targets.push(en);
        }
        if (matcher && event.type === 'post') {
          try {
            const matches = matcher.matchPost(withEntities(event));
            if (matches.length > 0) en.m = matches;
          } catch (err) {
            metrics.errors.inc({ stage: 'match' });
            if (++this.matchErrors <= 5) logger.error({ err, seq: m.seq }, 'matcher failed');
          }
        }
        out.push(en);
      }
      if (pool && items.length > 0) {
        const results = await pool.classify(items);
        results.forEach((r, i) => {
          const t = targets[i];
          if (t) t.c = r;
        });
      }
      const subject = bus.names.enrichedSubject(p);
      await Promise.all(out.map((en) => bus.js.publish(subject, encodeJson(en), { msgID: `e${en.s}` })));
      for (const m of msgs) m.ack();
      metrics.classified.inc(msgs.length);
      logger.debug({ partition: p, events: msgs.length, ms: Math.round(performance.now() - t0), first: msgs[0]?.seq }, 'classify stage: batch');
    } catch (err) {
      // NATS unreachable, or the classifier failed: give the batch back for a later attempt.
      metrics.errors.inc({ stage: 'classify' });
      logger.warn({ err: errorMessage(err), partition: p, events: msgs.length }, 'classify batch failed; retrying');
      for (const m of msgs) {
        try {
          m.nak(1000);
        } catch {
          // Disconnected: redelivered after ack_wait.
        }
      }
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const it of this.iterators) await it.close().catch(() => undefined);
    await Promise.all(this.loops);
    this.loops = [];
  }
}
