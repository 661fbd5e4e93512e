import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, axeSerious, openPage, settled, signIn, startFixture, type Fixture } from './harness.js';

// End-to-end: the built dashboard in Debian's chromium against `marsad serve`'s API on a fixed
// scenario (see harness.ts). Screenshots of every page, in English and Arabic, go to test-artifacts/web.

let fx: Fixture;
const api = async <T>(key: string, route: string): Promise<T> => {
  const res = await fetch(`${fx.url}${route}`, { headers: { authorization: `Bearer ${key}` } });
  if (!res.ok) throw new Error(`${route}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
};

interface Overview {
  series: Record<string, Array<[string, number]>>;
  totals: Record<string, number>;
  top_hashtags: Array<{ key: string }>;
  top_campaigns: Array<{ id: string }>;
}

/** Pages to visit, with ids taken from the API (a campaign, a re-created account, a hashtag). */
const pages = async (): Promise<Array<{ name: string; path: string }>> => {
  const overview = await api<Overview>(fx.keys.admin, '/v1/observe/overview');
  const evasion = await api<{ items: Array<{ subjectId: string; platform: string }> }>(
    fx.keys.admin,
    '/v1/queue?kind=evasion&limit=1',
  );
  const campaign = overview.top_campaigns[0]?.id;
  const hashtag = overview.top_hashtags[0]?.key;
  const account = evasion.items[0];
  expect(
    campaign && hashtag && account,
    'the scenario has campaigns, hashtags and re-created accounts',
  ).toBeTruthy();
  return [
    { name: 'overview', path: '/' },
    { name: 'hashtags', path: '/hashtags' },
    { name: 'hashtag', path: `/hashtags/${encodeURIComponent(hashtag!)}` },
    { name: 'campaigns', path: '/campaigns' },
    { name: 'campaign', path: `/campaigns/${encodeURIComponent(campaign!)}` },
    { name: 'accounts', path: '/accounts?q=abu' },
    { name: 'account', path: `/accounts/${account!.platform}/${encodeURIComponent(account!.subjectId)}` },
    { name: 'queue', path: '/queue' },
    { name: 'appeals', path: '/appeals' },
    { name: 'transparency', path: '/transparency' },
    { name: 'report', path: '/report' },
  ];
};

beforeAll(async () => {
  fx = await startFixture();
}, 240_000);

afterAll(async () => {
  await fx?.close();
});

describe('the dashboard in chromium', () => {
  for (const lang of ['en', 'ar'] as const) {
    it(`loads every page in ${lang} without console errors or serious axe violations`, async () => {
      const { page, log } = await openPage(fx.browser, lang);
      await signIn(page, fx.url, fx.keys.admin, `?lang=${lang}`);
      for (const p of await pages()) {
        await page.goto(`${fx.url}${p.path}`);
        await settled(page);
        expect(await page.evaluate(() => document.documentElement.lang), p.name).toBe(lang);
        expect(await page.locator('main .status.error').count(), `${p.name}: error shown`).toBe(0);
        // Nothing sticks out sideways (in right-to-left layout that would shift the whole page).
        const width = await page.evaluate(() => [document.documentElement.scrollWidth, innerWidth]);
        expect(width[0], `${lang} ${p.name}: page wider than the window`).toBeLessThanOrEqual(width[1]!);
        await page.screenshot({ path: path.join(ARTIFACTS, `${lang}-${p.name}.png`) });
        expect(await axeSerious(page), `${lang} ${p.name}: axe`).toEqual([]);
      }
      expect(log.errors).toEqual([]);
      await page.context().close();
    }, 180_000);
  }

  it('plots exactly the numbers the overview API returns', async () => {
    const { page, log } = await openPage(fx.browser, 'en');
    await signIn(page, fx.url, fx.keys.viewer, '?lang=en');
    await settled(page);
    await page.waitForFunction(() => !!window.__marsadCharts?.['overview-activity']);
    // The dashboard asks for hourly buckets unless told otherwise.
    const expected = await api<Overview>(fx.keys.viewer, '/v1/observe/overview?bucket=hour');
    expect(expected.series['posts']!.length).toBeGreaterThan(24);
    const plotted = await page.evaluate(() => {
      const out: Record<string, Array<Array<[string, number]>>> = {};
      for (const id of ['overview-activity', 'overview-accounts', 'overview-engagement']) {
        const option = window.__marsadCharts![id]!.getOption() as {
          series: Array<{ data: Array<[string, number]> }>;
        };
        out[id] = option.series.map((s) => s.data);
      }
      return out;
    });
    expect(plotted['overview-activity']).toEqual([
      expected.series['posts'],
      expected.series['flagged_posts'],
    ]);
    expect(plotted['overview-accounts']).toEqual([
      expected.series['active_flagged_accounts'],
      expected.series['new_accounts'],
      expected.series['suspensions'],
      expected.series['recreations'],
    ]);
    expect(plotted['overview-engagement']).toEqual([expected.series['flagged_engagement']]);
    expect(expected.totals['posts']).toBeGreaterThan(0);
    for (const [metric, total] of Object.entries(expected.totals)) {
      const shown = await page.locator(`[data-metric="${metric}"] .card-value`).getAttribute('data-value');
      expect(Number(shown), metric).toBe(total);
    }
    expect(log.errors).toEqual([]);
    await page.context().close();
  });

  it('lays Arabic out right to left, English left to right', async () => {
    const layout = async (page: Page) =>
      page.evaluate(() => {
        const nav = document.querySelector('nav.side')!.getBoundingClientRect();
        const main = document.querySelector('main')!.getBoundingClientRect();
        const option = window.__marsadCharts!['overview-activity']!.getOption() as {
          xAxis: Array<{ inverse: boolean }>;
          yAxis: Array<{ position: string }>;
        };
        const th = document.querySelector('main table th')!;
        const root = document.documentElement;
        return {
          overflows: root.scrollWidth > root.clientWidth,
          navAtEdge: Math.round(root.dir === 'rtl' ? root.clientWidth - nav.right : nav.left),
          dir: document.documentElement.dir,
          navLeftOfMain: nav.left < main.left,
          xInverse: option.xAxis[0]!.inverse,
          yPosition: option.yAxis[0]!.position,
          thAlign: getComputedStyle(th).textAlign,
          direction: getComputedStyle(th).direction,
        };
      });
    const seen: Record<string, unknown> = {};
    for (const lang of ['ar', 'en'] as const) {
      const { page } = await openPage(fx.browser, lang);
      await signIn(page, fx.url, fx.keys.viewer, `?lang=${lang}`);
      await settled(page);
      await page.waitForFunction(() => !!window.__marsadCharts?.['overview-activity']);
      seen[lang] = await layout(page);
      await page.context().close();
    }
    expect(seen['ar']).toEqual({
      overflows: false,
      navAtEdge: 0,
      dir: 'rtl',
      navLeftOfMain: false,
      xInverse: true,
      yPosition: 'right',
      thAlign: 'start',
      direction: 'rtl',
    });
    expect(seen['en']).toEqual({
      overflows: false,
      navAtEdge: 0,
      dir: 'ltr',
      navLeftOfMain: true,
      xInverse: false,
      yPosition: 'left',
      thAlign: 'start',
      direction: 'ltr',
    });
  });

  it('lets a reviewer confirm a queue item with the keyboard, and the audit log records it', async () => {
    const { page, log } = await openPage(fx.browser, 'en');
    await signIn(page, fx.url, fx.keys.moderator, '?lang=en');
    await page.goto(`${fx.url}/queue`);
    await settled(page);
    const rows = page.locator('[data-testid="queue"] tbody tr');
    await rows.first().waitFor();
    // j moves to the second item, k back to the first: the current item is the first one.
    await page.keyboard.press('j');
    await expect
      .poll(() => page.locator('tr[aria-current="true"]').getAttribute('data-item'))
      .toBe(await rows.nth(1).getAttribute('data-item'));
    await page.keyboard.press('k');
    const id = await rows.first().getAttribute('data-item');
    await expect.poll(() => page.locator('tr[aria-current="true"]').getAttribute('data-item')).toBe(id);
    await page.keyboard.press('c');
    await expect.poll(() => page.locator('[data-testid="queue-message"]').textContent()).toContain(id!);
    const audit = await api<{
      items: Array<{ type: string; subjectId: string; actorName: string; after: { status?: string } }>;
    }>(fx.keys.admin, `/v1/audit?subjectId=${encodeURIComponent(id!)}&type=item_decided`);
    expect(audit.items).toHaveLength(1);
    expect(audit.items[0]).toMatchObject({
      actorName: fx.keyNames.moderator,
      after: { status: 'confirmed' },
    });
    const item = await api<{ status: string }>(fx.keys.admin, `/v1/queue/${encodeURIComponent(id!)}`);
    expect(item.status).toBe('confirmed');
    expect(log.errors).toEqual([]);
    await page.context().close();
  });

  it('files a report from the public form without a key', async () => {
    const { page, log } = await openPage(fx.browser, 'ar');
    await page.goto(`${fx.url}/report?lang=ar`);
    await settled(page);
    await page.getByLabel('المنصة', { exact: true }).fill('sim');
    await page.getByLabel('حساب', { exact: true }).check();
    await page.getByLabel('رقم المنشور أو الحساب').fill('u-web-reported');
    await page.getByLabel('لماذا ينبغي مراجعته؟').fill('ينشر دعاية لتنظيم متطرف');
    await page.getByRole('button', { name: 'إرسال البلاغ' }).click();
    await expect.poll(() => page.locator('[data-testid="report-result"]').textContent()).toContain('شكرًا');
    const item = await api<{ kind: string; reporters: number; origin: string }>(
      fx.keys.admin,
      '/v1/queue/account:sim:u-web-reported',
    );
    expect(item).toMatchObject({ kind: 'account', reporters: 1, origin: 'report' });
    expect(log.errors).toEqual([]);
    await page.screenshot({ path: path.join(ARTIFACTS, 'ar-report-filed.png') });
    await page.context().close();
  });
});
