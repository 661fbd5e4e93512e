import type { CanonicalEvent } from '../events/index.js';
import { withEntities } from '../events/index.js';
import type {
  Decision,
  Detector,
  MatchRecord,
  PipelineEvent,
  PipelineView,
  PostClassification,
} from '../pipeline/types.js';

/**
 * A minimal stand-in for the pipeline runner, for tests, benchmarks and evaluation of the account
 * detectors alone: it feeds events in order, keeps the facts of PipelineView (unbounded maps: not
 * for production streams) and collects decisions. `marsad detect` (src/pipeline) is the real runner.
 */
export interface HarnessOptions {
  classify?: (event: CanonicalEvent) => PostClassification | undefined;
  matches?: (event: CanonicalEvent) => MatchRecord[] | undefined;
  /** Evasion decisions known from the start (account → suspended predecessor), for tests. */
  recreations?: ReadonlyMap<string, string>;
}

export class LocalView implements PipelineView {
  readonly risk = new Map<string, number>();
  readonly flagged = new Set<string>();
  readonly suspended = new Set<string>();
  readonly created = new Map<string, number>();
  readonly authors = new Map<string, string>();
  readonly classes = new Map<string, PostClassification>();
  readonly recreations = new Map<string, string>();
  recreationOf(id: string): string | undefined {
    return this.recreations.get(id);
  }
  accountRisk(id: string): number {
    return this.risk.get(id) ?? 0;
  }
  isAccountFlagged(id: string): boolean {
    return this.flagged.has(id);
  }
  isAccountSuspended(id: string): boolean {
    return this.suspended.has(id);
  }
  accountCreatedAt(id: string): number | undefined {
    return this.created.get(id);
  }
  postClassification(id: string): PostClassification | undefined {
    return this.classes.get(id);
  }
  postAuthor(id: string): string | undefined {
    return this.authors.get(id);
  }
}

export interface HarnessRun {
  decisions: Array<Decision & { seq: number }>;
  states: unknown[];
  view: LocalView;
}

export const runDetectors = (
  detectors: ReadonlyArray<Detector<unknown>>,
  events: Iterable<CanonicalEvent>,
  opts: HarnessOptions = {},
): HarnessRun => {
  const view = new LocalView();
  for (const [k, v] of opts.recreations ?? []) view.recreations.set(k, v);
  const states = detectors.map((d) => d.createState());
  const decisions: Array<Decision & { seq: number }> = [];
  let seq = 0;
  for (const event of events) {
    const time = Date.parse(event.created_at);
    const ev: PipelineEvent = { seq, time, event };
    if (event.type === 'post') ev.post = withEntities(event);
    const cls = opts.classify?.(event);
    if (cls) ev.classification = cls;
    const m = opts.matches?.(event);
    if (m) ev.matches = m;
    const emit = (d: Decision): void => {
      decisions.push({ ...d, seq });
      if (d.kind === 'account') {
        view.risk.set(d.record.id, d.record.risk);
        if (d.record.flagged_at !== null) view.flagged.add(d.record.id);
        else view.flagged.delete(d.record.id);
      }
      if (d.kind === 'evasion') view.recreations.set(d.record.account_id, d.record.suspended_account_id);
    };
    detectors.forEach((d, i) => d.onTime?.(states[i], time, view, emit));
    detectors.forEach((d, i) => d.onEvent(states[i], ev, view, emit));
    if (event.type === 'account') view.created.set(event.id, time);
    if (event.type === 'post') {
      view.authors.set(event.id, event.account_id);
      if (cls) view.classes.set(event.id, cls);
    }
    if (event.type === 'enforcement' && event.account_id !== undefined) {
      if (event.action === 'suspend') view.suspended.add(event.account_id);
      if (event.action === 'restore') view.suspended.delete(event.account_id);
    }
    seq++;
  }
  detectors.forEach((d, i) => d.finish?.(states[i], view, (x) => decisions.push({ ...x, seq })));
  return { decisions, states, view };
};
