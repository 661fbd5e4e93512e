// Benchmark of `marsad detect` end to end (issue 4): events/s, peak RSS and time per stage, for
// several variants side by side on the same stream, each in its own process (fresh memory):
//   parse  - read and validate the input only (the floor: what any pipeline must pay)
//   core   - pipeline with the pipeline's own detectors (posts, hashtags), output files only
//   all    - every registered detector, output files only
//   full   - every registered detector, output files + embedded SQLite (events and decisions):
//            what `marsad detect` does by default
//   core-decisions / core-db - the pipeline's own detectors with SQLite decisions only / decisions
//            and events, to split the cost of the database between decisions and events
//
// Usage:
//   npx tsx bench/detect.ts --input STREAM.ndjson [--model FILE] [--workers 2] [--variants parse,core,all,full]
//   npx tsx bench/detect.ts --scale medium ...   (simulates the stream first with `marsad simulate`)
// Without --model the shipped model is used if present, else a keyword double (then say so).
import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const KEYWORD = path.join(ROOT, 'test/pipeline/fixtures/keyword-classifier.ts');

const { values: args } = parseArgs({
  options: {
    input: { type: 'string' },
    scale: { type: 'string' },
    seed: { type: 'string', default: '1' },
    model: { type: 'string' },
    workers: { type: 'string', default: '2' },
    variants: { type: 'string', default: 'parse,core,all,full' },
    child: { type: 'string' },
    out: { type: 'string' },
  },
});

interface ChildResult {
  variant: string;
  events: number;
  seconds: number;
  eventsPerSec: number;
  peakRssMb: number;
  /** CPU seconds of the process (main thread and worker threads, user + system). */
  cpuSeconds: number;
  mainCpuSeconds: number;
  ms?: Record<string, number>;
  decisions?: Record<string, number>;
  detectorErrors?: Record<string, number>;
}

const cpuSeconds = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

// CPU seconds of the main thread alone (Linux: /proc/self/task/<pid>/stat, utime + stime in ticks),
// to tell the serial part (main thread) from the parallel part (worker threads).
const mainThreadCpuSeconds = (): number => {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return Number.NaN;
  }
};

const runChild = async (variant: string): Promise<ChildResult> => {
  const input = args.input as string;
  const t0 = performance.now();
  const c0 = cpuSeconds();
  const m0 = mainThreadCpuSeconds();
  if (variant === 'parse') {
    const { openConnectorInput, detectFormat, getConnector } = await import('../src/ingest/index.js');
    const opened = await openConnectorInput(input);
    let events = 0;
    for await (const batch of getConnector(detectFormat(opened.head, opened.name)).read(opened))
      events += batch.length;
    const seconds = (performance.now() - t0) / 1000;
    return {
      variant,
      events,
      seconds,
      eventsPerSec: events / seconds,
      peakRssMb: process.resourceUsage().maxRSS / 1024,
      cpuSeconds: cpuSeconds() - c0,
      mainCpuSeconds: mainThreadCpuSeconds() - m0,
    };
  }
  const { runDetect } = await import('../src/pipeline/detect.js');
  const { moduleSpec } = await import('../src/pipeline/classifier.js');
  const { createPostDecisionDetector } = await import('../src/pipeline/posts.js');
  const { createHashtagDetector } = await import('../src/pipeline/hashtags.js');
  const detectors = variant.startsWith('core')
    ? [createPostDecisionDetector(), createHashtagDetector()]
    : (await import('../src/pipeline/detectors.js')).defaultDetectors();
  const dir = mkdtempSync(path.join(tmpdir(), 'marsad-bench-detect-'));
  let database;
  if (variant === 'full' || variant === 'core-db' || variant === 'core-decisions') {
    const { openDatabase } = await import('../src/store/index.js');
    database = await openDatabase({ dialect: 'sqlite', path: path.join(dir, 'bench.db') });
  }
  const model = args.model;
  const summary = await runDetect({
    input,
    outDir: path.join(dir, 'out'),
    workers: Number(args.workers),
    classifier: model ? { kind: 'model', path: model } : moduleSpec(KEYWORD),
    detectors,
    database,
    storeEvents: variant !== 'core-decisions',
  });
  await database?.close();
  rmSync(dir, { recursive: true, force: true });
  const seconds = (performance.now() - t0) / 1000;
  const s = summary.stats;
  return {
    variant,
    events: s.events,
    seconds,
    eventsPerSec: s.events / seconds,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    cpuSeconds: cpuSeconds() - c0,
    mainCpuSeconds: mainThreadCpuSeconds() - m0,
    ms: s.ms,
    decisions: s.decisions,
    detectorErrors: s.detectorErrors,
  };
};

// With 2 cores to itself the run takes at least its serial part (main thread CPU) and at least
// half its total CPU: a projection, not a measurement.
const projected = (r: ChildResult): number => r.events / Math.max(r.mainCpuSeconds, r.cpuSeconds / 2);

const fmt = (n: number, d = 0) =>
  n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });

const main = async () => {
  if (args.child) {
    process.stdout.write(`${JSON.stringify(await runChild(args.child))}\n`);
    return;
  }
  if (!args.input && args.scale) {
    const dir = path.join(tmpdir(), `marsad-bench-sim-${args.scale}-${args.seed}`);
    if (!existsSync(path.join(dir, 'stream.ndjson'))) {
      const sim = spawnSync(
        path.join(ROOT, 'node_modules/.bin/tsx'),
        ['src/cli/main.ts', 'simulate', '--scale', args.scale, '--seed', String(args.seed), '--out', dir],
        { cwd: ROOT, stdio: 'inherit' },
      );
      if (sim.status !== 0) throw new Error('simulate failed');
    }
    args.input = path.join(dir, 'stream.ndjson');
  }
  if (!args.input) throw new Error('pass --input FILE or --scale small|medium|large');
  if (!args.model) {
    const shipped = path.join(ROOT, 'models/marsad-text-v1.bin');
    if (existsSync(shipped)) args.model = shipped;
  }
  const results: ChildResult[] = [];
  for (const variant of String(args.variants).split(',')) {
    const childArgs = [
      'bench/detect.ts',
      '--child',
      variant,
      '--input',
      args.input,
      '--workers',
      String(args.workers),
    ];
    if (args.model) childArgs.push('--model', args.model);
    const child = spawnSync(path.join(ROOT, 'node_modules/.bin/tsx'), childArgs, {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, MARSAD_LOG_LEVEL: 'silent' },
      maxBuffer: 1 << 26,
    });
    if (child.status !== 0) {
      process.stderr.write(child.stderr);
      throw new Error(`variant ${variant} failed`);
    }
    const last = child.stdout.trim().split('\n').pop() ?? '{}';
    const r = JSON.parse(last) as ChildResult;
    results.push(r);
    // Raw results as they come, so that a long run is never lost.
    appendFileSync(path.join(tmpdir(), 'marsad-bench-detect.jsonl'), `${last}\n`);
    process.stderr.write(
      `${variant}: ${fmt(r.events)} events in ${fmt(r.seconds, 1)} s = ${fmt(r.eventsPerSec)} events/s, ${fmt(r.cpuSeconds, 1)} CPU s, peak RSS ${fmt(r.peakRssMb)} MB\n`,
    );
  }
  const size = statSync(args.input).size;
  const lines = [
    `input: ${args.input} (${fmt(size / 1e6, 1)} MB); classifier: ${args.model ?? 'keyword double (no model found)'}; workers: ${args.workers}`,
    `load average at the end: ${loadavg()
      .map((l) => l.toFixed(1))
      .join(', ')} (shared machine)`,
    `machine: ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), Node ${process.version}`,
    '',
    '| variant | events | wall s | events/s (measured) | peak RSS (MB) | CPU s (all threads) | CPU s (main thread) | projected events/s on 2 free cores | read/parse | waiting for classify | detectors | writing |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const r of results) {
    const ms = r.ms;
    const share = (k: string) => (ms ? `${fmt((100 * (ms[k] ?? 0)) / (ms['total'] ?? 1), 1)}%` : '-');
    lines.push(
      `| ${r.variant} | ${fmt(r.events)} | ${fmt(r.seconds, 1)} | ${fmt(r.eventsPerSec)} | ${fmt(r.peakRssMb)} | ${fmt(r.cpuSeconds, 1)} | ${fmt(r.mainCpuSeconds, 1)} | ${fmt(projected(r))} | ${share('read')} | ${share('classifyWait')} | ${share('detectors')} | ${share('write')} |`,
    );
  }
  const errors = results.flatMap((r) =>
    Object.entries(r.detectorErrors ?? {})
      .filter(([, n]) => n > 0)
      .map(([d, n]) => `${r.variant}: ${d} ${n}`),
  );
  if (errors.length > 0) lines.push('', `detector errors: ${errors.join('; ')}`);
  process.stdout.write(`${lines.join('\n')}\n`);
};

await main();
