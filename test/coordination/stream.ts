// Tiny hand-written streams for the coordination tests (no corpus text).
import { withEntities, parseEvent, type CanonicalEvent } from '../../src/events/index.js';
import { createCoordinationDetector, type CoordinationOptions } from '../../src/coordination/index.js';
import type { DeepPartial } from '../../src/coordination/options.js';
import { PipelineFacts } from '../../src/pipeline/view.js';
import type { CampaignRecord, Decision, PipelineEvent } from '../../src/pipeline/types.js';

export const T0 = Date.parse('2025-01-01T00:00:00.000Z');
export const MIN = 60_000;

let n = 0;
export interface PostSpec {
  at: number;
  account: string;
  text?: string;
  repostOf?: string;
  id?: string;
  flagged?: boolean;
}

export type Item = { event: CanonicalEvent; flagged: boolean };
export const post = (p: PostSpec): Item => ({
  event: parseEvent({
    type: 'post',
    platform: 'sim',
    created_at: new Date(p.at).toISOString(),
    id: p.id ?? `p${++n}`,
    account_id: p.account,
    text: p.text ?? '',
    ...(p.repostOf !== undefined ? { repost_of: p.repostOf } : {}),
  }),
  flagged: p.flagged ?? false,
});

export interface Run {
  decisions: Array<{ time: number; record: CampaignRecord; final: boolean }>;
  latest: Map<string, CampaignRecord>;
  state: ReturnType<ReturnType<typeof createCoordinationDetector>['createState']>;
}

/** Runs the coordination detector alone over events (sorted by time), as the pipeline would. */
export const run = (
  items: Array<{ event: CanonicalEvent; flagged: boolean }>,
  opts: DeepPartial<CoordinationOptions> = {},
  finish = true,
): Run => {
  const detector = createCoordinationDetector(opts);
  const state = detector.createState();
  const facts = new PipelineFacts();
  const decisions: Run['decisions'] = [];
  let now = 0;
  let final = false;
  const emit = (d: Decision): void => {
    if (d.kind === 'campaign') decisions.push({ time: now, record: d.record, final });
  };
  const sorted = [...items].sort((a, b) => Date.parse(a.event.created_at) - Date.parse(b.event.created_at));
  sorted.forEach(({ event, flagged }, seq) => {
    now = Date.parse(event.created_at);
    const pe: PipelineEvent = { seq, time: now, event };
    if (event.type === 'post') {
      pe.post = withEntities(event);
      if (event.text.trim() !== '')
        pe.classification = { label: flagged ? 'extremist' : 'other', scores: {}, flagged };
    }
    facts.observe(pe);
    detector.onTime?.(state, now, facts, emit);
    detector.onEvent(state, pe, facts, emit);
  });
  if (finish) {
    final = true;
    detector.finish?.(state, facts, emit);
  }
  const latest = new Map<string, CampaignRecord>();
  for (const d of decisions) latest.set(d.record.id, d.record);
  return { decisions, latest, state };
};

export const byKind = (r: Run, kind: string): CampaignRecord[] =>
  [...r.latest.values()].filter((c) => c.kind === kind);

/** Options that make tiny streams practical: communities from 3 accounts, recomputed every minute, no warm-up. */
export const SMALL: DeepPartial<CoordinationOptions> = {
  minCampaignAccounts: 3,
  recomputeMs: MIN,
  raids: { warmupMs: 0, minRepeaters: 5 },
  copypasta: { burst: { warmupMs: 0, minRepeaters: 5 } },
};

export const accounts = (prefix: string, k: number): string[] =>
  Array.from({ length: k }, (_, i) => `${prefix}${i}`);
