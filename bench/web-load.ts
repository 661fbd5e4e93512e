// First load of the dashboard's overview in Debian's chromium, on a database the `medium` scenario
// filled (target: under 2 s). Per run, a fresh browser context (cold cache) opens `/` signed in and we
// read Navigation Timing and the time until the overview charts hold data; then a reload in the same
// context (warm cache). Baseline, side by side in the same run: the overview API request alone (what
// the page cannot be faster than). Also the JS bundle: every chunk, and what the overview loads.
//   npx marsad simulate --scale medium --seed 7 --out out/medium
//   npx marsad detect --db out/medium.db --input out/medium/stream.ndjson --out out/medium-detect
//   npx tsx bench/web-load.ts out/medium.db [RUNS=5]
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Page } from 'playwright-core';
import { build } from 'vite';
import { createReviewServices, SYSTEM_ACTOR, syncQueueFromDecisions } from '../src/review/index.js';
import { buildServer, DEFAULT_WEB_ROOT } from '../src/server/app.js';
import { openDatabase } from '../src/store/index.js';

const dbPath = process.argv[2];
const RUNS = Number(process.argv[3] ?? 5);
if (!dbPath) throw new Error('usage: tsx bench/web-load.ts DB_PATH [RUNS]');

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const ms = (x: number) => `${x.toFixed(0)} ms`;
const kb = (x: number) => `${(x / 1024).toFixed(1)} kB`;

// The bundle as `npm run build` writes it (built now, so the figures match the sources).
await build({ configFile: path.resolve('web/vite.config.ts'), logLevel: 'warn' });
const assets = path.join(DEFAULT_WEB_ROOT, 'assets');
const chunks = readdirSync(assets)
  .filter((f) => f.endsWith('.js') || f.endsWith('.css'))
  .map((f) => {
    const body = readFileSync(path.join(assets, f));
    return { file: f, raw: statSync(path.join(assets, f)).size, gzip: gzipSync(body, { level: 9 }).length };
  })
  .sort((a, b) => b.raw - a.raw);

const database = await openDatabase({ dialect: 'sqlite', path: dbPath });
const services = createReviewServices(database, {});
const { key } = await services.keys.create(SYSTEM_ACTOR, { name: 'bench-web-load', role: 'viewer' });
await syncQueueFromDecisions(database, new Date());
const app = await buildServer(database, {});
const url = await app.listen({ host: '127.0.0.1', port: 0 });

const load0 = loadavg();
const cpu0 = process.cpuUsage();
const wall0 = performance.now();

// Baseline: the API request the overview makes, alone.
const api: number[] = [];
for (let i = 0; i < RUNS; i++) {
  const t = performance.now();
  const res = await fetch(`${url}/v1/observe/overview?bucket=hour`, {
    headers: { authorization: `Bearer ${key}` },
  });
  await res.arrayBuffer();
  api.push(performance.now() - t);
}

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});

interface Sample {
  /** When the overview's API request started and ended (Resource Timing). */
  apiStart: number;
  apiEnd: number;
  ttfb: number;
  dcl: number;
  load: number;
  charts: number;
  jsRaw: number;
  jsTransfer: number;
}

const measure = async (page: Page, reload: boolean): Promise<Sample> => {
  if (reload) await page.reload();
  else await page.goto(`${url}/?lang=en`);
  await page.waitForFunction(
    () => {
      const c = window.__marsadCharts?.['overview-activity'];
      const series = (c?.getOption() as { series?: Array<{ data?: unknown[] }> } | undefined)?.series;
      return !!series?.[0]?.data?.length;
    },
    undefined,
    { timeout: 120_000, polling: 20 },
  );
  return page.evaluate(() => {
    const charts = performance.now();
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    const js = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).filter((r) =>
      r.name.endsWith('.js'),
    );
    const overview = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).find((r) =>
      r.name.includes('/v1/observe/overview'),
    );
    return {
      apiStart: overview?.startTime ?? NaN,
      apiEnd: overview?.responseEnd ?? NaN,
      ttfb: nav.responseStart,
      dcl: nav.domContentLoadedEventEnd,
      load: nav.loadEventEnd,
      charts,
      jsRaw: js.reduce((s, r) => s + r.decodedBodySize, 0),
      jsTransfer: js.reduce((s, r) => s + r.transferSize, 0),
    };
  });
};

const cold: Sample[] = [];
const warm: Sample[] = [];
for (let i = 0; i < RUNS; i++) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: 'en' });
  await context.addInitScript((k) => sessionStorage.setItem('marsad.apiKey', k), key);
  const page = await context.newPage();
  cold.push(await measure(page, false));
  warm.push(await measure(page, true));
  await context.close();
}
await browser.close();
const cpu = process.cpuUsage(cpu0);
const wall = performance.now() - wall0;
const load1 = loadavg();
await app.close();
await database.close();

console.log(
  `# web-load: ${RUNS} runs, ${cpus().length} × ${cpus()[0]?.model ?? '?'}, node ${process.version}`,
);
console.log(
  `database: ${dbPath}; load average before ${load0.map((x) => x.toFixed(2)).join(' ')}, after ${load1.map((x) => x.toFixed(2)).join(' ')}`,
);
console.log(
  `this process (server + driver): wall ${ms(wall)}, CPU user ${ms(cpu.user / 1000)} + system ${ms(cpu.system / 1000)} (chromium's own CPU not included)`,
);
console.log('');
console.log(
  '| medians | TTFB | DOMContentLoaded | load | overview request sent | its response | overview charts have data | API alone (baseline) | charts / API |',
);
console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
for (const [name, xs] of [
  ['cold (fresh context)', cold],
  ['warm (reload)', warm],
] as const) {
  const charts = median(xs.map((x) => x.charts));
  console.log(
    `| ${name} | ${ms(median(xs.map((x) => x.ttfb)))} | ${ms(median(xs.map((x) => x.dcl)))} | ${ms(median(xs.map((x) => x.load)))} | ${ms(median(xs.map((x) => x.apiStart)))} | ${ms(median(xs.map((x) => x.apiEnd)))} | ${ms(charts)} | ${ms(median(api))} | ${(charts / median(api)).toFixed(2)} |`,
  );
}
console.log('');
console.log(
  `all runs, charts have data (cold): ${cold.map((x) => x.charts.toFixed(0)).join(', ')} ms; API alone: ${api.map((x) => x.toFixed(0)).join(', ')} ms`,
);
console.log(
  `JS the overview loads: ${kb(median(cold.map((x) => x.jsRaw)))} raw, ${kb(median(cold.map((x) => x.jsTransfer)))} transferred (precompressed brotli)`,
);
console.log('');
console.log('| chunk | raw | gzip -9 |');
console.log('| --- | --- | --- |');
for (const c of chunks)
  console.log(`| ${c.file.replace(/-[\w-]{8}\./, '.')} | ${kb(c.raw)} | ${kb(c.gzip)} |`);
const js = chunks.filter((c) => c.file.endsWith('.js'));
console.log(
  `| all JS (${js.length} files) | ${kb(js.reduce((s, c) => s + c.raw, 0))} | ${kb(js.reduce((s, c) => s + c.gzip, 0))} |`,
);
