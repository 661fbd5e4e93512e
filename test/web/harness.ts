import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build } from 'vite';
import { createReviewServices, SYSTEM_ACTOR, syncQueueFromDecisions } from '../../src/review/index.js';
import { buildServer } from '../../src/server/index.js';
import { openDatabase, type Database } from '../../src/store/index.js';
import { ROOT, runCli } from '../helpers/cli.js';

// The browser tests' fixture: a fixed simulated scenario run through the detectors into a temp
// SQLite database, the dashboard built from the current sources, the API serving both on a free
// port, and Debian's chromium driven by playwright-core (no browser download).

export const CHROMIUM = '/usr/bin/chromium';
export const ARTIFACTS = path.join(ROOT, 'test-artifacts/web');

export interface Fixture {
  url: string;
  database: Database;
  keys: { admin: string; moderator: string; viewer: string };
  keyNames: { moderator: string };
  browser: Browser;
  close(): Promise<void>;
}

const run = async (args: string[]) => {
  const r = await runCli(args);
  if (r.code !== 0) throw new Error(`marsad ${args.join(' ')} failed (${r.code}): ${r.stderr}`);
};

export const startFixture = async (): Promise<Fixture> => {
  if (!existsSync(CHROMIUM))
    throw new Error(
      `${CHROMIUM} is missing: install Debian's chromium (apt-get install chromium; .ci/run does)`,
    );
  const dir = mkdtempSync(path.join(tmpdir(), 'marsad-web-'));
  const dbPath = path.join(dir, 'web.db');
  // A small scenario (two days, ~20k events) with a fixed seed: the same data on every run.
  await run([
    'simulate',
    '--scenario',
    'default',
    '--seed',
    '7',
    '--scale',
    'small',
    '--out',
    path.join(dir, 'sim'),
  ]);
  await run([
    'detect',
    '--db',
    dbPath,
    '--workers',
    '1',
    '--input',
    path.join(dir, 'sim/stream.ndjson'),
    '--out',
    path.join(dir, 'detect'),
  ]);
  const webRoot = path.join(dir, 'web');
  await build({
    configFile: path.join(ROOT, 'web/vite.config.ts'),
    logLevel: 'warn',
    build: { outDir: webRoot, emptyOutDir: true },
  });

  const database = await openDatabase({ dialect: 'sqlite', path: dbPath });
  const services = createReviewServices(database, {});
  const key = async (role: 'admin' | 'moderator' | 'viewer', name: string) =>
    (await services.keys.create(SYSTEM_ACTOR, { name, role })).key;
  const keys = {
    admin: await key('admin', 'web-admin'),
    moderator: await key('moderator', 'web-moderator'),
    viewer: await key('viewer', 'web-viewer'),
  };
  await syncQueueFromDecisions(database, new Date());
  const app = await buildServer(database, { webRoot });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });

  // playwright-core starts chromium with a fresh temporary --user-data-dir of its own (it refuses one
  // in `args`): nothing from an earlier run (storage, cache) leaks into this one.
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
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
  mkdirSync(ARTIFACTS, { recursive: true });
  return {
    url,
    database,
    keys,
    keyNames: { moderator: 'web-moderator' },
    browser,
    close: async () => {
      await browser.close();
      await app.close();
      await database.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
};

export interface PageLog {
  errors: string[];
}

/** A new tab that records console errors and uncaught exceptions. */
export const openPage = async (
  browser: Browser,
  lang: 'en' | 'ar' = 'en',
): Promise<{ page: Page; log: PageLog }> => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: lang });
  const page = await context.newPage();
  const log: PageLog = { errors: [] };
  page.on('console', (m) => {
    if (m.type() === 'error') log.errors.push(`console: ${m.text()} (${m.location().url})`);
  });
  page.on('pageerror', (e) => log.errors.push(`pageerror: ${e.message}`));
  return { page, log };
};

/** Signs a tab in the way `npm start` does: the key in the URL fragment. */
export const signIn = async (page: Page, url: string, key: string, query = ''): Promise<void> => {
  await page.goto(`${url}/${query}#key=${encodeURIComponent(key)}`);
  await page.waitForFunction(() => !window.location.hash && document.querySelector('header .who') !== null);
};

/** Waits until the page has its heading and nothing is loading any more. */
export const settled = async (page: Page, timeout = 60_000): Promise<void> => {
  await page.waitForSelector('main h1', { timeout });
  await page.waitForFunction(() => document.querySelector('main [data-loading]') === null, undefined, {
    timeout,
  });
};

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: number;
}

/** axe-core injected into the page: the violations of impact serious or critical. */
export const axeSerious = async (page: Page): Promise<AxeViolation[]> => {
  await page.addScriptTag({ content: AXE_SOURCE });
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run(
            ctx: Document,
            o: object,
          ): Promise<{
            violations: Array<{ id: string; impact: string | null; help: string; nodes: unknown[] }>;
          }>;
        };
      }
    ).axe;
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.length }));
  });
};
