// Parameters of the `default` scenario, one object per scale. Rates are per account per day unless
// named otherwise; times are in minutes or hours as named. See docs/simulator.md.

export type Scale = 'small' | 'medium' | 'large';
export const SCALES: readonly Scale[] = ['small', 'medium', 'large'];

export interface ScenarioConfig {
  /** Stream start (UTC midnight); the simulation covers `days` whole days from here. */
  start: string;
  days: number;
  organic: {
    /** Accounts that exist before the stream starts. */
    initial: number;
    /** New organic accounts created per day, spread over the day. */
    newPerDay: number;
    /** Share of new organic accounts with a common kunya-style name ("أبو محمد", "Abu Ahmed"). */
    kunyaShare: number;
    /** Median posts per day (log-normal across accounts, sigma 0.9). */
    postsPerDay: number;
    /** Share of posts that are replies / reposts / quotes (the rest are originals). */
    replyShare: number;
    repostShare: number;
    quoteShare: number;
    /** Follows made at creation (preferential attachment) and new follows per day. */
    initialFollows: number;
    followsPerDay: number;
    /** Share of English-speaking accounts. */
    englishShare: number;
    /** Profile updates per 1,000 accounts per day. */
    profileUpdatesPerMille: number;
    /**
     * Organic bursts (uncoordinated): per day, a share of ordinary users post once each with a
     * breaking-event hashtag within `burstMinutes` — the hard negative for raid detection.
     */
    burstsPerDay: number;
    burstShare: number;
    burstMinutes: number;
  };
  news: { accounts: number; postsPerDay: number; quoteArmyShare: number; armyHashtagShare: number };
  counter: {
    /** Accounts of the benign counter-speech campaign (they are ordinary accounts otherwise). */
    accounts: number;
    /** Days (0-based) on which the campaign bursts, and the burst length in minutes. */
    burstDays: number[];
    burstMinutes: number;
    postsPerAccount: [number, number];
  };
  army: {
    core: number;
    cells: number;
    cellSize: number;
    corePostsPerDay: number;
    amplifierPostsPerDay: number;
    /** Probability that a cell member reposts one of its core's posts, and the delay (median seconds). */
    repostProb: number;
    repostDelayMedianSec: number;
    raidsPerDay: number;
    /** Share of raids that hijack a hashtag organic users are already using. */
    hijackShare: number;
    raidMinutes: number;
    raidPostsPerAccount: [number, number];
    raidParticipation: number;
    copypastaPerDay: number;
    copypastaMinutes: number;
    copypastaParticipation: number;
    /** Days (0-based) with a posting surge, and its factor on army volume. */
    surgeDays: number[];
    surgeFactor: number;
    /** Probability that a cell member follows a cell mate at creation (plus all core accounts). */
    cellFollowProb: number;
  };
  takedown: {
    /** Probability that an initial amplifier / core account is suspended during the stream. */
    suspendAmplifier: number;
    suspendCore: number;
    /** Probability that a re-created account is itself suspended (chains A → B → C). */
    suspendRecreated: number;
    /** Mean hours from a re-created account's first post to its suspension. */
    recreatedLifetimeHours: number;
    /** Probability that a suspended account comes back, and the median delay in hours. */
    recreateProb: number;
    recreateDelayMedianHours: number;
    /** Median minutes between a re-created account's creation and its first post. */
    firstPostDelayMedianMin: number;
  };
  telegram: {
    channels: number;
    /** Day (0-based) from which part of the army's activity moves to Telegram. */
    fromDay: number;
    postsPerDay: number;
    /** Share of sim-platform army volume that remains after the move. */
    remainingShare: number;
  };
}

const START = '2025-03-03T00:00:00.000Z';

export const SCALE_CONFIGS: Record<Scale, ScenarioConfig> = {
  small: {
    start: START,
    days: 2,
    organic: {
      initial: 300,
      newPerDay: 40,
      kunyaShare: 0.35,
      postsPerDay: 12,
      replyShare: 0.15,
      repostShare: 0.2,
      quoteShare: 0.05,
      initialFollows: 8,
      followsPerDay: 1,
      englishShare: 0.2,
      profileUpdatesPerMille: 10,
      burstsPerDay: 1,
      burstShare: 0.1,
      burstMinutes: 90,
    },
    news: { accounts: 6, postsPerDay: 30, quoteArmyShare: 0.1, armyHashtagShare: 0.5 },
    counter: { accounts: 15, burstDays: [1], burstMinutes: 60, postsPerAccount: [2, 4] },
    army: {
      core: 4,
      cells: 2,
      cellSize: 25,
      corePostsPerDay: 15,
      amplifierPostsPerDay: 6,
      repostProb: 0.6,
      repostDelayMedianSec: 90,
      raidsPerDay: 2,
      hijackShare: 0.5,
      raidMinutes: 45,
      raidPostsPerAccount: [2, 4],
      raidParticipation: 0.8,
      copypastaPerDay: 2,
      copypastaMinutes: 30,
      copypastaParticipation: 0.7,
      surgeDays: [0],
      surgeFactor: 1.4,
      cellFollowProb: 0.8,
    },
    takedown: {
      suspendAmplifier: 0.4,
      suspendCore: 0.25,
      suspendRecreated: 0.5,
      recreatedLifetimeHours: 8,
      recreateProb: 0.9,
      recreateDelayMedianHours: 1.5,
      firstPostDelayMedianMin: 45,
    },
    telegram: { channels: 2, fromDay: 1, postsPerDay: 40, remainingShare: 0.7 },
  },
  medium: {
    start: START,
    days: 7,
    organic: {
      initial: 9300,
      newPerDay: 120,
      kunyaShare: 0.35,
      postsPerDay: 3.2,
      replyShare: 0.15,
      repostShare: 0.2,
      quoteShare: 0.05,
      initialFollows: 6,
      followsPerDay: 0.5,
      englishShare: 0.2,
      profileUpdatesPerMille: 5,
      burstsPerDay: 1,
      burstShare: 0.03,
      burstMinutes: 90,
    },
    news: { accounts: 25, postsPerDay: 30, quoteArmyShare: 0.1, armyHashtagShare: 0.4 },
    counter: { accounts: 40, burstDays: [2, 5], burstMinutes: 60, postsPerAccount: [2, 4] },
    army: {
      core: 12,
      cells: 6,
      cellSize: 40,
      corePostsPerDay: 15,
      amplifierPostsPerDay: 5,
      repostProb: 0.6,
      repostDelayMedianSec: 90,
      raidsPerDay: 2,
      hijackShare: 0.4,
      raidMinutes: 45,
      raidPostsPerAccount: [2, 5],
      raidParticipation: 0.8,
      copypastaPerDay: 2,
      copypastaMinutes: 30,
      copypastaParticipation: 0.7,
      surgeDays: [3, 4],
      surgeFactor: 1.4,
      cellFollowProb: 0.7,
    },
    takedown: {
      suspendAmplifier: 0.35,
      suspendCore: 0.2,
      suspendRecreated: 0.35,
      recreatedLifetimeHours: 30,
      recreateProb: 0.85,
      recreateDelayMedianHours: 2,
      firstPostDelayMedianMin: 60,
    },
    telegram: { channels: 4, fromDay: 3, postsPerDay: 60, remainingShare: 0.7 },
  },
  large: {
    start: START,
    days: 14,
    organic: {
      initial: 60000,
      newPerDay: 600,
      kunyaShare: 0.35,
      postsPerDay: 2,
      replyShare: 0.15,
      repostShare: 0.2,
      quoteShare: 0.05,
      initialFollows: 6,
      followsPerDay: 0.3,
      englishShare: 0.2,
      profileUpdatesPerMille: 3,
      burstsPerDay: 1,
      burstShare: 0.01,
      burstMinutes: 90,
    },
    news: { accounts: 80, postsPerDay: 30, quoteArmyShare: 0.1, armyHashtagShare: 0.4 },
    counter: { accounts: 60, burstDays: [3, 7, 11], burstMinutes: 60, postsPerAccount: [2, 4] },
    army: {
      core: 30,
      cells: 15,
      cellSize: 60,
      corePostsPerDay: 15,
      amplifierPostsPerDay: 5,
      repostProb: 0.6,
      repostDelayMedianSec: 90,
      raidsPerDay: 3,
      hijackShare: 0.4,
      raidMinutes: 45,
      raidPostsPerAccount: [2, 5],
      raidParticipation: 0.8,
      copypastaPerDay: 3,
      copypastaMinutes: 30,
      copypastaParticipation: 0.7,
      surgeDays: [4, 5, 9],
      surgeFactor: 1.4,
      cellFollowProb: 0.6,
    },
    takedown: {
      suspendAmplifier: 0.3,
      suspendCore: 0.15,
      suspendRecreated: 0.3,
      recreatedLifetimeHours: 48,
      recreateProb: 0.85,
      recreateDelayMedianHours: 2,
      firstPostDelayMedianMin: 60,
    },
    telegram: { channels: 8, fromDay: 6, postsPerDay: 60, remainingShare: 0.7 },
  },
};

/** The config of a scale, with `days` overridden (surge/burst/telegram days are kept inside the range). */
export const scenarioConfig = (scale: Scale, days?: number): ScenarioConfig => {
  const base = structuredClone(SCALE_CONFIGS[scale]);
  if (days === undefined || days === base.days) return base;
  const d = days;
  const clampDays = (xs: number[]): number[] => {
    const kept = xs.filter((x) => x < d);
    return kept.length > 0 ? kept : [Math.floor(d / 2)];
  };
  base.days = d;
  base.counter.burstDays = clampDays(base.counter.burstDays);
  base.army.surgeDays = clampDays(base.army.surgeDays);
  base.telegram.fromDay = Math.min(base.telegram.fromDay, Math.floor(d / 2));
  return base;
};
