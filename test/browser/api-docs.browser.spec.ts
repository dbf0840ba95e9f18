import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../support/browser.js';
import { startService, type ServiceProcess } from '../support/service-process.js';
import { makeDataDir } from '../support/test-server.js';

/**
 * The README's first steps, in a real browser: first start prints a one-time password; in /api/docs the
 * newcomer signs in, must choose a password, then records an incident, is refused (422) when detectedAt
 * is before startedAt, and the incident is there after a restart. Cookie session + CSRF, end to end.
 */
describe('first steps in /api/docs', () => {
  const dataDir = makeDataDir('hindsight-browser-');
  let service: ServiceProcess;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    service = await startService({ DATA_DIR: dataDir });
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    await page.goto(`${service.url}/api/docs`);
    await page.waitForSelector('.opblock');
  });
  afterAll(async () => {
    await browser?.close();
    await service?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  /** Opens an operation, fills its JSON body, executes it and returns the status and body shown. */
  async function execute(operationId: string, body: unknown): Promise<{ status: number; body: string }> {
    const operation = page.locator(`#operations-${operationId}`);
    if (!(await operation.locator('.opblock-body').count())) await operation.locator('.opblock-summary').first().click();
    const tryOut = operation.locator('button.try-out__btn', { hasText: 'Try it out' });
    if (await tryOut.count()) await tryOut.click();
    await operation.locator('textarea.body-param__text').fill(JSON.stringify(body, null, 2));
    const responded = page.waitForResponse((response) => response.request().method() === 'POST' && !response.url().endsWith('/auth/session'));
    await operation.locator('button.execute').click();
    const response = await responded;
    await operation.locator('.live-responses-table .response .response-col_status').first().waitFor();
    return { status: response.status(), body: await response.text() };
  }

  it('signs in with the one-time password, requires a new one, then records incidents', async () => {
    const password = /Password:\s+([a-z0-9-]+)\s+\(one-time\)/.exec(service.output())?.[1];
    expect(password).toBeDefined();

    const signIn = await execute('auth-AuthController_signIn', { username: 'admin', password });
    expect(signIn.status).toBe(200);
    const cookies = await page.context().cookies();
    expect(cookies.find((c) => c.name === 'hindsight_session')).toMatchObject({ httpOnly: true, sameSite: 'Lax' });

    const tooEarly = await execute('incidents-IncidentsController_create', { title: 'Checkout down', severity: 'SEV1', startedAt: '2026-03-01T09:30:00Z' });
    expect(tooEarly.status).toBe(403);
    expect(JSON.parse(tooEarly.body).code).toBe('PASSWORD_CHANGE_REQUIRED');

    const changed = await execute('auth-AuthController_changePassword', { currentPassword: password, newPassword: 'correct horse battery staple 42' });
    expect(changed.status).toBe(204);

    const refused = await execute('incidents-IncidentsController_create', {
      title: 'Checkout is unavailable for EU customers', severity: 'SEV1', startedAt: '2026-03-01T09:30:00Z', detectedAt: '2026-03-01T09:00:00Z',
    });
    expect(refused.status).toBe(422);
    expect(JSON.parse(refused.body)).toMatchObject({
      code: 'MILESTONE_ORDER',
      earlier: { field: 'startedAt', value: '2026-03-01T09:30:00.000Z' },
      later: { field: 'detectedAt', value: '2026-03-01T09:00:00.000Z' },
    });
    expect(await page.locator('#operations-incidents-IncidentsController_create .live-responses-table').innerText()).toContain('MILESTONE_ORDER');

    const created = await execute('incidents-IncidentsController_create', {
      title: 'Checkout is unavailable for EU customers', severity: 'SEV1', startedAt: '2026-03-01T09:30:00Z', detectedAt: '2026-03-01T09:40:00Z',
    });
    expect(created.status).toBe(201);
    expect(JSON.parse(created.body).key).toBe('INC-2026-0001');
  });

  it('keeps the incident across a restart, readable in the same browser session', async () => {
    expect(await service.stop()).toBe(0);
    service = await startService({ DATA_DIR: dataDir });
    const response = await page.request.get(`${service.url}/api/v1/incidents/INC-2026-0001`);
    expect(response.status()).toBe(200);
    expect((await response.json()).title).toBe('Checkout is unavailable for EU customers');
  });
});
