import fs from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { formatTarget } from '../../src/web/features/admin/lib/target-duration.js';
import { launchBrowser } from '../support/browser.js';
import { callApi, checkPage, firstStartPassword, signInReplacingOneTime, watchForPageErrors, type ApiMethod } from '../support/page-checks.js';
import { startService, type ServiceProcess } from '../support/service-process.js';
import { makeDataDir } from '../support/test-server.js';

/** Text a user can set that would run as markup if the app ever wrote HTML from data. */
const HOSTILE = '<script>window.__xss = 1</script>"><img src=x onerror="window.__xss = 2">';
const ADMIN_PASSWORD = 'correct horse battery staple 42';

/**
 * The admin pages (/admin/*) as `npm start` serves them, in headless Chromium, signed in as the first admin:
 * an SLA target edited and shown; the API's validation beside the field; a level deleted after a confirmation
 * dialog (and one in use refused in it); a new template version with markup-shaped text shown as text; a user
 * created (one-time password shown once, gone after a reload), edited, reset, disabled; a token created (secret
 * shown once, copied, working, gone after a reload) and revoked. A responder gets no Admin entry, is told the
 * pages need the admin role, and the API refuses the writes anyway. Every page: axe (no serious or critical),
 * no console errors, no horizontal scroll at 390 px, screenshots at 1280 and 390 px in test-results/web-app/.
 */
describe('the admin pages at /admin', () => {
  const dataDir = makeDataDir('hindsight-web-admin-');
  let service: ServiceProcess;
  let browser: Browser;
  let admin: BrowserContext;
  let page: Page;
  let pageErrors: string[];
  /** A call to the API from a page's browser context: its session cookie, and the CSRF token a write needs. */
  const api = (on: Page, method: ApiMethod, url: string, data?: unknown) => callApi(on.request, service.url, method, url, data);


  const signIn = (on: Page, username: string, oneTime: string, password: string) => signInReplacingOneTime(on.request, service.url, username, oneTime, password);


  /** The table row whose header cell is `header` (a user's also says "(you)" for the signed-in admin: a RegExp then). */
const rowOf = (on: Page, header: string | RegExp) => on.getByRole('row').filter({ has: on.getByRole('rowheader', { name: header, exact: true }) });

  beforeAll(async () => {
    service = await startService({ DATA_DIR: dataDir });
    browser = await launchBrowser();
    admin = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await admin.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: service.url });
    page = await admin.newPage();
    pageErrors = watchForPageErrors(page);
    await signIn(page, 'admin', firstStartPassword(service.output()), ADMIN_PASSWORD);
  });
  afterAll(async () => {
    await browser?.close();
    await service?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
  afterEach(() => {
    expect(pageErrors.splice(0)).toEqual([]);
  });

  it('edits an SLA target from the Admin entry of the navigation, and shows it as the API stores it', async () => {
    await page.goto(`${service.url}/reports`);
    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: 'Admin' }).click();
    await page.getByRole('heading', { level: 1, name: 'Severity levels and SLA targets' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/admin/severity-levels');
    const sections = page.getByRole('navigation', { name: 'Admin sections' });
    expect(await sections.getByRole('link').allInnerTexts()).toEqual(['Severity levels & SLAs', 'Retro templates', 'Users', 'API tokens']);
    expect(await sections.getByRole('link', { name: 'Severity levels & SLAs' }).getAttribute('aria-current')).toBe('page');

    const before = (await api(page, 'GET', '/api/v1/severity-levels/SEV2')).body;
    const row = rowOf(page, 'SEV2');
    expect(await row.locator('td[data-label="Mitigate"]').innerText()).toBe(formatTarget(before.mitigateTargetSeconds));
    await checkPage(page, 'admin-severity-levels');

    await row.getByRole('button', { name: 'Edit SEV2' }).click();
    // Keyboard and screen-reader users are taken to the form the button opened.
    expect(await page.evaluate('document.activeElement.textContent')).toBe('Edit SEV2');
    const field = page.getByLabel('Time to mitigate');
    expect(await field.inputValue()).toBe(formatTarget(before.mitigateTargetSeconds));
    await field.fill('6 h 30 min');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Saved SEV2.').waitFor();

    const after = (await api(page, 'GET', '/api/v1/severity-levels/SEV2')).body;
    expect(after.mitigateTargetSeconds).toBe(6.5 * 3600);
    expect(after.version).toBe(before.version + 1);
    // Only the target changed: the other fields are as they were.
    expect({ ...after, mitigateTargetSeconds: before.mitigateTargetSeconds, version: before.version, updatedAt: before.updatedAt }).toEqual(before);
    expect(await row.locator('td[data-label="Mitigate"]').innerText()).toBe('6 h 30 min');
    await page.reload();
    await rowOf(page, 'SEV2').waitFor();
    expect(await rowOf(page, 'SEV2').locator('td[data-label="Mitigate"]').innerText()).toBe('6 h 30 min');

    // Someone else saves SEV3 while the form is open: the service refuses the stale version (409), the form says so.
    await rowOf(page, 'SEV3').getByRole('button', { name: 'Edit SEV3' }).click();
    const sev3 = (await api(page, 'GET', '/api/v1/severity-levels/SEV3')).body;
    expect((await api(page, 'PATCH', '/api/v1/severity-levels/SEV3', { version: sev3.version, resolveTargetSeconds: 7 * 86_400 })).status).toBe(200);
    await page.getByLabel('Time to resolve').fill('10 d');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('alert').getByText(/SEV3 was changed by someone else: you sent version \d+, the current version is \d+/).waitFor();
    await page.getByRole('button', { name: 'Cancel' }).click();
    expect((await api(page, 'GET', '/api/v1/severity-levels/SEV3')).body.resolveTargetSeconds).toBe(7 * 86_400);
    expect(await rowOf(page, 'SEV3').locator('td[data-label="Resolve"]').innerText()).toBe('7 d');
  });

  it('shows the API\'s validation beside the field, and what the form cannot read before sending', async () => {
    await page.getByRole('button', { name: 'Add a severity level' }).click();
    await page.getByLabel('Key', { exact: true }).fill('SEV 4!');
    await page.getByLabel('Name', { exact: true }).fill(HOSTILE);
    await page.getByLabel('Rank').fill('4');
    await page.getByLabel('Time to acknowledge').fill('45');
    await page.getByRole('button', { name: 'Add level' }).click();
    // A duration without a unit: said beside its field, nothing sent.
    await page.getByText('"45" needs a unit').waitFor();
    expect(await page.getByLabel('Time to acknowledge').getAttribute('aria-invalid')).toBe('true');

    await page.getByLabel('Time to acknowledge').fill('45 min');
    await page.getByRole('button', { name: 'Add level' }).click();
    const key = page.getByLabel('Key', { exact: true });
    await page.getByText('must be 1–20 letters, digits, "_" or "-" (you entered "SEV 4!")').waitFor();
    expect(await key.getAttribute('aria-invalid')).toBe('true');
    const keyError = await key.getAttribute('aria-describedby');
    expect(await page.locator(`[id="${keyError!.split(' ').pop()}"]`).innerText()).toContain('you entered "SEV 4!"');
    await checkPage(page, 'admin-severity-level-refused');

    // A rank another level holds: 409, beside the rank.
    await key.fill('SEV4');
    await page.getByLabel('Rank').fill('1');
    await page.getByRole('button', { name: 'Add level' }).click();
    await page.getByText(/A severity level \(SEV1\) with rank 1 already exists/).waitFor();
    expect(await page.getByLabel('Rank').getAttribute('aria-invalid')).toBe('true');
    expect(await key.getAttribute('aria-invalid')).toBeNull();

    await page.getByLabel('Rank').fill('4');
    await page.getByRole('button', { name: 'Add level' }).click();
    await page.getByText('Added SEV4.').waitFor();
    const created = rowOf(page, 'SEV4');
    expect((await created.locator('td[data-label="Name"]').innerText()).split('\n')[0]).toBe(HOSTILE);
    expect(await created.locator('td[data-label="Acknowledge"]').innerText()).toBe('45 min');
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    expect(await page.evaluate('window.__xss')).toBeUndefined();
    expect((await api(page, 'GET', '/api/v1/severity-levels/SEV4')).body.ackTargetSeconds).toBe(2700);
  });

  it('deletes a level only after a confirmation dialog, and shows the refusal of one still in use there', async () => {
    const deleteButton = rowOf(page, 'SEV4').getByRole('button', { name: 'Delete SEV4' });
    await deleteButton.click();
    const dialog = page.getByRole('dialog', { name: 'Delete the severity level SEV4?' });
    await dialog.waitFor();
    // Focus starts on the safe choice; Escape cancels and focus goes back to the button.
    expect(await page.evaluate('document.activeElement.textContent')).toBe('Cancel');
    await checkPage(page, 'admin-severity-level-delete-dialog');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await page.evaluate('document.activeElement.textContent')).toBe('Delete SEV4');
    expect((await api(page, 'GET', '/api/v1/severity-levels/SEV4')).status).toBe(200);

    await deleteButton.click();
    await dialog.getByRole('button', { name: 'Delete SEV4' }).click();
    await page.getByText('Deleted SEV4.').waitFor();
    expect(await rowOf(page, 'SEV4').count()).toBe(0);
    expect((await api(page, 'GET', '/api/v1/severity-levels/SEV4')).status).toBe(404);

    // SEV1 is an incident's severity: the service refuses, the dialog says why and stays open.
    const incident = await api(page, 'POST', '/api/v1/incidents', { title: 'Checkout down', severity: 'SEV1', startedAt: '2026-11-03T09:00:00Z' });
    expect(incident.status).toBe(201);
    await rowOf(page, 'SEV1').getByRole('button', { name: 'Delete SEV1' }).click();
    const inUse = page.getByRole('dialog', { name: 'Delete the severity level SEV1?' });
    await inUse.getByRole('button', { name: 'Delete SEV1' }).click();
    await inUse.getByRole('alert').getByText(/"SEV1" is still used by 1 incident/).waitFor();
    await inUse.getByRole('button', { name: 'Cancel' }).click();
    expect((await api(page, 'GET', '/api/v1/severity-levels/SEV1')).status).toBe(200);
  });

  it('shows a template\'s questions and writes its next version, with markup-shaped text shown as text', async () => {
    await page.getByRole('navigation', { name: 'Admin sections' }).getByRole('link', { name: 'Retro templates' }).click();
    await page.getByRole('heading', { level: 1, name: 'Retrospective templates' }).waitFor();
    const [current] = (await api(page, 'GET', '/api/v1/retro-templates')).body.filter((t: { isDefault: boolean }) => t.isDefault);
    const questions = page.getByRole('region', { name: `Questions of “${current.name}” v${current.version}` });
    await questions.waitFor();
    expect(await questions.getByRole('listitem').count()).toBe(current.questions.length);
    expect(await questions.getByRole('listitem').first().innerText()).toContain(current.questions[0].prompt);
    await checkPage(page, 'admin-retro-templates');

    await page.getByRole('button', { name: `New version from ${current.name} v${current.version}` }).click();
    await page.getByRole('button', { name: 'Add a question' }).click();
    const last = current.questions.length;
    await page.getByLabel('Key', { exact: true }).nth(last).fill('Bad Key');
    await page.getByLabel('Question', { exact: true }).nth(last).fill(HOSTILE);
    await page.getByRole('button', { name: `Save version ${current.version + 1}` }).click();
    await page.getByText(/must start with a lowercase letter/).waitFor();
    expect(await page.getByLabel('Key', { exact: true }).nth(last).getAttribute('aria-invalid')).toBe('true');
    await checkPage(page, 'admin-retro-template-refused');

    await page.getByLabel('Key', { exact: true }).nth(last).fill('markup_check');
    await page.getByRole('button', { name: `Save version ${current.version + 1}` }).click();
    await page.getByText(`Saved “${current.name}” version ${current.version + 1} (the default).`).waitFor();
    const shown = page.getByRole('region', { name: `Questions of “${current.name}” v${current.version + 1}` });
    expect((await shown.getByRole('listitem').last().innerText()).split('\n')[0]).toBe(`${HOSTILE} (markup_check)`);
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    expect(await page.evaluate('window.__xss')).toBeUndefined();

    const [next] = (await api(page, 'GET', '/api/v1/retro-templates')).body.filter((t: { isDefault: boolean }) => t.isDefault);
    expect(next.version).toBe(current.version + 1);
    expect(next.questions.at(-1)).toEqual({ key: 'markup_check', prompt: HOSTILE, help: null });
    expect(next.questions.slice(0, -1)).toEqual(current.questions);
  });

  it('creates a user with a role and shows the one-time password once; edits, resets and disables behind confirmations', async () => {
    await page.getByRole('navigation', { name: 'Admin sections' }).getByRole('link', { name: 'Users' }).click();
    await page.getByRole('heading', { level: 1, name: 'Users' }).waitFor();
    await page.getByRole('button', { name: 'New user' }).click();
    await page.getByLabel('Username').fill('rita');
    await page.getByLabel('Display name').fill(HOSTILE);
    await page.getByLabel('Role').selectOption('responder');
    await page.getByRole('button', { name: 'Create user' }).click();
    const secret = page.getByRole('region', { name: 'One-time password for rita' });
    await secret.waitFor();
    const oneTime = await secret.getByTestId('one-time-secret').innerText();
    const row = rowOf(page, 'rita');
    expect(await row.locator('td[data-label="Display name"]').innerText()).toBe(HOSTILE);
    expect(await row.locator('td[data-label="Role"]').innerText()).toBe('responder');
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    expect(await page.evaluate('window.__xss')).toBeUndefined();
    await checkPage(page, 'admin-users-created');

    // The password works (for a first sign-in that must replace it), and after a reload it is nowhere on the page.
    const probe = await browser.newContext();
    const signIn = await probe.request.post(`${service.url}/api/v1/auth/sign-in`, { data: { username: 'rita', password: oneTime } });
    expect(signIn.status()).toBe(200);
    expect((await signIn.json()).mustChangePassword).toBe(true);
    await probe.close();
    await page.reload();
    await rowOf(page, 'rita').waitFor();
    expect(await page.getByRole('region', { name: 'One-time password for rita' }).count()).toBe(0);
    expect(await page.locator('body').innerText()).not.toContain(oneTime);

    // Role: responder → viewer.
    await rowOf(page, 'rita').getByRole('button', { name: 'Edit rita' }).click();
    await page.getByLabel('Role').selectOption('viewer');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Saved rita.').waitFor();
    expect((await api(page, 'GET', '/api/v1/users/rita')).body.role).toBe('viewer');

    // Reset: a confirmation, then a new one-time password, different from the first.
    await rowOf(page, 'rita').getByRole('button', { name: 'Reset password of rita' }).click();
    await page.getByRole('dialog', { name: 'Reset the password of rita?' }).getByRole('button', { name: 'Reset password' }).click();
    const reset = await page.getByRole('region', { name: 'One-time password for rita' }).getByTestId('one-time-secret').innerText();
    expect(reset).not.toBe(oneTime);
    await page.getByRole('button', { name: 'I have stored it' }).click();
    expect(await page.getByRole('region', { name: 'One-time password for rita' }).count()).toBe(0);

    // Disable, confirmed; the last admin (the signed-in one) cannot be disabled: the dialog says so.
    await rowOf(page, 'rita').getByRole('button', { name: 'Disable rita' }).click();
    await page.getByRole('dialog', { name: 'Disable rita?' }).getByRole('button', { name: 'Disable' }).click();
    await page.getByText('Disabled rita: they are signed out and cannot sign in.').waitFor();
    expect(await rowOf(page, 'rita').locator('td[data-label="Status"]').innerText()).toBe('Disabled');
    expect((await api(page, 'GET', '/api/v1/users/rita')).body.disabled).toBe(true);
    await rowOf(page, /^admin/).getByRole('button', { name: 'Disable admin' }).click();
    const last = page.getByRole('dialog', { name: 'Disable admin?' });
    await last.getByRole('button', { name: 'Disable' }).click();
    await last.getByRole('alert').getByText(/admin is the last active admin/).waitFor();
    await last.getByRole('button', { name: 'Cancel' }).click();
    await last.waitFor({ state: 'detached' });
    expect(await page.getByRole('alert').count()).toBe(0);
    await checkPage(page, 'admin-users');
  });

  it('creates a token and shows its secret once, with a copy button; revokes it after a confirmation', async () => {
    await page.getByRole('navigation', { name: 'Admin sections' }).getByRole('link', { name: 'API tokens' }).click();
    await page.getByRole('heading', { level: 1, name: 'API tokens' }).waitFor();
    await page.getByText('No API tokens yet.').waitFor();
    await page.getByRole('button', { name: 'New token' }).click();
    await page.getByLabel('Name', { exact: true }).fill('ci');
    await page.getByLabel('Role').selectOption('viewer');
    await page.getByLabel('Expires in').fill('soon');
    await page.getByRole('button', { name: 'Create token' }).click();
    await page.getByText('must be a duration such as 30d, 12h, 2w or 1y (you entered "soon")').waitFor();
    expect(await page.getByLabel('Expires in').getAttribute('aria-invalid')).toBe('true');
    await page.getByLabel('Expires in').fill('30d');
    await page.getByRole('button', { name: 'Create token' }).click();

    const region = page.getByRole('region', { name: 'Secret of the token ci' });
    await region.waitFor();
    expect(await page.evaluate('document.activeElement.textContent')).toBe('Secret of the token ci');
    const secret = await region.getByTestId('one-time-secret').innerText();
    await region.getByRole('button', { name: /^Copy/ }).click();
    await region.getByText('Copied to the clipboard.').waitFor();
    expect(await page.evaluate('navigator.clipboard.readText()')).toBe(secret);
    const listed = (await api(page, 'GET', '/api/v1/tokens')).body;
    expect(listed).toHaveLength(1);
    expect(secret.startsWith(listed[0].prefix.replace(/…$/, ''))).toBe(true);
    const row = rowOf(page, 'ci');
    expect(await row.locator('td[data-label="Status"]').innerText()).toBe('Active');
    expect(await row.locator('td[data-label="Role"]').innerText()).toBe('viewer');
    await checkPage(page, 'admin-tokens-created');

    // The secret works as a bearer token, and after a reload it is nowhere on the page.
    const bearer = { Authorization: `Bearer ${secret}` };
    expect((await page.request.get(`${service.url}/api/v1/severity-levels`, { headers: bearer })).status()).toBe(200);
    await page.reload();
    await rowOf(page, 'ci').waitFor();
    expect(await page.getByRole('region', { name: 'Secret of the token ci' }).count()).toBe(0);
    expect(await page.locator('body').innerText()).not.toContain(secret);

    await rowOf(page, 'ci').getByRole('button', { name: 'Revoke ci' }).click();
    const dialog = page.getByRole('dialog', { name: 'Revoke the token ci?' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Revoke' }).click();
    await page.getByText('Revoked ci: it no longer works.').waitFor();
    expect((await rowOf(page, 'ci').locator('td[data-label="Status"]').innerText()).split('\n')[0]).toBe('Revoked');
    expect(await rowOf(page, 'ci').getByRole('button', { name: 'Revoke ci' }).count()).toBe(0);
    expect((await page.request.get(`${service.url}/api/v1/severity-levels`, { headers: bearer })).status()).toBe(401);
    await checkPage(page, 'admin-tokens');
  });

  it('gives a responder no Admin entry, tells them the pages need the admin role, and the API refuses them anyway', async () => {
    const created = await api(page, 'POST', '/api/v1/users', { username: 'ron', displayName: 'Ron Responder', role: 'responder' });
    expect(created.status).toBe(201);
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const responder = await context.newPage();
    const errors = watchForPageErrors(responder);
    await signIn(responder, 'ron', created.body.oneTimePassword, 'a responder edits incidents only');

    await responder.goto(`${service.url}/reports`);
    const nav = responder.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: 'Reports' }).waitFor();
    expect(await nav.getByRole('link', { name: 'Admin' }).count()).toBe(0);

    for (const path of ['/admin', '/admin/users', '/admin/tokens', '/admin/severity-levels', '/admin/retro-templates']) {
      await responder.goto(`${service.url}${path}`);
      await responder.getByRole('heading', { level: 1, name: 'Admin' }).waitFor();
      expect(await responder.getByRole('status').innerText()).toMatch(/^The admin pages need the admin role; you are signed in as a responder\./);
      expect(await responder.getByRole('navigation', { name: 'Admin sections' }).count()).toBe(0);
      expect(await responder.getByRole('button').allInnerTexts()).toEqual(['Sign out']);
    }
    await checkPage(responder, 'admin-responder-refused');

    const level = (await api(responder, 'GET', '/api/v1/severity-levels/SEV2')).body;
    const refusals = [
      await api(responder, 'PATCH', '/api/v1/severity-levels/SEV2', { version: level.version, mitigateTargetSeconds: 60 }),
      await api(responder, 'DELETE', '/api/v1/severity-levels/SEV3'),
      await api(responder, 'GET', '/api/v1/users'),
      await api(responder, 'POST', '/api/v1/users', { username: 'mallory', role: 'admin' }),
      await api(responder, 'POST', '/api/v1/tokens', { name: 'sneaky', role: 'admin' }),
      await api(responder, 'POST', '/api/v1/retro-templates', { name: 'Mine', questions: [{ key: 'q', prompt: 'Q?' }] }),
    ];
    expect(refusals.map((r) => [r.status, r.body.code])).toEqual(refusals.map(() => [403, 'ROLE_TOO_LOW']));
    expect((await api(page, 'GET', '/api/v1/severity-levels/SEV2')).body.version).toBe(level.version);
    expect(errors).toEqual([]);
    await context.close();
  });
});
