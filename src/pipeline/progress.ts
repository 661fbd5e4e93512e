import cliProgress from 'cli-progress';
import type { RunStats } from './runner.js';

export interface ProgressReporter {
  update(stats: RunStats, offset: number): void;
  stop(): void;
}

/** Progress on a TTY (stderr): bytes read with ETA, and events/s. Nothing when not a TTY. */
export const ttyProgress = (
  totalBytes: number | undefined,
  stream: NodeJS.WriteStream = process.stderr,
): ProgressReporter => {
  if (!stream.isTTY) return { update: () => {}, stop: () => {} };
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format: totalBytes
        ? 'detect |{bar}| {percentage}% | {events} events | {rate} events/s | ETA {eta_formatted}'
        : 'detect | {events} events | {rate} events/s',
      hideCursor: true,
      etaBuffer: 50,
      fps: 5,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(totalBytes ?? 1, 0, { events: 0, rate: 0 });
  return {
    update(stats, offset) {
      const rate = stats.ms.total > 0 ? Math.round((stats.events * 1000) / stats.ms.total) : 0;
      bar.update(totalBytes ? Math.min(offset, totalBytes) : 0, { events: stats.events, rate });
    },
    stop() {
      bar.stop();
    },
  };
};

const pct = (part: number, total: number): string =>
  total > 0 ? `${((100 * part) / total).toFixed(1)}%` : '-';
const sec = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;

/** The end-of-run summary printed by `marsad detect`. */
export const formatSummary = (stats: RunStats, outDir: string, peakRssMb?: number): string => {
  const rate = stats.ms.total > 0 ? Math.round((stats.events * 1000) / stats.ms.total) : 0;
  const d = stats.decisions;
  const m = stats.ms;
  const errors = Object.entries(stats.detectorErrors).filter(([, n]) => n > 0);
  const lines = [
    `events: ${stats.events} in ${sec(m.total)} (${rate} events/s); posts ${stats.posts}, classified texts ${stats.classified}, late ${stats.late}, quarantined ${stats.quarantined}`,
    `decisions: post ${d.post}, account ${d.account}, evasion ${d.evasion}, campaign ${d.campaign}, hashtag ${d.hashtag}, match ${d.match}`,
    `time (main thread): read/parse ${sec(m.read)} (${pct(m.read, m.total)}), waiting for classification ${sec(m.classifyWait)} (${pct(m.classifyWait, m.total)}), detectors ${sec(m.detectors)} (${pct(m.detectors, m.total)}), writing ${sec(m.write)} (${pct(m.write, m.total)})`,
    `classification (worker threads, summed): ${sec(m.classify)}`,
    `outputs: ${outDir}`,
  ];
  if (peakRssMb !== undefined) lines.push(`peak RSS: ${Math.round(peakRssMb)} MB`);
  if (errors.length > 0) lines.push(`detector errors: ${errors.map(([n, c]) => `${n} ${c}`).join(', ')}`);
  if (stats.quarantined > 0) lines.push(`bad records: ${stats.quarantined} (see quarantine.ndjson)`);
  return lines.join('\n');
};
