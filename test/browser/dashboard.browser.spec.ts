import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { durationScale, formatDuration, inScale } from '../../src/charts/duration-scale.js';
import { changeVerdict } from '../../src/metrics/core/change-verdict.js';
import { addMonths, dataQualityHref, parseFilters, toMetricsQuery, type MetricsQuery } from '../../src/web/features/dashboard/lib/dashboard-filters.js';
import { launchBrowser } from '../support/browser.js';
import { runHindsight } from '../support/cli.js';
import { checkPage, firstStartPassword, signInReplacingOneTime, watchForPageErrors } from '../support/page-checks.js';
import { startService, type ServiceProcess } from '../support/service-process.js';
import { makeDataDir } from '../support/test-server.js';

const ZONE = 'Europe/Berlin';
const PASSWORD = 'the dashboard reads the API 7';
const METRICS = ['ttd', 'tta', 'ttm', 'ttr'] as const;

/** "2026-03" as the charts label it, "Mar 2026" (three letters in every browser: not ICU's newer "Sept"). */
const shortMonth = (period: string) => `${['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][Number(period.slice(5, 7)) - 1]} ${period.slice(0, 4)}`;

interface ChangePeriod { period: string; periodStart: string; change: { label: 'improved' | 'regressed' | 'no clear change'; nPrevious: number; nCurrent: number } | null }

/** The verdict a tile should show: the latest month that has ended, against the one before, in changeVerdict's words. */
function expectedVerdict(changes: { minSampleSize: number; groups: { periods: ChangePeriod[] }[] }, rangeEnd: string): string | null {
  const periods = changes.groups[0]?.periods ?? [];
  const ended = periods.filter((p, i) => i > 0 && new Date(periods[i + 1]?.periodStart ?? rangeEnd).getTime() <= Date.now());
  const change = ended.at(-1)?.change;
  return change ? changeVerdict(change.label, change.nPrevious, change.nCurrent, changes.minSampleSize) : null;
}

/** The little of the page's DOM the waits read (the server's tsconfig has no DOM types). */
interface PageElement {
  value?: string;
  getAttribute(name: string): string | null;
  querySelector(selector: string): PageElement | null;
  querySelectorAll(selector: string): ArrayLike<PageElement>;
}
type InPage = typeof globalThis & { document: PageElement };

/**
 * Every chart drawn: eight figures, each data-state="drawn" (set once Chart.js has rendered its data), none still
 * loading. A function, not a string: the CSP forbids eval in the page.
 */
const allChartsDrawn = () => {
  const { document } = globalThis as InPage;
  const cards = Array.from(document.querySelectorAll('.chart-card'));
  return cards.length === 8 && cards.every((card) => card.getAttribute('data-state') === 'drawn') && !document.querySelector('.chart-loading');
};

/** What a chart's "Show the figures" table holds: the header row and each row's cells, as text. */
interface FigureTable {
  title: string;
  columns: string[];
  rows: string[][];
}

/**
 * The dashboard as `npm start` serves it, on a DATA_DIR filled by `hindsight demo-data` (300 incidents over 12
 * months), in headless Chromium, REPORT_TIMEZONE Europe/Berlin. Every chart's figures against the metrics API's
 * JSON for the same query; a filter changes them and survives a reload; axe, no console errors, no horizontal
 * scroll at 390 px, screenshots at 1280 and 390 px in test-results/web-app/.
 */
describe('the dashboard', () => {
  const dataDir = makeDataDir('hindsight-dashboard-');
  let service: ServiceProcess;
  let browser: Browser;
  let page: Page;
  let pageErrors: string[];

  beforeAll(async () => {
    // As a user would: demo data into a fresh DATA_DIR (its embedded PostgreSQL), then the service on it.
    const seeded = await runHindsight(['demo-data', '--seed', '7', '--incidents', '300', '--months', '12'], { DATA_DIR: dataDir, REPORT_TIMEZONE: ZONE, EMBEDDED_PG_PORT: '0' });
    expect(seeded.stderr).not.toMatch(/hindsight: /);
    expect(seeded.code).toBe(0);
    service = await startService({ DATA_DIR: dataDir, REPORT_TIMEZONE: ZONE });
    browser = await launchBrowser();
    page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    pageErrors = watchForPageErrors(page);
    // Signed in through the API (the sign-in pages have their own test): the one-time password, then a chosen one.
    await signInReplacingOneTime(page.request, service.url, 'admin', firstStartPassword(service.output()), PASSWORD);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await service?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
  afterEach(() => {
    expect(pageErrors.splice(0)).toEqual([]);
  });

  /** GET on the metrics API with the page's session, as JSON. */
  async function apiGet(path: string, query: MetricsQuery, extra: Record<string, string | string[]> = {}) {
    const params = new URLSearchParams();
    for (const [name, value] of Object.entries({ ...query, ...extra })) for (const v of [value].flat()) params.append(name, v);
    const response = await page.request.get(`${service.url}/api/v1/metrics${path}?${params.toString()}`);
    expect(response.status()).toBe(200);
    return response.json();
  }

  /** Waits until every chart is drawn, then reads each one's figures table. */
  async function figureTables(): Promise<FigureTable[]> {
    await page.waitForFunction(allChartsDrawn);
    // A string, run in the page (the server's tsconfig has no DOM types).
    return page.evaluate<FigureTable[]>(`[...document.querySelectorAll('.chart-card')].map((card) => ({
      title: card.querySelector('h2')?.textContent ?? '',
      columns: [...card.querySelectorAll('thead th')].slice(1).map((th) => th.textContent ?? ''),
      rows: [...card.querySelectorAll('tbody tr')].map((tr) => [...tr.children].map((cell) => cell.textContent ?? '')),
    }))`);
  }
  const table = (tables: FigureTable[], title: RegExp) => {
    const found = tables.find((t) => title.test(t.title));
    if (!found) throw new Error(`no chart titled ${String(title)}: ${tables.map((t) => t.title).join(' | ')}`);
    return found;
  };

  /** Every chart and tile of the page against the API's answers for `query`. */
  async function expectApiFigures(query: MetricsQuery): Promise<void> {
    const [trends, grouped, summary, startTimes, distribution, sla] = await Promise.all([
      apiGet('/severity-trends', query, { period: 'month' }),
      apiGet('', query, { groupBy: ['period:month', 'severity'] }),
      apiGet('', query),
      apiGet('/start-times', query),
      apiGet('/distribution', query, { metric: 'ttr' }),
      apiGet('/sla', query, { groupBy: ['period:month', 'severity'] }),
    ]);
    const tables = await figureTables();
    const months: string[] = trends.periods.map((p: { period: string }) => p.period);

    // Incidents per month by severity: the API's counts, cell for cell.
    const counts = table(tables, /^Incidents by severity$/);
    expect(counts.rows.map((row) => row[0])).toEqual(months.map(shortMonth));
    const severities: string[] = trends.periods[0].severities.map((s: { severity: string }) => s.severity);
    expect(counts.columns).toEqual(severities);
    expect(counts.rows.map((row) => row.slice(1).map(Number))).toEqual(
      trends.periods.map((p: { severities: { incidents: number }[] }) => p.severities.map((s) => s.incidents)),
    );

    // Each duration trend: the API's median and p90 per severity and month, in the axis' unit.
    for (const metric of METRICS) {
      const trend = table(tables, new RegExp(`\\(${metric.toUpperCase()}\\): median and p90$`));
      const groups = grouped.groups as { key: { period: string; severity: string }; metrics: Record<string, { median: number | null; p90: number | null }> }[];
      const scale = durationScale(groups.flatMap((g) => [g.metrics[metric].median, g.metrics[metric].p90]));
      trend.columns.forEach((column, c) => {
        const [severity, figure] = column.split(' ') as [string, 'median' | 'p90'];
        const expected = months.map((month) => {
          const value = groups.find((g) => g.key.period === month && g.key.severity === severity)?.metrics[metric][figure] ?? null;
          return value === null ? '–' : String(inScale(value, scale));
        });
        expect({ column, cells: trend.rows.map((row) => row[c + 1]) }).toEqual({ column, cells: expected });
      });
      expect(trend.columns.length).toBe(2 * new Set(groups.map((g) => g.key.severity)).size);
    }

    // SLA breach rate (resolve target by default): breached / measured per severity and month, in percent.
    const breach = table(tables, /^SLA breach rate$/);
    breach.columns.forEach((severity, c) => {
      const expected = months.map((month) => {
        const resolve = sla.groups.find((g: { key: { period: string; severity: string } }) => g.key.period === month && g.key.severity === severity)?.sla.resolve;
        return resolve && resolve.n > 0 ? String(Math.round((resolve.breached / resolve.n) * 1000) / 10) : '–';
      });
      expect(breach.rows.map((row) => row[c + 1])).toEqual(expected);
    });

    // Distribution of TTR: the API's bucket counts.
    const histogram = table(tables, /^Time to resolve \(TTR\), .*: distribution$/);
    expect(histogram.rows.map((row) => row[0])).toEqual(distribution.buckets.map((b: { label: string }) => b.label));
    expect(histogram.rows.map((row) => Number(row[1]))).toEqual(distribution.buckets.map((b: { incidents: number }) => b.incidents));

    // When incidents start: the API's 7 × 24 cells.
    const heatmap = table(tables, /^When incidents start$/);
    expect(heatmap.rows).toHaveLength(7);
    expect(heatmap.rows.flatMap((row) => row.slice(1).map(Number))).toEqual(startTimes.cells.map((c: { incidents: number }) => c.incidents));

    // Tiles: each figure with its n, the out-of-hours share, and the API's verdict in changeVerdict's words.
    const all = summary.groups[0];
    const tiles = await page.locator('.tile').allInnerTexts();
    expect(tiles[0]).toContain(String(all.incidents));
    for (const [i, metric] of METRICS.entries()) {
      expect(tiles[i + 1]).toContain(formatDuration(all.metrics[metric].median));
      expect(tiles[i + 1]).toContain(`n = ${all.metrics[metric].n}`);
      const verdict = expectedVerdict(await apiGet('/changes', query, { metric, period: 'month' }), query.to);
      expect(tiles[i + 1]).toContain(verdict ?? 'No ended month with one before it in the range');
    }
    expect(tiles[5]).toContain(`${Math.round(startTimes.outOfHoursShare * 1000) / 10} %`);
    expect(tiles[5]).toContain(`n = ${startTimes.incidents}`);
  }

  it('is the home page, and draws every chart with exactly the API\'s numbers for the last 12 months', async () => {
    await page.goto(`${service.url}/`);
    await page.getByRole('heading', { level: 1, name: 'Incident dashboard' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/dashboard');
    const nav = page.getByRole('navigation', { name: 'Main' });
    expect((await nav.getByRole('link').allInnerTexts())[0]).toBe('Dashboard');

    const query = toMetricsQuery(parseFilters(new URLSearchParams(), new Date(), ZONE), ZONE);
    await expectApiFigures(query);
    // Every chart says how it is computed, has an accessible name, and links to what it left out, same scope.
    for (const card of await page.locator('.chart-card').all()) {
      expect((await card.locator('.chart-caption').innerText()).length).toBeGreaterThan(20);
      expect(await card.locator('canvas').getAttribute('aria-label')).toMatch(/\. .+/);
      expect(await card.getByRole('link', { name: 'See what it left out' }).getAttribute('href')).toMatch(/^\/data-quality\?from=/);
    }
    expect(await page.getByRole('link', { name: 'See what it left out' }).first().getAttribute('href')).toBe(dataQualityHref(query, { includeMissing: true }));
    await checkPage(page, 'dashboard');
  });

  it('opens with its queries on the wire before React has loaded, each asked once', async () => {
    // The first visit above left the report time zone in this browser. On a reload the entry module starts every
    // figure's query itself: they are all sent while the app's main chunk (React, the router, Chart.js) is held
    // back here, which could not happen were the page's hooks the first to ask.
    const mainChunk = /\/assets\/start-[^/]+\.js$/;
    const sent: string[] = [];
    let beforeChunk: string[] | null = null;
    let release = () => {};
    const released = new Promise<void>((resolve) => (release = resolve));
    const onRequest = (request: { url(): string }) => {
      const url = new URL(request.url());
      if (url.pathname.startsWith('/api/')) sent.push(url.pathname + url.search);
      if (!beforeChunk && sent.filter((p) => p.startsWith('/api/v1/metrics')).length === 10) {
        beforeChunk = [...sent];
        release();
      }
    };
    page.on('request', onRequest);
    await page.route(mainChunk, async (route) => {
      await Promise.race([released, new Promise((resolve) => setTimeout(resolve, 10_000))]);
      await route.continue();
    });
    await page.goto(`${service.url}/dashboard`);
    await page.waitForFunction(allChartsDrawn);
    await page.waitForLoadState('networkidle');
    page.off('request', onRequest);
    await page.unroute(mainChunk);
    expect((beforeChunk as string[] | null)?.filter((p) => p.startsWith('/api/v1/metrics'))).toHaveLength(10);
    // The hooks then found those queries: 14 requests in all (the session and the three filter lists too), none twice.
    expect(sent).toHaveLength(14);
    expect(new Set(sent).size).toBe(14);
  });

  it('hides and shows a series from the legend under a chart, by keyboard', async () => {
    await page.goto(`${service.url}/dashboard`);
    const card = page.locator('.chart-card').filter({ has: page.getByRole('heading', { name: /\(TTR\): median and p90$/ }) });
    const canvas = card.locator('canvas');
    const series = card.getByRole('list', { name: /^Series of / }).getByRole('button');
    const columns = table(await figureTables(), /\(TTR\): median and p90$/).columns;
    // A pair per severity, as the figures table's columns.
    expect(await series.allInnerTexts()).toEqual(columns);
    const shown = await canvas.screenshot();
    const first = series.first();
    expect(await first.getAttribute('aria-pressed')).toBe('true');
    await first.focus();
    await page.keyboard.press('Space');
    expect(await first.getAttribute('aria-pressed')).toBe('false');
    // Chart.js drew the chart again without that line.
    expect(await canvasBecomes(false)).toBe(true);
    await page.keyboard.press('Enter');
    expect(await first.getAttribute('aria-pressed')).toBe('true');
    expect(await canvasBecomes(true)).toBe(true);

    /** Whether, within a few seconds, the canvas's pixels are (or are not) those it had with every series shown. */
    async function canvasBecomes(same: boolean): Promise<boolean> {
      for (let tries = 0; tries < 25; tries++) {
        if ((await canvas.screenshot()).equals(shown) === same) return true;
        await page.waitForTimeout(200);
      }
      return false;
    }
  });

  it('changes every chart with the filters, keeps them in the URL, and shows the same after a reload', async () => {
    await page.getByLabel('Severity', { exact: true }).selectOption('SEV2');
    const to = parseFilters(new URLSearchParams(), new Date(), ZONE).to;
    await page.getByLabel('From month').fill(addMonths(to, -5));
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.waitForURL(/severity=SEV2/);
    const url = new URL(page.url());
    expect(url.searchParams.get('from')).toBe(addMonths(to, -5));
    expect(url.searchParams.get('severity')).toBe('SEV2');

    const query = toMetricsQuery(parseFilters(url.searchParams, new Date(), ZONE), ZONE);
    expect(query.severity).toEqual(['SEV2']);
    await page.waitForFunction(() => (globalThis as InPage).document.querySelectorAll('.chart-card')[4]?.querySelectorAll('tbody tr').length === 6);
    await expectApiFigures(query);
    expect(table(await figureTables(), /^Incidents by severity$/).columns).toEqual(['SEV2']);

    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Incident dashboard' }).waitFor();
    // The filter form shows the URL's filters again (the severity once its options have loaded).
    await page.waitForFunction(() => (globalThis as InPage).document.querySelector('#filter-severity')?.value === 'SEV2');
    expect(await page.getByLabel('From month').inputValue()).toBe(addMonths(to, -5));
    await expectApiFigures(query);
    expect(await page.getByRole('link', { name: 'See what it left out' }).last().getAttribute('href')).toBe(dataQualityHref(query));
    await checkPage(page, 'dashboard-filtered');
  });

  it('shows a viewer the same dashboard, with nothing to edit on it', async () => {
    const session = await (await page.request.get(`${service.url}/api/v1/auth/session`)).json();
    const created = await page.request.post(`${service.url}/api/v1/users`, {
      data: { username: 'vic', displayName: 'Vic Viewer', role: 'viewer' }, headers: { 'X-CSRF-Token': session.csrfToken },
    });
    expect(created.status()).toBe(201);
    const oneTime = (await created.json()).oneTimePassword;
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const viewer = await context.newPage();
    const errors = watchForPageErrors(viewer);
    await signInReplacingOneTime(viewer.request, service.url, 'vic', oneTime, 'a viewer reads the dashboard');
    await viewer.goto(`${service.url}/dashboard?severity=SEV1`);
    await viewer.waitForFunction(allChartsDrawn);
    // Only the filters' own buttons, the charts' legends (which change the view) and sign-out: the dashboard changes nothing.
    expect(await viewer.getByRole('button').and(viewer.locator(':not(.chart-legend-item)')).allInnerTexts()).toEqual(['Sign out', 'Apply', 'Last 12 months, no filter']);
    expect(await viewer.locator('.chart-legend-item').count()).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  /** No serious accessibility violation at either width, no horizontal scroll on a phone, screenshots at both. */
});
