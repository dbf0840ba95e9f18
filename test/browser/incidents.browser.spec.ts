import fs from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser } from '../support/browser.js';
import { callApi, checkPage, firstStartPassword, signInReplacingOneTime, watchForPageErrors, type ApiMethod } from '../support/page-checks.js';
import { startService, type ServiceProcess } from '../support/service-process.js';
import { makeDataDir } from '../support/test-server.js';

/** Text a user can set that would run as markup if the app ever wrote HTML from data. */
const HOSTILE = '<script>window.__xss = 1</script>"><img src=x onerror="window.__xss = 2">';
const ADMIN_PASSWORD = 'correct horse battery staple 42';
const VIEWER_PASSWORD = 'a viewer reads the incidents';
/** More incidents than one page of 25, so the list pages. */
const SEEDED = 28;
const HOUR = 3_600_000;
/** The timeline's page as the web app asks for it (TIMELINE_PAGE in src/web/features/incidents/api/incidents.ts). */
const TIMELINE_PAGE = 50;

/**
 * The incident pages as `npm start` serves them, in headless Chromium, on data seeded through the API: the list
 * (search and filters in the URL, kept on reload; next and previous page), an incident's page (milestones, the
 * API's own intervals and SLA state, timeline, severity history, history), declaring an incident with the API's
 * 422 beside "Detected", editing one (and a concurrent edit shown as a conflict), a viewer without edit controls
 * whose PATCH the API refuses, hostile titles shown as text. Every page: axe, no console errors, no horizontal
 * scroll at 390 px, screenshots at both widths in test-results/web-app/.
 */
describe('the incident pages', () => {
  const dataDir = makeDataDir('hindsight-web-incidents-');
  let service: ServiceProcess;
  let browser: Browser;
  let admin: BrowserContext;
  let page: Page;
  let pageErrors: string[];
  /** A call to the API from a page's browser context: its session cookie, and the CSRF token a write needs. */
  const api = (on: Page, method: ApiMethod, url: string, data?: unknown) => callApi(on.request, service.url, method, url, data);
  const base = Date.UTC(2026, 2, 1, 9, 0);


  const signIn = (on: Page, username: string, oneTime: string, password: string) => signInReplacingOneTime(on.request, service.url, username, oneTime, password);


  const iso = (offsetHours: number) => new Date(base + offsetHours * HOUR).toISOString();

  beforeAll(async () => {
    service = await startService({ DATA_DIR: dataDir });
    browser = await launchBrowser();
    admin = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await admin.newPage();
    pageErrors = watchForPageErrors(page);
    await signIn(page, 'admin', firstStartPassword(service.output()), ADMIN_PASSWORD);

    for (const name of ['Payments', 'Search']) expect((await api(page, 'POST', '/api/v1/teams', { name })).status).toBe(201);
    for (const name of ['payments-api', 'search-api']) expect((await api(page, 'POST', '/api/v1/services', { name })).status).toBe(201);
    // Oldest first, so INC-…-0001 is the oldest; every third one in Payments on SEV1, the rest Search on SEV3.
    for (let i = 0; i < SEEDED; i++) {
      const payments = i % 3 === 0;
      const created = await api(page, 'POST', '/api/v1/incidents', {
        title: i === SEEDED - 1 ? HOSTILE : `${payments ? 'Card payments failing' : 'Search results stale'} #${i + 1}`,
        severity: payments ? 'SEV1' : 'SEV3',
        owningTeam: payments ? 'Payments' : 'Search',
        services: [payments ? 'payments-api' : 'search-api'],
        startedAt: iso(i * 24),
        detectedAt: iso(i * 24 + 0.25),
        acknowledgedAt: iso(i * 24 + 0.5),
        mitigatedAt: i % 2 === 0 ? iso(i * 24 + 2) : undefined,
        customerImpact: 'Customers could not pay by card',
      });
      expect(created.status).toBe(201);
    }
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await service?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
  afterEach(() => {
    expect(pageErrors.splice(0)).toEqual([]);
  });

  const rowsShown = (on: Page) => on.locator('tbody tr th[data-label="Incident"]').allInnerTexts();
  const keys = (page: { items: { key: string }[] }) => page.items.map((i) => i.key);
  /** A filter's checkbox inside its fieldset ("Payments" alone would also find the service "payments-api"). */
  const teamBox = (on: Page, team: string) => on.getByRole('group', { name: 'Team' }).getByLabel(team, { exact: true });
  const severityBox = (on: Page, key: string) => on.getByRole('group', { name: 'Severity' }).getByLabel(new RegExp(`^${key} · `));

  it('lists incidents a page at a time, searches and filters them, and keeps the filters in the URL across a reload', async () => {
    await page.goto(`${service.url}/incidents`);
    await page.getByRole('heading', { level: 1, name: 'Incidents' }).waitFor();
    await page.getByRole('heading', { name: `${SEEDED} incidents` }).waitFor();
    const all = (await api(page, 'GET', '/api/v1/incidents?limit=25')).body;
    expect(await rowsShown(page)).toEqual(keys(all));
    // The hostile title is text in its cell, never markup.
    expect(await page.getByRole('cell', { name: HOSTILE }).count()).toBe(1);
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    expect(await page.evaluate('window.__xss')).toBeUndefined();
    await checkPage(page, 'incidents-list');

    await page.getByRole('button', { name: 'Next page' }).click();
    await page.waitForURL(/cursor=/);
    await page.getByRole('button', { name: 'Previous page' }).waitFor();
    const second = (await api(page, 'GET', `/api/v1/incidents?limit=25&cursor=${encodeURIComponent(all.nextCursor)}`)).body;
    expect(await rowsShown(page)).toEqual(keys(second));
    await page.getByRole('button', { name: 'Previous page' }).click();
    await page.getByRole('button', { name: 'Next page' }).waitFor();
    expect(await rowsShown(page)).toEqual(keys(all));

    await page.getByRole('searchbox', { name: 'Search' }).fill('payments');
    await teamBox(page, 'Payments').check();
    await severityBox(page, 'SEV1').check();
    await page.getByLabel('Active').check();
    // Days in the browser's zone: from the start of the 10th to the end of the 25th (the API's `to` is exclusive).
    await page.getByLabel('Started from').fill('2026-03-10');
    await page.getByLabel('Started until').fill('2026-03-25');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.waitForURL(/q=payments/);
    const range = new URLSearchParams({ from: new Date(2026, 2, 10).toISOString(), to: new Date(2026, 2, 26).toISOString() });
    const query = `q=payments&status=active&severity=SEV1&team=Payments&${range.toString()}`;
    expect(new URL(page.url()).search).toBe(`?${query}`);
    const expected = (await api(page, 'GET', `/api/v1/incidents?${query}&limit=25`)).body;
    expect(expected.total).toBeGreaterThan(0);
    expect(expected.total).toBeLessThan(SEEDED);
    await page.getByRole('heading', { name: `${expected.total} incidents match` }).waitFor();
    expect(await rowsShown(page)).toEqual(keys(expected));

    await page.reload();
    await page.getByRole('heading', { name: `${expected.total} incidents match` }).waitFor();
    expect(await rowsShown(page)).toEqual(keys(expected));
    expect(await page.getByRole('searchbox', { name: 'Search' }).inputValue()).toBe('payments');
    expect(await teamBox(page, 'Payments').isChecked()).toBe(true);
    expect(await severityBox(page, 'SEV1').isChecked()).toBe(true);
    expect(await page.getByLabel('Active').isChecked()).toBe(true);
    expect(await page.getByLabel('Started until').inputValue()).toBe('2026-03-25');
    await checkPage(page, 'incidents-list-filtered');
  });

  it('filters by several severities at once, all of them in the URL and still checked after a reload', async () => {
    // Two on SEV2, so that SEV1 and SEV2 together are more than either and fewer than all (SEV3).
    for (const day of [40, 41]) {
      const created = await api(page, 'POST', '/api/v1/incidents', { title: `Slow card refunds on day ${day}`, severity: 'SEV2', owningTeam: 'Payments', startedAt: iso(day * 24) });
      expect(created.status).toBe(201);
    }
    await page.goto(`${service.url}/incidents`);
    await page.getByRole('heading', { name: `${SEEDED + 2} incidents` }).waitFor();
    await severityBox(page, 'SEV1').check();
    await severityBox(page, 'SEV2').check();
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.waitForURL(/severity=SEV2/);
    // One parameter per value, as the API takes them: the URL is the API's query.
    expect(new URL(page.url()).search).toBe('?severity=SEV1&severity=SEV2');
    const expected = (await api(page, 'GET', '/api/v1/incidents?severity=SEV1&severity=SEV2&limit=25')).body;
    expect(expected.total).toBe(Math.ceil(SEEDED / 3) + 2);
    expect(new Set(expected.items.map((i: { severity: string }) => i.severity))).toEqual(new Set(['SEV1', 'SEV2']));
    await page.getByRole('heading', { name: `${expected.total} incidents match` }).waitFor();
    expect(await rowsShown(page)).toEqual(keys(expected));

    await page.reload();
    await page.getByRole('heading', { name: `${expected.total} incidents match` }).waitFor();
    expect(await rowsShown(page)).toEqual(keys(expected));
    expect(await severityBox(page, 'SEV1').isChecked()).toBe(true);
    expect(await severityBox(page, 'SEV2').isChecked()).toBe(true);
    expect(await severityBox(page, 'SEV3').isChecked()).toBe(false);
    await checkPage(page, 'incidents-list-two-severities');
  });

  it('shows an incident with its milestones, the API\'s intervals and SLA state, timeline and history, the hostile title as text', async () => {
    const list = (await api(page, 'GET', `/api/v1/incidents?q=${encodeURIComponent('<script>')}`)).body;
    const incident = list.items[0];
    expect(incident.title).toBe(HOSTILE);
    expect((await api(page, 'POST', `/api/v1/incidents/${incident.key}/timeline`, { kind: 'note', body: HOSTILE, occurredAt: new Date(Date.parse(incident.startedAt) + HOUR).toISOString() })).status).toBe(201);
    const measures = (await api(page, 'GET', `/api/v1/incidents/${incident.key}/measures`)).body;

    await page.goto(`${service.url}/incidents/${incident.key}`);
    await page.getByRole('heading', { level: 1, name: `${incident.key} ${HOSTILE}` }).waitFor();
    expect(await page.title()).toBe(`${incident.key} ${HOSTILE} · Hindsight`);
    const intervals = page.locator('.interval');
    await intervals.first().waitFor();
    // TTD and TTA as the API measured them (15 min, 15 min); TTR not measured (no resolution).
    const ttd = measures.intervals.find((i: { metric: string }) => i.metric === 'ttd');
    expect(ttd.seconds).toBe(15 * 60);
    expect(await intervals.filter({ hasText: 'TTD' }).locator('.interval-value').innerText()).toBe('15 min');
    expect(await intervals.filter({ hasText: 'TTR' }).innerText()).toContain('a milestone is missing');
    const ack = measures.sla.find((s: { kind: string }) => s.kind === 'ack');
    expect(ack.state).toBe('met');
    expect(await page.getByRole('row', { name: /Acknowledge/ }).innerText()).toContain('Met');
    expect(await page.locator('.milestone').filter({ hasText: 'Detected' }).innerText()).toContain('+15 min');
    await page.locator('.timeline-body', { hasText: HOSTILE }).waitFor();
    await page.locator('.history-event').first().waitFor();
    expect(await page.getByRole('link', { name: 'Start the retrospective' }).getAttribute('href')).toBe(`/incidents/${incident.key}/retro`);
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    expect(await page.evaluate('window.__xss')).toBeUndefined();
    await checkPage(page, 'incident-page');
  });

  it('loads the whole timeline with "Load more": every entry once, in the API\'s order, until the button goes', async () => {
    const created = await api(page, 'POST', '/api/v1/incidents', { title: 'A long night of payment retries', severity: 'SEV2', owningTeam: 'Payments', startedAt: iso(50 * 24) });
    expect(created.status).toBe(201);
    const { key, startedAt } = created.body;
    // Two entries a minute, so that pages can also end between two entries of the same instant.
    for (let i = 0; i < 2 * TIMELINE_PAGE + 13; i++) {
      const entry = { kind: i % 5 === 0 ? 'status_update' : 'note', body: `Retry wave ${i + 1}`, occurredAt: new Date(Date.parse(startedAt) + Math.floor(i / 2) * 60_000).toISOString() };
      expect((await api(page, 'POST', `/api/v1/incidents/${key}/timeline`, entry)).status).toBe(201);
    }
    const fromApi: string[] = [];
    let cursor: string | null = null;
    do {
      const query: URLSearchParams = new URLSearchParams({ limit: String(TIMELINE_PAGE), ...(cursor ? { cursor } : {}) });
      const timelinePage: { items: { body: string }[]; nextCursor: string | null } = (await api(page, 'GET', `/api/v1/incidents/${key}/timeline?${query.toString()}`)).body;
      fromApi.push(...timelinePage.items.map((entry) => entry.body));
      cursor = timelinePage.nextCursor;
    } while (cursor);
    expect(fromApi.length).toBeGreaterThan(2 * TIMELINE_PAGE);
    expect(new Set(fromApi).size).toBe(fromApi.length);

    await page.goto(`${service.url}/incidents/${key}`);
    const timeline = page.getByRole('region', { name: 'Timeline' });
    const bodies = timeline.locator('.timeline-body');
    const loadMore = timeline.getByRole('button', { name: 'Load more' });
    await loadMore.waitFor();
    expect(await bodies.allInnerTexts()).toEqual(fromApi.slice(0, TIMELINE_PAGE));
    const focused = async () => (await timeline.locator('button:focus', { hasText: 'Load more' }).count()) === 1;
    let clicks = 0;
    while ((await loadMore.count()) > 0 && clicks < fromApi.length) {
      const shown = await bodies.count();
      // The first page by a click, the next ones from the keyboard: the button keeps the focus while its page loads.
      if (clicks === 0) await loadMore.click();
      else await page.keyboard.press('Enter');
      clicks++;
      // The next page is in (the button reads "Loading…" meanwhile, so its absence alone says nothing yet).
      await bodies.nth(shown).waitFor();
      if ((await loadMore.count()) > 0) expect(await focused()).toBe(true);
    }
    expect(clicks).toBe(Math.ceil(fromApi.length / TIMELINE_PAGE) - 1);
    expect(await bodies.allInnerTexts()).toEqual(fromApi);
    expect(await timeline.getByRole('button').count()).toBe(0);
  });

  it('declares an incident: the API\'s 422 beside "Detected", then saved once fixed, then edited', async () => {
    await page.goto(`${service.url}/incidents`);
    await page.getByRole('link', { name: 'Declare an incident' }).click();
    await page.getByRole('heading', { level: 1, name: 'Declare an incident' }).waitFor();
    await page.getByLabel('Title').fill('Checkout is unavailable for EU customers');
    await page.getByLabel('Severity', { exact: true }).selectOption('SEV2');
    await page.getByLabel('Started', { exact: true }).fill('2026-11-02T10:30');
    await page.getByLabel('Detected', { exact: true }).fill('2026-11-02T10:00');
    await page.getByRole('button', { name: 'Declare incident' }).click();
    const detected = page.getByLabel('Detected', { exact: true });
    await page.locator('.field-error', { hasText: /detectedAt .* is before startedAt/ }).first().waitFor();
    expect(await detected.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await detected.getAttribute('aria-describedby'))!.split(' ');
    const message = await page.locator(`[id="${describedBy[describedBy.length - 1]}"]`).innerText();
    // The instants the API names are the local times typed, converted (the browser runs in the machine's zone).
    expect(message).toContain(`detectedAt (${new Date(2026, 10, 2, 10, 0).toISOString()}) is before startedAt (${new Date(2026, 10, 2, 10, 30).toISOString()})`);
    expect(new URL(page.url()).pathname).toBe('/incidents/new');
    await checkPage(page, 'incident-new-refused');

    await detected.fill('2026-11-02T10:40');
    await page.getByRole('button', { name: 'Declare incident' }).click();
    await page.waitForURL(/\/incidents\/INC-/);
    const key = decodeURIComponent(new URL(page.url()).pathname.split('/')[2]);
    const saved = (await api(page, 'GET', `/api/v1/incidents/${key}`)).body;
    expect(saved).toMatchObject({ title: 'Checkout is unavailable for EU customers', severity: 'SEV2', detectedAt: new Date(2026, 10, 2, 10, 40).toISOString() });
    await page.getByRole('heading', { level: 1, name: `${key} Checkout is unavailable for EU customers` }).waitFor();

    await page.getByRole('link', { name: 'Edit incident' }).click();
    await page.getByRole('heading', { level: 1, name: `Edit ${key}` }).waitFor();
    await page.getByLabel('Severity', { exact: true }).selectOption('SEV1');
    await page.getByLabel('Why the severity changed').fill('All EU customers affected');
    await page.getByLabel('Mitigated', { exact: true }).fill('2026-11-02T11:15');
    await page.getByLabel('Commander').fill('Dana');
    await checkPage(page, 'incident-edit');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('heading', { level: 1, name: new RegExp(`^${key}`) }).waitFor();
    const edited = (await api(page, 'GET', `/api/v1/incidents/${key}`)).body;
    expect(edited).toMatchObject({ severity: 'SEV1', commander: 'Dana', mitigatedAt: new Date(2026, 10, 2, 11, 15).toISOString(), version: saved.version + 1 });
    const history = (await api(page, 'GET', `/api/v1/incidents/${key}/severity-history`)).body;
    expect(history.at(-1)).toMatchObject({ from: 'SEV2', to: 'SEV1', reason: 'All EU customers affected' });
    await page.locator('.plain-list li', { hasText: 'SEV2 → SEV1' }).waitFor();

    // Someone else saves while this form is open: told, offered their version, nothing overwritten.
    await page.getByRole('link', { name: 'Edit incident' }).click();
    await page.getByLabel('Commander').fill('Sam');
    expect((await api(page, 'PATCH', `/api/v1/incidents/${key}`, { version: edited.version, scribe: 'Lee' })).status).toBe(200);
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText(/Someone else changed this incident since you opened it/).waitFor();
    expect((await api(page, 'GET', `/api/v1/incidents/${key}`)).body).toMatchObject({ commander: 'Dana', scribe: 'Lee' });
    await checkPage(page, 'incident-edit-conflict');
    await page.getByRole('button', { name: 'Reload their version' }).click();
    await page.getByText(/Someone else changed/).waitFor({ state: 'detached' });
    expect(await page.getByLabel('Scribe').inputValue()).toBe('Lee');
    expect(await page.getByLabel('Commander').inputValue()).toBe('Dana');
  });

  it('shows a viewer no edit controls, and the API refuses the viewer\'s PATCH anyway', async () => {
    const created = await api(page, 'POST', '/api/v1/users', { username: 'vera', displayName: 'Vera', role: 'viewer' });
    expect(created.status).toBe(201);
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const viewer = await context.newPage();
    const errors = watchForPageErrors(viewer);
    await signIn(viewer, 'vera', created.body.oneTimePassword, VIEWER_PASSWORD);
    const incident = (await api(viewer, 'GET', '/api/v1/incidents?limit=1')).body.items[0];

    await viewer.goto(`${service.url}/incidents`);
    await viewer.getByRole('heading', { name: /incidents$/ }).waitFor();
    expect(await viewer.getByRole('link', { name: 'Declare an incident' }).count()).toBe(0);
    await viewer.goto(`${service.url}/incidents/${incident.key}`);
    await viewer.getByRole('heading', { level: 1, name: new RegExp(`^${incident.key}`) }).waitFor();
    await viewer.locator('.interval').first().waitFor();
    expect(await viewer.getByRole('link', { name: 'Edit incident' }).count()).toBe(0);
    expect(await viewer.getByRole('link', { name: 'Start the retrospective' }).count()).toBe(0);
    await checkPage(viewer, 'incident-page-viewer');
    await viewer.goto(`${service.url}/incidents/${incident.key}/edit`);
    await viewer.getByText(/Only responders and admins edit incidents/).waitFor();
    expect(await viewer.getByRole('button', { name: 'Save changes' }).count()).toBe(0);

    const refused = await api(viewer, 'PATCH', `/api/v1/incidents/${incident.key}`, { version: incident.version, title: 'Changed by a viewer' });
    expect(refused.status).toBe(403);
    expect((await api(viewer, 'GET', `/api/v1/incidents/${incident.key}`)).body.title).toBe(incident.title);
    expect(errors).toEqual([]);
    await context.close();
  });
});
