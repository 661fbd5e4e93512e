import { withEntities } from '../events/index.js';
import type { IngestItem } from '../ingest/types.js';
import type { Logger } from '../logger.js';
import { silentLogger } from '../logger.js';
import type { ClassifyItem } from './classifier.js';
import { decisionProblem } from './records.js';
import type { ClassifierPool } from './pool.js';
import type { Decision, DecisionKind, Detector, Emit, MatchRecord, PipelineEvent } from './types.js';
import { DEFAULT_VIEW_CAPS, PipelineFacts, type ViewCaps } from './view.js';
import type { NormalisedPost } from '../events/index.js';

/** Hash-bank matching of posts (src/match), run after classification and before the detectors. */
export interface PostMatcher {
  matchPost(post: NormalisedPost): MatchRecord[];
}

/** Where the runner puts its results, chunk by chunk, in stream order. */
export interface PipelineSink {
  /**
   * The events of a chunk (after detectors saw them) and the decisions they caused, in order, with
   * the stream time (epoch ms) at which each decision was emitted.
   */
  write(events: PipelineEvent[], decisions: Decision[], times: number[]): void | Promise<void>;
  quarantine(item: Extract<IngestItem, { ok: false }>): void | Promise<void>;
}

export interface RunnerOptions {
  detectors: Detector[];
  /** Without a pool, nothing is classified (posts get no `post` decision). */
  pool?: ClassifierPool | undefined;
  matcher?: PostMatcher | undefined;
  sink: PipelineSink;
  logger?: Logger;
  /** Texts per classification batch (default 512). */
  batchSize?: number;
  /** Events per chunk at most, so that a stream with few posts still flows (default 4096). */
  maxChunkEvents?: number;
  /** Chunks read ahead while the oldest is classified (default 2 per worker + 1). */
  maxInFlight?: number;
  viewCaps?: ViewCaps;
  /**
   * Live sources (src/pipeline/live.ts): after each batch the source yields, classify and process
   * everything read so far before asking for the next, since the next may come much later.
   */
  drainOnRead?: boolean;
  /** Called after each chunk with the last byte offset read, for progress. */
  onProgress?: (stats: RunStats, offset: number) => void;
}

export interface RunStats {
  events: number;
  posts: number;
  classified: number;
  /** Events whose created_at was before the current stream time (processed at stream time). */
  late: number;
  quarantined: number;
  decisions: Record<DecisionKind, number>;
  detectorErrors: Record<string, number>;
  /** Milliseconds per stage. `classify` is worker busy time; `classifyWait` is the main thread waiting. */
  ms: {
    read: number;
    classify: number;
    classifyWait: number;
    detectors: number;
    write: number;
    total: number;
  };
  view: ReturnType<PipelineFacts['stats']>;
}

interface Chunk {
  events: PipelineEvent[];
  items: ClassifyItem[];
  targets: PipelineEvent[];
  results: Promise<void>;
  settled: boolean;
}

const profileText = (name: string | undefined, bio: string | undefined): string =>
  [name, bio].filter((s) => s !== undefined && s.trim() !== '').join('\n');

/**
 * The online pipeline. Events are read in input order (which the contract says is `created_at`
 * order), grouped in chunks whose texts are classified in worker threads, and fed to the detectors
 * strictly in order as chunks come back: a bounded read-ahead window keeps both cores busy while
 * the output stays in stream order. An event older than the current stream time (late) is processed
 * at the current stream time and counted, so that stream time never goes back and a decision
 * stamped T depends only on events with created_at <= T.
 */
export class PipelineRunner {
  readonly facts: PipelineFacts;
  private readonly logger: Logger;
  private readonly detectors: Detector[];
  private readonly states: unknown[];
  private readonly batchSize: number;
  private readonly maxChunkEvents: number;
  private readonly maxInFlight: number;
  private now = Number.NEGATIVE_INFINITY;
  private seq = 0;
  /** Stream time of the event being processed (the read-ahead side runs ahead of it). */
  private current = 0;
  private decisions: Decision[] = [];
  private times: number[] = [];
  private readonly stats: RunStats;

  constructor(private readonly opts: RunnerOptions) {
    this.logger = opts.logger ?? silentLogger();
    this.detectors = opts.detectors;
    this.states = this.detectors.map((d) => d.createState());
    this.batchSize = opts.batchSize ?? 512;
    this.maxChunkEvents = opts.maxChunkEvents ?? 4096;
    this.maxInFlight = opts.maxInFlight ?? 2 * Math.max(1, opts.pool?.size ?? 0) + 1;
    this.facts = new PipelineFacts(opts.viewCaps ?? DEFAULT_VIEW_CAPS);
    this.stats = {
      events: 0,
      posts: 0,
      classified: 0,
      late: 0,
      quarantined: 0,
      decisions: { post: 0, account: 0, evasion: 0, campaign: 0, hashtag: 0, match: 0 },
      detectorErrors: Object.fromEntries(this.detectors.map((d) => [d.name, 0])),
      ms: { read: 0, classify: 0, classifyWait: 0, detectors: 0, write: 0, total: 0 },
      view: this.facts.stats(),
    };
    this.emits = this.detectors.map((d) => this.emitFor(d.name));
    this.matchEmit = this.emitFor('match');
  }

  private readonly matchEmit: Emit;

  /** Emit functions, one per detector (and one for the matcher), that check what they are given. */
  private readonly emits: Emit[];

  private emitFor(name: string): Emit {
    return (decision: Decision): void => {
      const problem = decisionProblem(decision);
      if (problem === undefined) return this.emit(decision);
      // A record that breaks the contract is refused (never written) and counted as an error of its detector.
      const n = (this.stats.detectorErrors[name] = (this.stats.detectorErrors[name] ?? 0) + 1);
      if (n <= 5)
        this.logger.error(
          { detector: name, problem },
          'detector emitted an invalid decision; it was refused',
        );
    };
  }

  private readonly emit = (decision: Decision): void => {
    this.decisions.push(decision);
    this.times.push(this.current);
    this.stats.decisions[decision.kind]++;
    if (decision.kind === 'account') this.facts.observeAccountDecision(decision.record);
    if (decision.kind === 'evasion') this.facts.observeEvasionDecision(decision.record);
  };

  private newChunk(): Chunk {
    return { events: [], items: [], targets: [], results: Promise.resolve(), settled: true };
  }

  /** Assigns seq and stream time, and queues the texts to classify (in reading order). */
  private prepare(chunk: Chunk, item: Extract<IngestItem, { ok: true }>): void {
    const event = item.event;
    let time = Date.parse(event.created_at);
    if (time < this.now) {
      this.stats.late++;
      time = this.now;
    } else this.now = time;
    const pe: PipelineEvent = { seq: this.seq++, time, event };
    const classify = this.opts.pool !== undefined;
    if (event.type === 'post') {
      this.stats.posts++;
      pe.post = withEntities(event);
      if (classify && event.text.trim() !== '') {
        chunk.items.push({ text: event.text, lang: event.lang, explain: true });
        chunk.targets.push(pe);
      }
    } else if (classify && (event.type === 'account' || event.type === 'profile_update')) {
      const text = profileText(event.name, event.bio);
      if (text !== '') {
        chunk.items.push({ text, lang: event.type === 'account' ? event.lang : undefined, explain: false });
        chunk.targets.push(pe);
      }
    }
    chunk.events.push(pe);
  }

  private dispatch(chunk: Chunk): void {
    const pool = this.opts.pool;
    if (!pool || chunk.items.length === 0) return;
    chunk.settled = false;
    const items = chunk.items;
    chunk.results = pool.classify(items).then((results) => {
      if (results.length !== items.length) {
        throw new Error(`classifier returned ${results.length} results for ${items.length} texts`);
      }
      results.forEach((r, i) => {
        const pe = chunk.targets[i];
        if (pe) pe.classification = r;
      });
      this.stats.classified += results.length;
      chunk.settled = true;
    });
    // Failures surface when the chunk is drained; avoid an unhandled rejection meanwhile.
    chunk.results.catch(() => {});
  }

  private callDetector(i: number, fn: () => void, seq: number): void {
    try {
      fn();
    } catch (err) {
      const name = this.detectors[i]?.name ?? String(i);
      const n = (this.stats.detectorErrors[name] = (this.stats.detectorErrors[name] ?? 0) + 1);
      if (n <= 5)
        this.logger.error({ err, detector: name, seq }, 'detector failed on an event; it keeps running');
      if (n === 5) this.logger.error({ detector: name }, 'further errors of this detector are only counted');
    }
  }

  private process(pe: PipelineEvent): void {
    const matcher = this.opts.matcher;
    if (matcher && pe.post) {
      try {
        const matches = matcher.matchPost(pe.post);
        if (matches.length > 0) {
          pe.matches = matches;
          for (const record of matches) this.matchEmit({ kind: 'match', record });
        }
      } catch (err) {
        this.stats.detectorErrors['match'] = (this.stats.detectorErrors['match'] ?? 0) + 1;
        if ((this.stats.detectorErrors['match'] ?? 0) <= 5)
          this.logger.error({ err, seq: pe.seq }, 'matcher failed');
      }
    }
    this.current = pe.time;
    this.facts.observe(pe);
    const view = this.facts;
    for (let i = 0; i < this.detectors.length; i++) {
      const d = this.detectors[i] as Detector;
      const state = this.states[i];
      const emit = this.emits[i] as Emit;
      if (d.onTime) this.callDetector(i, () => d.onTime?.(state, pe.time, view, emit), pe.seq);
      this.callDetector(i, () => d.onEvent(state, pe, view, emit), pe.seq);
    }
  }

  private async drain(chunk: Chunk): Promise<void> {
    if (!chunk.settled) {
      const t0 = performance.now();
      await chunk.results;
      this.stats.ms.classifyWait += performance.now() - t0;
    } else await chunk.results;
    const t1 = performance.now();
    for (const pe of chunk.events) this.process(pe);
    this.stats.events += chunk.events.length;
    const t2 = performance.now();
    this.stats.ms.detectors += t2 - t1;
    const { decisions, times } = this.takeDecisions();
    await this.opts.sink.write(chunk.events, decisions, times);
    this.stats.ms.write += performance.now() - t2;
  }

  /** Stream time reached by the detectors (epoch ms), or -Infinity before the first event. */
  streamTime(): number {
    return this.stats.events > 0 ? this.current : Number.NEGATIVE_INFINITY;
  }

  /** Runs the whole input through the detectors and calls `finish` at the end. */
  async run(source: AsyncIterable<IngestItem[]>): Promise<RunStats> {
    const start = performance.now();
    const inFlight: Chunk[] = [];
    let chunk = this.newChunk();
    let offset = 0;
    const flush = async (force: boolean) => {
      while (inFlight.length > 0 && (force || inFlight.length >= this.maxInFlight || inFlight[0]?.settled)) {
        await this.drain(inFlight.shift() as Chunk);
        this.opts.onProgress?.(this.snapshot(start), offset);
      }
    };
    const seal = async () => {
      this.dispatch(chunk);
      inFlight.push(chunk);
      chunk = this.newChunk();
      await flush(false);
    };
    const iterator = source[Symbol.asyncIterator]();
    for (;;) {
      let t0 = performance.now();
      const next = await iterator.next();
      if (next.done) {
        this.stats.ms.read += performance.now() - t0;
        break;
      }
      for (const item of next.value) {
        offset = item.loc.offset;
        if (!item.ok) {
          this.stats.quarantined++;
          await this.opts.sink.quarantine(item);
          continue;
        }
        this.prepare(chunk, item);
        if (chunk.items.length >= this.batchSize || chunk.events.length >= this.maxChunkEvents) {
          this.stats.ms.read += performance.now() - t0;
          await seal();
          t0 = performance.now();
        }
      }
      this.stats.ms.read += performance.now() - t0;
      if (this.opts.drainOnRead) {
        if (chunk.events.length > 0) await seal();
        await flush(true);
      }
    }
    if (chunk.events.length > 0) await seal();
    await flush(true);
    await this.finish();
    return this.snapshot(start);
  }

  private async finish(): Promise<void> {
    const t1 = performance.now();
    for (let i = 0; i < this.detectors.length; i++) {
      const d = this.detectors[i] as Detector;
      const state = this.states[i];
      const emit = this.emits[i] as Emit;
      if (d.finish) this.callDetector(i, () => d.finish?.(state, this.facts, emit), this.seq);
    }
    const t2 = performance.now();
    this.stats.ms.detectors += t2 - t1;
    const { decisions, times } = this.takeDecisions();
    await this.opts.sink.write([], decisions, times);
    this.stats.ms.write += performance.now() - t2;
  }

  private takeDecisions(): { decisions: Decision[]; times: number[] } {
    const out = { decisions: this.decisions, times: this.times };
    this.decisions = [];
    this.times = [];
    return out;
  }

  private snapshot(start: number): RunStats {
    this.stats.ms.total = performance.now() - start;
    this.stats.ms.classify = this.opts.pool?.busyMs ?? 0;
    this.stats.view = this.facts.stats();
    return { ...this.stats, decisions: { ...this.stats.decisions }, ms: { ...this.stats.ms } };
  }
}
