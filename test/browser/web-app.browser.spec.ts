import ExcelJS from 'exceljs';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { formatBytes, formatMonth } from '../../src/web/lib/format.js';
import { launchBrowser } from '../support/browser.js';
import { callApi, checkPage, firstStartPassword, watchForPageErrors, type ApiMethod } from '../support/page-checks.js';
import { startService, type ServiceProcess } from '../support/service-process.js';
import { makeDataDir } from '../support/test-server.js';

/** Text a user can set that would run as markup if the app ever wrote HTML from data. */
const HOSTILE = '<script>window.__xss = 1</script>"><img src=x onerror="window.__xss = 2">';
const ADMIN_PASSWORD = 'correct horse battery staple 42';

/** The last month that has ended (REPORT_TIMEZONE is UTC here), and a day in it. */
function lastMonth(now = new Date()): { month: string; day: string } {
  const first = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  const month = first.toISOString().slice(0, 7);
  return { month, day: `${month}-10` };
}

/**
 * The web app as `npm start` serves it (the built service on its embedded PostgreSQL, dist/web at /), in
 * headless Chromium: first start (one-time password → choose one), a wrong password, the Reports page with a
 * report generated from it, downloaded and read back, the API's refusals beside the field, a viewer, sign-out.
 * Every page: axe-core finds no serious or critical violation, nothing goes to the console, no horizontal
 * scroll at 390 px; screenshots at 1280 and 390 px in test-results/web-app/.
 */
describe('the web app at /', () => {
  const dataDir = makeDataDir('hindsight-web-app-');
  const reportsDir = makeDataDir('hindsight-web-reports-');
  let service: ServiceProcess;
  let browser: Browser;
  let admin: BrowserContext;
  let page: Page;
  let pageErrors: string[];
  /** A call to the API from a page's browser context: its session cookie, and the CSRF token a write needs. */
  const api = (on: Page, method: ApiMethod, url: string, data?: unknown) => callApi(on.request, service.url, method, url, data);
  const { month, day } = lastMonth();

  beforeAll(async () => {
    service = await startService({ DATA_DIR: dataDir, REPORTS_DIR: reportsDir });
    browser = await launchBrowser();
    admin = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await admin.newPage();
    pageErrors = watchForPageErrors(page);
  });
  afterAll(async () => {
    await browser?.close();
    await service?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.rmSync(reportsDir, { recursive: true, force: true });
  });
  afterEach(() => {
    expect(pageErrors.splice(0)).toEqual([]);
  });


  /** SQL on the service's own embedded database (its port from the log, its credentials from DATA_DIR), as an operator could. */
  async function serviceSql(sql: string, params: unknown[]): Promise<void> {
    const port = /Started embedded PostgreSQL on 127\.0\.0\.1:(\d+)/.exec(service.output())?.[1];
    const { user, password } = JSON.parse(fs.readFileSync(path.join(dataDir, 'postgres-credentials.json'), 'utf8'));
    const client = new pg.Client({ host: '127.0.0.1', port: Number(port), user, password, database: 'hindsight' });
    await client.connect();
    try {
      await client.query(sql, params);
    } finally {
      await client.end();
    }
  }


  it('sends a newcomer to sign in, then to choose a password after the one-time one, then to the page they asked for', async () => {
    const oneTime = firstStartPassword(service.output());

    await page.goto(`${service.url}/reports`);
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe('/sign-in?next=%2Freports');
    expect(await page.title()).toBe('Sign in · Hindsight');
    await checkPage(page, 'sign-in');

    await page.getByLabel('Username').fill('admin');
    await page.getByLabel('Password').fill(oneTime);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Choose your password' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/change-password');
    // The API refuses everything else until the password is changed.
    expect((await api(page, 'GET', '/api/v1/reports')).body.code).toBe('PASSWORD_CHANGE_REQUIRED');

    await page.getByLabel('One-time password').fill(oneTime);
    await page.getByLabel('New password', { exact: true }).fill('too short');
    await page.getByLabel('New password again').fill('too short');
    await page.getByRole('button', { name: 'Save password' }).click();
    const newPassword = page.getByLabel('New password', { exact: true });
    await page.getByText(/must be at least 12 characters long/).waitFor();
    expect(await newPassword.getAttribute('aria-invalid')).toBe('true');
    await checkPage(page, 'change-password-refused');

    await newPassword.fill(ADMIN_PASSWORD);
    await page.getByLabel('New password again').fill(ADMIN_PASSWORD);
    await page.getByRole('button', { name: 'Save password' }).click();
    await page.getByRole('heading', { level: 1, name: 'Monthly reports' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/reports');
    const nav = page.getByRole('navigation', { name: 'Main' });
    expect(await nav.getByRole('link').allInnerTexts()).toEqual(['Dashboard', 'Incidents', 'Action items', 'Import', 'Reports', 'Data quality', 'Admin']);
    expect(await nav.getByRole('link', { name: 'Reports' }).getAttribute('aria-current')).toBe('page');
    expect(await page.locator('.account-name').innerText()).toContain('admin');
  });

  it('says so when the password is wrong, beside the form', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const other = await context.newPage();
    const errors = watchForPageErrors(other);
    await other.goto(`${service.url}/sign-in`);
    await other.getByLabel('Username').fill('admin');
    await other.getByLabel('Password').fill('not the password at all');
    await other.keyboard.press('Enter');
    const alert = other.getByRole('alert');
    await alert.waitFor();
    expect(await alert.innerText()).toBe('Wrong username or password.');
    // By keyboard alone: Tab from the username reaches the password, then the button.
    await other.getByLabel('Username').focus();
    await other.keyboard.press('Tab');
    expect(await other.evaluate('document.activeElement.name')).toBe('password');
    await other.keyboard.press('Tab');
    expect(await other.evaluate('document.activeElement.textContent')).toBe('Sign in');
    expect(new URL(other.url()).pathname).toBe('/sign-in');
    await checkPage(other, 'sign-in-wrong-password');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('generates a month from the form, lists it as the API does, downloads its workbook and counts changes made since', async () => {
    const created = await api(page, 'POST', '/api/v1/incidents', {
      title: 'Checkout unavailable for EU customers', severity: 'SEV2', startedAt: `${day}T09:00:00Z`, detectedAt: `${day}T09:05:00Z`,
      resolvedAt: `${day}T10:00:00Z`,
    });
    expect(created.status).toBe(201);

    await page.getByLabel('Month', { exact: true }).fill(month);
    await page.getByRole('button', { name: 'Generate' }).click();
    await page.getByText(`Generated ${formatMonth(month)}, version 1.`).waitFor({ timeout: 60_000 });

    const listed = (await api(page, 'GET', '/api/v1/reports')).body.items;
    expect(listed).toHaveLength(1);
    const [report] = listed;
    const row = page.getByRole('row', { name: new RegExp(formatMonth(month)) });
    await row.waitFor();
    const cells = await row.locator('th, td').allInnerTexts();
    expect(cells.slice(0, 3)).toEqual([formatMonth(month), 'v1', 'Ready']);
    expect(cells[4]).toBe(formatBytes(report.bytes));
    expect(cells[5]).toBe('None');
    expect(cells[6]).toBe('admin (api)');

    const [download] = await Promise.all([page.waitForEvent('download'), row.getByRole('link', { name: /Download/ }).click()]);
    expect(download.suggestedFilename()).toBe(report.fileName);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'hindsight-download-')), download.suggestedFilename());
    await download.saveAs(file);
    const bytes = fs.readFileSync(file);
    expect(bytes.length).toBe(report.bytes);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(report.sha256);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    expect(workbook.worksheets.length).toBeGreaterThan(0);
    fs.rmSync(path.dirname(file), { recursive: true, force: true });

    // An edit of one of the month's incidents after the report: the page says so (the report stays as it was).
    const edited = await api(page, 'PATCH', `/api/v1/incidents/${created.body.key}`, { title: 'Checkout unavailable in the EU', version: created.body.version });
    expect(edited.status).toBe(200);
    await page.reload();
    await row.waitFor();
    expect((await row.locator('td').nth(4).innerText()).split('\n')[0]).toBe('1 incident changed');
    await checkPage(page, 'reports-admin');
  });

  it('shows the API\'s refusals beside the month field, and what was typed as text', async () => {
    const field = page.getByLabel('Month', { exact: true });
    await field.fill('2099-01');
    await page.getByRole('button', { name: 'Generate' }).click();
    await page.getByText(/month: "2099-01" has not ended yet/).waitFor();
    expect(await field.getAttribute('aria-invalid')).toBe('true');

    await field.fill(HOSTILE);
    await page.getByRole('button', { name: 'Generate' }).click();
    const error = page.locator('.field-error');
    await error.getByText(HOSTILE, { exact: false }).waitFor();
    expect(await error.innerText()).toContain(`(you entered "${HOSTILE}")`);
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    expect(await page.evaluate('window.__xss')).toBeUndefined();
    await checkPage(page, 'reports-refused');

    // Another instance is generating the month's next version right now (a fresh claim): 409, beside the field too.
    await serviceSql(
      `INSERT INTO reports (kind, period, version, status, trigger, requested_by, claimed_by, created_at, claimed_at, heartbeat_at, file_name)
       VALUES ('monthly', $1, 2, 'claimed', 'api', 'someone-else', '4242@elsewhere#1', now(), now(), now(), $2)`,
      [month, `hindsight-monthly-${month}-v2.xlsx`],
    );
    try {
      await field.fill(month);
      await page.getByLabel('New version, even if the month has a report').check();
      await page.getByRole('button', { name: 'Generate' }).click();
      await error.getByText(/is being generated by 4242@elsewhere#1/).waitFor();
      expect(await field.getAttribute('aria-invalid')).toBe('true');
      await page.getByRole('row', { name: /v2/ }).getByText('Queued').waitFor();
    } finally {
      await serviceSql(`DELETE FROM reports WHERE period = $1 AND version = 2`, [month]);
      await page.getByLabel('New version, even if the month has a report').uncheck();
    }
  });

  it('shows a viewer the reports without the generate form, and the API refuses the viewer\'s POST anyway', async () => {
    const created = await api(page, 'POST', '/api/v1/users', { username: 'vera', displayName: HOSTILE, role: 'viewer' });
    expect(created.status).toBe(201);
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const viewer = await context.newPage();
    const errors = watchForPageErrors(viewer);
    await viewer.goto(`${service.url}/reports`);
    await viewer.getByLabel('Username').fill('vera');
    await viewer.getByLabel('Password').fill(created.body.oneTimePassword);
    await viewer.getByRole('button', { name: 'Sign in' }).click();
    await viewer.getByLabel('One-time password').fill(created.body.oneTimePassword);
    await viewer.getByLabel('New password', { exact: true }).fill('a viewer reads the monthly figures');
    await viewer.getByLabel('New password again').fill('a viewer reads the monthly figures');
    await viewer.getByRole('button', { name: 'Save password' }).click();
    await viewer.getByRole('heading', { level: 1, name: 'Monthly reports' }).waitFor();

    // Her display name is markup-shaped: shown as the text it is.
    expect(await viewer.locator('.account-display').innerText()).toBe(HOSTILE);
    expect(await viewer.locator('.account .role').innerText()).toBe('viewer');
    expect(await viewer.locator('img[src="x"]').count()).toBe(0);
    expect(await viewer.evaluate('window.__xss')).toBeUndefined();

    await viewer.getByRole('row', { name: new RegExp(formatMonth(month)) }).waitFor();
    expect(await viewer.getByRole('heading', { name: 'Generate a month' }).count()).toBe(0);
    expect(await viewer.getByRole('button', { name: 'Generate' }).count()).toBe(0);
    expect(await viewer.getByRole('link', { name: /Download/ }).count()).toBe(1);
    const refused = await api(viewer, 'POST', '/api/v1/reports', { month, regenerate: true });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('ROLE_TOO_LOW');
    await checkPage(viewer, 'reports-viewer');

    await viewer.getByRole('button', { name: 'Sign out' }).click();
    await viewer.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    expect((await viewer.request.get(`${service.url}/api/v1/auth/session`)).status()).toBe(401);
    await viewer.goto(`${service.url}/reports`);
    await viewer.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  it('opens any page of the app by its address, keeps /api and /health to the API, and runs no inline script', async () => {
    await page.goto(`${service.url}/no/such/page`);
    await page.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor();
    await checkPage(page, 'not-found');
    // The first Tab reaches the skip link; following a link moves focus to the new page's heading.
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement.textContent')).toBe('Skip to content');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Reports' }).click();
    await page.getByRole('heading', { level: 1, name: 'Monthly reports' }).waitFor();
    expect(await page.evaluate('document.activeElement.tagName + " " + document.activeElement.textContent')).toBe('H1 Monthly reports');

    const index = await page.request.get(`${service.url}/reports`);
    expect(index.headers()['content-type']).toMatch(/^text\/html/);
    const csp = index.headers()['content-security-policy'];
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline/);
    const html = await index.text();
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((match) => match[0]);
    expect(scripts.length).toBeGreaterThan(0);
    expect(scripts.every((tag) => /\ssrc="\/assets\/[^"]+\.js"/.test(tag))).toBe(true);
    expect(html).not.toMatch(/<script\b[^>]*>[^<]+<\/script>/);

    const apiMiss = await page.request.get(`${service.url}/api/v1/nope`);
    expect(apiMiss.status()).toBe(404);
    expect((await apiMiss.json()).code).toBe('NOT_FOUND');
    expect((await page.request.get(`${service.url}/health`)).status()).toBe(200);
    expect((await page.request.get(`${service.url}/assets/missing.js`)).status()).toBe(404);
  });

  it('loads a page\'s code when it is first opened, showing that it is busy until then', async () => {
    // The Action items page's chunk is held back: the page before it stays, marked busy, with a progress bar.
    const chunk = /\/assets\/ActionItemsPage-[^/]+\.js$/;
    let release = () => {};
    const released = new Promise<void>((resolve) => (release = resolve));
    await page.route(chunk, async (route) => {
      await released;
      await route.continue();
    });
    await page.goto(`${service.url}/reports`);
    await page.getByRole('heading', { level: 1, name: 'Monthly reports' }).waitFor();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Action items' }).click();
    await page.getByRole('progressbar', { name: 'Opening the page' }).waitFor();
    expect(await page.locator('main').getAttribute('aria-busy')).toBe('true');
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Monthly reports');
    release();
    await page.getByRole('heading', { level: 1, name: 'Action items' }).waitFor();
    expect(await page.getByRole('progressbar').count()).toBe(0);
    expect(await page.locator('main').getAttribute('aria-busy')).toBeNull();
    await page.unroute(chunk);
  });

  it('says how long to wait when sign-ins are throttled (429)', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const other = await context.newPage();
    const errors = watchForPageErrors(other);
    // Failed sign-ins as one username from this address until its block is several seconds long (1 s, 2 s, 4 s, … per failure past 5).
    let retryAfter = 0;
    for (let attempt = 0; attempt < 20 && retryAfter < 4; attempt++) {
      const response = await other.request.post(`${service.url}/api/v1/auth/sign-in`, { data: { username: 'mallory', password: 'guess number one' } });
      if (response.status() === 429) {
        retryAfter = Number(response.headers()['retry-after']);
        if (retryAfter < 4) await new Promise((resolve) => setTimeout(resolve, retryAfter * 1000 + 50));
      }
    }
    expect(retryAfter).toBeGreaterThanOrEqual(4);

    await other.goto(`${service.url}/sign-in`);
    await other.getByLabel('Username').fill('mallory');
    await other.getByLabel('Password').fill('guess number two');
    await other.getByRole('button', { name: 'Sign in' }).click();
    const alert = other.getByRole('alert');
    await alert.waitFor();
    expect(await alert.innerText()).toMatch(/^Too many failed sign-ins\. Try again in \d+ s\.$/);
    await checkPage(other, 'sign-in-throttled');
    expect(errors).toEqual([]);
    await context.close();
  });
});
