import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { COLUMN_MAP_TARGETS } from '../../src/imports/formats/column-map.mapper.js';
import { COLUMN_TARGETS } from '../../src/web/features/imports/lib/column-targets.js';
import { launchBrowser } from '../support/browser.js';
import { checkPage, firstStartPassword, signInReplacingOneTime, watchForPageErrors } from '../support/page-checks.js';
import { startService, type ServiceProcess } from '../support/service-process.js';
import { makeDataDir } from '../support/test-server.js';

/** Text a file can carry that would run as markup if the app ever wrote HTML from data. */
const HOSTILE = '<script>window.__xss = 1</script>"><img src=x onerror="window.__xss = 2">';
const FIXTURES = path.resolve('test/fixtures/imports');
/** A PagerDuty analytics export (real shape): imported here as "any CSV" through a column map chosen in the page. */
const PAGERDUTY_CSV = path.join(FIXTURES, 'pagerduty-analytics.csv');

/**
 * The Import and Data quality pages (issue 14) on the built service and its embedded PostgreSQL, in headless
 * Chromium: any CSV mapped column by column in the browser, its dry run with a rejected record, the confirmed
 * import followed to done, the rejected records downloaded and read back; markup-shaped text from a file shown
 * as text; data quality's list and its filters in the address across a reload; a viewer without import
 * controls, refused by the API anyway. axe-core and screenshots at both widths on every page.
 */
describe('the Import and Data quality pages', () => {
  const dataDir = makeDataDir('hindsight-web-imports-');
  const downloads = fs.mkdtempSync(path.join(os.tmpdir(), 'hindsight-import-downloads-'));
  let service: ServiceProcess;
  let browser: Browser;
  let admin: BrowserContext;
  let page: Page;
  let pageErrors: string[];

  beforeAll(async () => {
    service = await startService({ DATA_DIR: dataDir });
    browser = await launchBrowser();
    admin = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await admin.newPage();
    pageErrors = watchForPageErrors(page);
    await signInReplacingOneTime(page.request, service.url, 'admin', firstStartPassword(service.output()), 'correct horse battery staple 42');
  });
  afterAll(async () => {
    await browser?.close();
    await service?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.rmSync(downloads, { recursive: true, force: true });
  });
  afterEach(() => {
    expect(pageErrors.splice(0)).toEqual([]);
  });

  /** A GET of the API from the page's context (its session cookie). */
  async function apiGet(on: Page, url: string) {
    const response = await on.request.get(`${service.url}${url}`);
    expect(response.status()).toBe(200);
    return response.json();
  }


  /** The counts the report shows, by label. */
  async function shownCounts(on: Page, name: string): Promise<Record<string, number>> {
    const list = on.locator(`dl[aria-label="${name}"]`);
    await list.waitFor();
    const entries = await list.locator('.import-count').evaluateAll((nodes) =>
      nodes.map((node) => [node.querySelector('dt')!.textContent!, Number(node.querySelector('dd')!.textContent!.replace(/,/g, ''))]),
    );
    return Object.fromEntries(entries);
  }

  const countsOf = (run: Record<string, number>) => ({
    'Records read': run.recordsRead, Created: run.created, Updated: run.updated, Unchanged: run.unchanged, Rejected: run.rejected,
    Flagged: run.flagged, Shortened: run.shortened,
  });

  it('offers exactly the fields the service reads from any CSV', () => {
    expect(COLUMN_TARGETS.map(([name]) => name).sort()).toEqual([...COLUMN_MAP_TARGETS].sort());
  });

  it('imports any CSV through a column map chosen in the page: the dry run shows the rejected record, the confirmed import runs to done, the rejected row downloads as it was', async () => {
    const fixture = fs.readFileSync(PAGERDUTY_CSV, 'utf8');
    const [headerLine, ...rows] = fixture.split('\n').filter((line) => line !== '');
    // The one row the map below cannot give a severity: no priority.
    const noPriority = rows.filter((row) => row.split(',')[9] === '');
    expect(noPriority).toHaveLength(1);

    await page.goto(`${service.url}/imports`);
    await page.getByRole('heading', { level: 1, name: 'Import incidents' }).waitFor();
    await page.getByLabel('File', { exact: true }).setInputFiles(PAGERDUTY_CSV);
    await page.getByLabel('Format').selectOption('csv');
    const map = page.getByRole('group', { name: 'Column map' });
    await map.waitFor();
    // The header was read in the browser: one select per column of the file, named like it.
    expect(await map.locator('label').allInnerTexts()).toEqual(headerLine.split(','));
    // resolved_at is named like a Hindsight field: mapped already.
    expect(await map.getByLabel('resolved_at', { exact: true }).inputValue()).toBe('resolved_at');
    expect(await map.getByText('Still to map: external_id and started_at (required).').count()).toBe(1);
    await map.getByLabel('id', { exact: true }).selectOption('external_id');
    await map.getByLabel('description', { exact: true }).selectOption('title');
    await map.getByLabel('created_at', { exact: true }).selectOption('started_at');
    await map.getByLabel('priority_name', { exact: true }).selectOption('severity');
    await map.getByLabel('service_name', { exact: true }).selectOption('services');
    await map.getByLabel('team_name', { exact: true }).selectOption('owning_team');
    expect(await map.getByText(/Still to map/).count()).toBe(0);
    await page.getByText('More options').click();
    await page.getByLabel('Source name').fill('legacy-pd');
    await page.getByLabel('Value replacements').fill('severity:P1=SEV1\nseverity:P2=SEV2\nseverity:P3=SEV3\nseverity:P5=SEV3');

    await page.getByRole('button', { name: 'Check the file (dry run)' }).click();
    await page.getByRole('heading', { name: 'Dry run of pagerduty-analytics.csv' }).waitFor();
    await page.getByRole('button', { name: /^Import \d+ records?$/ }).waitFor();
    const [dryRun] = (await apiGet(page, '/api/v1/imports?limit=1')).items;
    expect(dryRun).toMatchObject({ dryRun: true, status: 'completed', format: 'csv', source: 'legacy-pd', rejected: 1, recordsRead: rows.length });
    expect(dryRun.options.map).toEqual(['external_id=id', 'title=description', 'started_at=created_at', 'resolved_at=resolved_at', 'severity=priority_name',
      'services=service_name', 'owning_team=team_name']);
    expect(await shownCounts(page, 'Dry-run counts')).toEqual(countsOf(dryRun));
    const line = fixture.split('\n').indexOf(noPriority[0]) + 1;
    const issueRow = page.locator('table.import-issues tbody tr', { hasText: `line ${line}` });
    expect(await issueRow.locator('td').allInnerTexts()).toEqual(['Rejected: not imported', '—', 'priority_name', '(empty)', 'priority_name: "" is empty (required)']);
    expect(await page.getByText(`Importing creates ${rows.length - 1} incidents; the rejected record stays out.`).count()).toBe(1);
    // Nothing written by the dry run.
    expect((await apiGet(page, '/api/v1/incidents?source=legacy-pd')).items).toEqual([]);
    await checkPage(page, 'import-dry-run');

    await page.getByRole('button', { name: `Import ${rows.length - 1} records` }).click();
    await page.waitForURL(/\/imports\/[0-9a-f-]{36}$/);
    const id = new URL(page.url()).pathname.split('/').pop()!;
    await page.getByRole('heading', { level: 1, name: 'Import of pagerduty-analytics.csv' }).waitFor();
    await page.locator('.import-report .badge-import-completed').waitFor();
    const run = await apiGet(page, `/api/v1/imports/${id}`);
    expect(run).toMatchObject({ dryRun: false, status: 'completed', created: rows.length - 1, rejected: 1 });
    expect(await shownCounts(page, 'Import counts')).toEqual(countsOf(run));
    expect((await apiGet(page, `/api/v1/incidents?source=legacy-pd&limit=100`)).items.map((incident: { externalId: string }) => incident.externalId).sort())
      .toEqual(rows.filter((row) => row !== noPriority[0]).map((row) => row.split(',')[0]).sort());

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download the rejected record' }).click()]);
    expect(download.suggestedFilename()).toBe('pagerduty-analytics.rejected.csv');
    const file = path.join(downloads, download.suggestedFilename());
    await download.saveAs(file);
    expect(fs.readFileSync(file, 'utf8')).toBe(`${headerLine}\n${noPriority[0]}\n`);
    await checkPage(page, 'import-done');

    // Listed with the others, linking to its report.
    await page.getByRole('link', { name: 'All imports' }).click();
    const listed = page.getByRole('row').filter({ hasText: 'Import' }).filter({ has: page.getByRole('link', { name: 'pagerduty-analytics.csv' }) });
    await listed.first().getByText(`${rows.length - 1} created, 1 rejected`).waitFor();
    expect(await page.getByRole('row').filter({ hasText: 'Dry run' }).count()).toBe(1);
    await checkPage(page, 'imports');
  });

  it('shows the API\'s refusals of a file beside the field they are about', async () => {
    await page.goto(`${service.url}/imports`);
    await page.getByRole('button', { name: 'Check the file (dry run)' }).click();
    const format = page.getByLabel('Format');
    await page.locator('.field-error', { hasText: /must be one of/ }).waitFor();
    expect(await format.getAttribute('aria-invalid')).toBe('true');

    await page.getByLabel('File', { exact: true }).setInputFiles(path.join(FIXTURES, 'statuspage-incidents.json'));
    await format.selectOption('statuspage');
    await page.getByText('More options').click();
    const zone = page.getByLabel('Time zone');
    await zone.fill('Mars/Olympus_Mons');
    await page.getByRole('button', { name: 'Check the file (dry run)' }).click();
    await page.getByText('is not an IANA time zone (e.g. Europe/Berlin, America/New_York, UTC) (you entered "Mars/Olympus_Mons")').waitFor();
    expect(await zone.getAttribute('aria-invalid')).toBe('true');
    expect(await format.getAttribute('aria-invalid')).toBeNull();
    expect(await page.getByRole('heading', { name: /^Dry run of/ }).count()).toBe(0);
    await checkPage(page, 'import-refused');
  });

  it('shows markup-shaped text from an imported file as text: a title, and a rejected value in the report', async () => {
    const statuspage = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'statuspage-incidents.json'), 'utf8'));
    statuspage.incidents[0].name = HOSTILE;
    statuspage.incidents[1].impact = HOSTILE;
    const file = path.join(downloads, 'hostile-statuspage.json');
    fs.writeFileSync(file, JSON.stringify(statuspage));

    await page.goto(`${service.url}/imports`);
    await page.getByLabel('File', { exact: true }).setInputFiles(file);
    await page.getByLabel('Format').selectOption('statuspage');
    await page.getByRole('button', { name: 'Check the file (dry run)' }).click();
    await page.getByRole('button', { name: 'Import 3 records' }).click();
    await page.getByRole('heading', { level: 1, name: 'Import of hostile-statuspage.json' }).waitFor();
    await page.locator('.import-report .badge-import-completed').waitFor();
    const value = page.locator('td.issue-value');
    await value.first().waitFor();
    expect(await value.first().innerText()).toBe(HOSTILE);
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    expect(await page.evaluate('window.__xss')).toBeUndefined();

    const hostile = statuspage.incidents[0];
    await page.goto(`${service.url}/data-quality?from=2026-02-01T00:00:00Z&to=2026-03-01T00:00:00Z&source=statuspage&include=missing`);
    const title = page.locator('.dq-title', { hasText: 'window.__xss = 1' });
    await title.waitFor();
    expect(await title.innerText()).toBe(HOSTILE);
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    expect(await page.evaluate('window.__xss')).toBeUndefined();
    expect(hostile.name).toBe(HOSTILE);
  });

  it('lists an incident missing a milestone in data quality, as the API does, with filters in the address that survive a reload', async () => {
    const query = 'from=2026-02-01T00:00:00Z&to=2026-03-01T00:00:00Z&source=legacy-pd&include=missing';
    await page.goto(`${service.url}/data-quality?${query}`);
    await page.getByRole('heading', { level: 1, name: 'Data quality' }).waitFor();
    const api = await apiGet(page, `/api/v1/metrics/data-quality?${query}`);
    const unresolved = api.items.find((item: { leftOutOf: Record<string, string> }) => item.leftOutOf.ttr === 'missing');
    expect(unresolved).toBeDefined();
    const rows = page.locator('table.dq-incidents tbody tr');
    await rows.first().waitFor();
    expect(await page.locator('.dq-key').allInnerTexts()).toEqual(api.items.map((item: { key: string }) => item.key));
    const row = rows.filter({ hasText: unresolved.key });
    expect(await row.innerText()).toContain('Time to resolve: no “resolved” time');
    expect(await row.getByRole('link', { name: `Fix ${unresolved.key}` }).getAttribute('href')).toBe(`/incidents/${unresolved.key}`);
    const ttr = page.locator('table.dq-metrics tr', { hasText: 'Time to resolve' }).locator('td');
    expect(await ttr.allInnerTexts()).toEqual([api.summary.byMetric.ttr.counted, api.summary.byMetric.ttr.excluded, api.summary.byMetric.ttr.missing,
      api.summary.byMetric.ttr.order].map(String));
    await checkPage(page, 'data-quality');

    // A filter chosen in the form goes to the address, and the view is the same after a reload.
    await page.getByLabel('SEV1').check();
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.waitForURL(/severity=SEV1/);
    const filtered = new URL(page.url()).search.slice(1);
    expect(new URLSearchParams(filtered).getAll('source')).toEqual(['legacy-pd']);
    const sev1 = await apiGet(page, `/api/v1/metrics/data-quality?${filtered}`);
    expect(sev1.total).toBeLessThan(api.total);
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Data quality' }).waitFor();
    expect(await page.getByLabel('SEV1').isChecked()).toBe(true);
    expect(await page.getByLabel('Sources').inputValue()).toBe('legacy-pd');
    expect(await page.getByLabel('Also list incidents only missing a milestone (open incidents, no retro yet)').isChecked()).toBe(true);
    await page.locator('.dq-key').first().waitFor();
    expect(await page.locator('.dq-key').allInnerTexts()).toEqual(sev1.items.map((item: { key: string }) => item.key));
  });

  it('shows a viewer the imports without any import control, and the API refuses the viewer\'s upload anyway', async () => {
    const { csrfToken } = await apiGet(page, '/api/v1/auth/session');
    const created = await page.request.post(`${service.url}/api/v1/users`, {
      data: { username: 'vic', displayName: 'Vic Viewer', role: 'viewer' }, headers: { 'X-CSRF-Token': csrfToken },
    });
    expect(created.status()).toBe(201);
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const viewer = await context.newPage();
    const errors = watchForPageErrors(viewer);
    await signInReplacingOneTime(viewer.request, service.url, 'vic', (await created.json()).oneTimePassword, 'a viewer reads the imported history');

    await viewer.goto(`${service.url}/imports`);
    await viewer.getByRole('heading', { level: 1, name: 'Import incidents' }).waitFor();
    await viewer.getByRole('link', { name: 'pagerduty-analytics.csv' }).first().waitFor();
    expect(await viewer.getByRole('heading', { name: 'Import a file' }).count()).toBe(0);
    expect(await viewer.locator('input[type="file"]').count()).toBe(0);
    expect(await viewer.getByRole('button', { name: /Check the file|Import/ }).count()).toBe(0);
    await checkPage(viewer, 'imports-viewer');

    const session = await (await viewer.request.get(`${service.url}/api/v1/auth/session`)).json();
    const refused = await viewer.request.post(`${service.url}/api/v1/imports`, {
      headers: { 'X-CSRF-Token': session.csrfToken },
      multipart: { format: 'csv', file: { name: 'pagerduty-analytics.csv', mimeType: 'text/csv', buffer: fs.readFileSync(PAGERDUTY_CSV) } },
    });
    expect(refused.status()).toBe(403);
    expect((await refused.json()).code).toBe('ROLE_TOO_LOW');

    // The rejected records of an import are the viewer's to read, as the API allows.
    await viewer.getByRole('link', { name: 'pagerduty-analytics.csv' }).first().click();
    await viewer.getByRole('link', { name: 'Download the rejected record' }).waitFor();
    await checkPage(viewer, 'import-viewer');
    expect(errors).toEqual([]);
    await context.close();
  });
});
