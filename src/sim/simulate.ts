import { armyDay } from './army.js';
import { SCALES, scenarioConfig, type Scale } from './config.js';
import { organicDay } from './organic.js';
import { planWorld } from './plan.js';
import { runLifecycle } from './takedowns.js';
import { World } from './state.js';
import { TextSource, type Corpus } from './texts.js';
import type { Truth, TruthRecreation } from './truth.js';
import { DAY, iso, type SimAccount } from './world.js';
import { ValidationError } from '../errors.js';

export const SCENARIOS = ['default'] as const;
export type ScenarioName = (typeof SCENARIOS)[number];

export interface SimulateOptions {
  scenario: string;
  seed: number;
  scale: Scale;
  days?: number;
  corpus?: Corpus;
}

/** Where the stream goes: NDJSON chunks, in order (the CLI writes them to a file with backpressure). */
export interface StreamSink {
  write(chunk: string): Promise<void> | void;
}

export interface SimProgress {
  day: number;
  days: number;
  events: number;
}

// Lines are joined into chunks of about this many characters before each write.
const CHUNK_CHARS = 1 << 20;

/**
 * Runs a scenario day by day: each day's events are generated, sorted and written before the next
 * day starts, so memory holds about one day of events (plus spill-over into the next day).
 */
export const simulate = async (
  opts: SimulateOptions,
  sink: StreamSink,
  onProgress?: (p: SimProgress) => void,
): Promise<Truth> => {
  if (!(SCENARIOS as readonly string[]).includes(opts.scenario)) {
    throw new ValidationError(`unknown scenario "${opts.scenario}" (known: ${SCENARIOS.join(', ')})`, {
      field: 'scenario',
    });
  }
  if (!SCALES.includes(opts.scale))
    throw new ValidationError(`unknown scale "${String(opts.scale)}" (small, medium or large)`, {
      field: 'scale',
    });
  if (!Number.isSafeInteger(opts.seed))
    throw new ValidationError('seed must be an integer', { field: 'seed' });
  if (opts.days !== undefined && (!Number.isInteger(opts.days) || opts.days < 1 || opts.days > 365)) {
    throw new ValidationError('days must be an integer from 1 to 365', { field: 'days' });
  }
  const cfg = scenarioConfig(opts.scale, opts.days);
  const w = new World(cfg, opts.seed, new TextSource(opts.corpus));
  planWorld(w);

  const flush = async (day: number): Promise<void> => {
    let chunk = '';
    for (const e of w.em.take(day)) {
      chunk += `${JSON.stringify(e.obj)}\n`;
      if (chunk.length >= CHUNK_CHARS) {
        await sink.write(chunk);
        chunk = '';
      }
    }
    if (chunk) await sink.write(chunk);
  };

  await flush(-1);
  let li = 0;
  for (let d = 0; d < cfg.days; d++) {
    const dayEnd = w.dayStart(d) + DAY;
    const lrng = w.root.fork(`lifecycle-${d}`);
    while (li < w.lifecycle.length && (w.lifecycle[li]?.t ?? Infinity) < dayEnd) {
      const item = w.lifecycle[li++];
      if (item) runLifecycle(w, item, lrng);
    }
    organicDay(w, d);
    armyDay(w, d);
    w.endOfDayTags();
    await flush(d);
    onProgress?.({ day: d + 1, days: cfg.days, events: w.em.counts.events });
  }
  return buildTruth(w, opts);
};

const ids = (xs: readonly SimAccount[]): string[] => xs.map((a) => a.id);
const isoOrNull = (t: number | undefined): string | null => (t === undefined ? null : iso(t));

const buildTruth = (w: World, opts: SimulateOptions): Truth => {
  const army = w.all.filter((a) => a.role === 'core' || a.role === 'amp' || a.role === 'tg');
  const recreated: TruthRecreation[] = army
    .filter((a) => a.recreation !== undefined && a.createdAt < w.end)
    .map((a) => ({
      account_id: a.id,
      replaces: a.recreation?.replaces.id ?? '',
      chain_root: a.recreation?.root ?? '',
      generation: a.recreation?.generation ?? 1,
      difficulty: a.recreation?.difficulty ?? 'easy',
      created_at: iso(a.createdAt),
      ...(a.blankUntil !== undefined ? { profile_update_at: iso(a.blankUntil) } : {}),
      first_post_at: isoOrNull(a.firstPostAt),
      first_content_post_at: isoOrNull(a.firstContentAt),
    }));
  const existing = (a: SimAccount): boolean => a.createdAt < w.end;
  const organicNew = w.organic.filter((a) => a.isNew && existing(a));
  return {
    scenario: opts.scenario,
    seed: opts.seed,
    scale: opts.scale,
    texts: opts.corpus ? 'corpus' : 'builtin',
    start: iso(w.start),
    end: iso(w.end),
    counts: { ...w.em.counts },
    extremist_accounts: ids(army.filter(existing)),
    army_core_accounts: ids(w.core.filter(existing)),
    telegram_accounts: ids(w.telegram.filter(existing)),
    news_accounts: ids(w.news),
    benign_campaign_accounts: ids(w.counter),
    organic_accounts: ids(w.organic.filter(existing)),
    organic_new_accounts: ids(organicNew),
    organic_new_kunya_accounts: ids(organicNew.filter((a) => a.kunya)),
    recreated_accounts: recreated,
    campaigns: w.campaigns.filter((c) => c.posts > 0).map((c) => c.toTruth()),
    extremist_post_ids: w.extremistPosts,
    neutral_post_ids: w.neutralPosts,
    suspensions: w.suspensions.map((s) => ({ account_id: s.account_id, at: iso(s.at) })),
    organic_bursts: w.organicBursts.map((b) => ({ ...b, start: iso(b.start), end: iso(b.end) })),
    surge_days: w.cfg.army.surgeDays.map((d) => iso(w.dayStart(d)).slice(0, 10)),
  };
};
