import { withEntities } from '../events/index.js';
import { fnv1a, hashString } from '../hash.js';
import type { Logger } from '../logger.js';
import { DistinctCounter } from '../pipeline/hll.js';
import { decisionLine, decisionProblem, isSnapshot, snapshotKey } from '../pipeline/records.js';
import type { Decision, Detector, Emit, PipelineEvent } from '../pipeline/types.js';
import { DEFAULT_VIEW_CAPS, PipelineFacts } from '../pipeline/view.js';
import type { EnrichedEvent } from './codec.js';
import { SnapshotError, StateCodec } from './state-snapshot.js';

/**
 * Snapshot version numbers per key, as SnapshotLog numbers them in `marsad detect` (a version only
 * when the line changed), but remembering a 64-bit hash of the latest line instead of the line, so
 * that the state snapshot stays small. Part of the snapshotted state: a replay after a restart
 * numbers versions exactly as the first pass did, so re-written rows are the same rows.
 */
export class VersionLog {
  readonly latest = new Map<string, [number, number, number]>();

  offer(key: string, line: string): number | undefined {
    const h1 = hashString(line);
    const h2 = fnv1a(line, 0x2545f491) >>> 0;
    const prev = this.latest.get(key);
    if (prev && prev[1] === h1 && prev[2] === h2) return undefined;
    const version = (prev?.[0] ?? 0) + 1;
    this.latest.set(key, [version, h1, h2]);
    return version;
  }
}

/** The state of the ordered stage: everything a restart needs to continue exactly. */
export interface OrderedState {
  states: unknown[];
  facts: PipelineFacts;
  versions: VersionLog;
  now: number;
  seq: number;
  current: number;
}

export interface Emitted {
  decision: Decision;
  /** Stream time at emission (epoch ms). */
  time: number;
  /** Snapshot version (snapshot kinds), undefined when it repeats the latest one (not written). */
  version: number | undefined;
}

/**
 * The detectors in stream order, as PipelineRunner.process runs them (hash-bank matches emitted
 * first, the shared view updated, then onTime and onEvent of each detector in registry order, each in
 * its own try/catch, decisions checked against the contract), but fed with events that the
 * classify stage has already classified and matched, and with a state that can be snapshotted.
 */
export class OrderedProcessor {
  state: OrderedState;
  readonly codec: StateCodec;
  private out: Emitted[] = [];
  private readonly emits: Emit[];
  private readonly matchEmit: Emit;
  readonly errors: Record<string, number> = {};

  constructor(
    private readonly detectors: Detector[],
    private readonly logger: Logger,
  ) {
    this.state = this.fresh();
    this.codec = new StateCodec([this.fresh()], [DistinctCounter]);
    this.emits = detectors.map((d) => this.emitFor(d.name));
    this.matchEmit = this.emitFor('match');
  }

  private fresh(): OrderedState {
    return {
      states: this.detectors.map((d) => d.createState()),
      facts: new PipelineFacts(DEFAULT_VIEW_CAPS),
      versions: new VersionLog(),
      now: Number.NEGATIVE_INFINITY,
      seq: 0,
      current: 0,
    };
  }

  snapshot(): Buffer {
    const { states, ...rest } = this.state;
    return this.codec.encode([...states, rest]);
  }

  restore(buf: Buffer): void {
    const n = this.detectors.length;
    const units = this.codec.decode(buf, (i) => (i < n ? this.detectors[i]?.createState() : undefined));
    if (units.length !== n + 1)
      throw new SnapshotError(`snapshot holds ${units.length - 1} detector states; this worker runs ${n}`);
    this.state = { ...(units[n] as Omit<OrderedState, 'states'>), states: units.slice(0, n) };
  }

  private count(name: string): number {
    return (this.errors[name] = (this.errors[name] ?? 0) + 1);
  }

  private emitFor(name: string): Emit {
    return (decision: Decision): void => {
      const problem = decisionProblem(decision);
      if (problem === undefined) return this.emit(decision);
      if (this.count(name) <= 5)
        this.logger.error({ detector: name, problem }, 'detector emitted an invalid decision; it was refused');
    };
  }

  private readonly emit = (decision: Decision): void => {
    const s = this.state;
    const version = isSnapshot(decision)
      ? s.versions.offer(`${decision.kind}\u0001${snapshotKey(decision)}`, decisionLine(decision))
      : 1;
    this.out.push({ decision, time: s.current, version });
    if (decision.kind === 'account') s.facts.observeAccountDecision(decision.record);
    if (decision.kind === 'evasion') s.facts.observeEvasionDecision(decision.record);
  };

  private call(i: number, fn: () => void, seq: number): void {
    try {
      fn();
    } catch (err) {
      const name = this.detectors[i]?.name ?? String(i);
      if (this.count(name) <= 5)
        this.logger.error({ err, detector: name, seq }, 'detector failed on an event; it keeps running');
    }
  }

  /** Runs one event through the detectors; returns the event as they saw it. */
  process(en: EnrichedEvent & { e: NonNullable<EnrichedEvent['e']> }): PipelineEvent {
    const s = this.state;
    const event = en.e;
    let time = Date.parse(event.created_at);
    if (time < s.now) time = s.now;
    else s.now = time;
    const pe: PipelineEvent = { seq: s.seq++, time, event };
    if (event.type === 'post') pe.post = withEntities(event);
    if (en.c) pe.classification = en.c;
    if (en.m && en.m.length > 0) {
      pe.matches = en.m;
      for (const record of en.m) this.matchEmit({ kind: 'match', record });
    }
    s.current = time;
    s.facts.observe(pe);
    for (let i = 0; i < this.detectors.length; i++) {
      const d = this.detectors[i] as Detector;
      const state = s.states[i];
      const emit = this.emits[i] as Emit;
      if (d.onTime) this.call(i, () => d.onTime?.(state, time, s.facts, emit), pe.seq);
      this.call(i, () => d.onEvent(state, pe, s.facts, emit), pe.seq);
    }
    return pe;
  }

  /** End of the stream (shutdown): what detectors hold open. */
  finish(): void {
    const s = this.state;
    for (let i = 0; i < this.detectors.length; i++) {
      const d = this.detectors[i] as Detector;
      const state = s.states[i];
      const emit = this.emits[i] as Emit;
      if (d.finish) this.call(i, () => d.finish?.(state, s.facts, emit), s.seq);
    }
  }

  take(): Emitted[] {
    const out = this.out;
    this.out = [];
    return out;
  }
}
