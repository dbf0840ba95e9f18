import fs from 'node:fs';
import type { APIRequestContext, Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser } from '../support/browser.js';
import { callApi, checkPage, firstStartPassword, signInReplacingOneTime, watchForPageErrors, type ApiMethod } from '../support/page-checks.js';
import { startService, type ServiceProcess } from '../support/service-process.js';
import { makeDataDir } from '../support/test-server.js';

/** Text a user can set that would run as markup if the app ever wrote HTML from data. */
const HOSTILE = '<script>window.__xss = 1</script>"><img src=x onerror="window.__xss = 2">';
const ADMIN_PASSWORD = 'correct horse battery staple 42';
const VIEWER_PASSWORD = 'a viewer reads the retrospectives';

/** A calendar day `days` from today (UTC), as YYYY-MM-DD. */
const day = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/**
 * The retrospective form (/incidents/:incident/retro) and the Action items page (/action-items) in headless
 * Chromium against the built service on its embedded PostgreSQL: a retro filled (saved as typed), an action item
 * added and the retro submitted; the item on /action-items, filtered by team and owner in the URL, marked done;
 * a concurrent edit through the API shown as a conflict with both versions; blame hints equal to the API's;
 * markup-shaped answers shown as text; a viewer sees no edit controls and the API refuses her. axe on every page,
 * screenshots at 1280 and 390 px in test-results/web-app/.
 */
describe('the retrospective form and the action items page', () => {
  const dataDir = makeDataDir('hindsight-web-retro-');
  let service: ServiceProcess;
  let browser: Browser;
  let admin: BrowserContext;
  let page: Page;
  let pageErrors: string[];

  /** A call to the API with a context's session cookie and CSRF token. */
  const api = (request: APIRequestContext, method: ApiMethod, url: string, data?: unknown) => callApi(request, service.url, method, url, data);

  const signIn = (context: BrowserContext, username: string, oneTime: string, password: string) => signInReplacingOneTime(context.request, service.url, username, oneTime, password);

  /** An incident that has ended, with Dana Smith in command. */
  async function createIncident(title: string): Promise<string> {
    const created = await api(page.request, 'POST', '/api/v1/incidents', {
      title, severity: 'SEV2', startedAt: `${day(-3)}T09:00:00Z`, detectedAt: `${day(-3)}T09:05:00Z`, resolvedAt: `${day(-3)}T10:00:00Z`, commander: 'Dana Smith',
    });
    expect(created.status).toBe(201);
    return created.body.key;
  }


  /** Waits until the form says it saved what was typed. */
  const saved = (on: Page) => on.getByTestId('save-status').getByText(/^Saved at \d\d:\d\d$/).waitFor();

  beforeAll(async () => {
    service = await startService({ DATA_DIR: dataDir });
    browser = await launchBrowser();
    admin = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await signIn(admin, 'admin', firstStartPassword(service.output()), ADMIN_PASSWORD);
    page = await admin.newPage();
    pageErrors = watchForPageErrors(page);
    expect((await api(page.request, 'POST', '/api/v1/teams', { name: 'Payments' })).status).toBe(201);
    expect((await api(page.request, 'POST', '/api/v1/teams', { name: 'Platform' })).status).toBe(201);
  });
  afterAll(async () => {
    await browser?.close();
    await service?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
  afterEach(() => {
    expect(pageErrors.splice(0)).toEqual([]);
  });

  let submittedKey: string;

  it('fills a retrospective (saved as typed), adds an action item, submits; the item is on /action-items, filtered in the URL, and marked done', async () => {
    const key = await createIncident('Card payments declined for 40 minutes');
    submittedKey = key;
    await page.goto(`${service.url}/incidents/${key}/retro`);
    await page.getByRole('heading', { level: 2, name: 'Start the retrospective' }).waitFor();
    await checkPage(page, 'retro-start');
    await page.getByRole('button', { name: 'Start retrospective' }).click();
    await page.getByLabel('Facilitator').waitFor();

    const retro = (await api(page.request, 'GET', `/api/v1/incidents/${key}/retrospective`)).body;
    expect(retro.status).toBe('draft');
    await page.getByLabel('Facilitator').fill('Sam Lee');
    await page.getByLabel('Attendees').fill('Dana Smith, Sam Lee, Jo Park');
    await page.getByLabel('Held at').fill(`${day(-1)}T14:00`);
    const [first, second] = retro.questions;
    await page.getByLabel(first.prompt).fill('Checkout was down for card payments in the EU.');
    await page.getByLabel(second.prompt).fill('The rollback took four minutes.');
    await saved(page);
    const stored = (await api(page.request, 'GET', `/api/v1/incidents/${key}/retrospective`)).body;
    expect(stored.facilitator).toBe('Sam Lee');
    expect(stored.attendees).toEqual(['Dana Smith', 'Sam Lee', 'Jo Park']);
    expect(stored.heldAt).toBe(await page.evaluate(`new Date('${day(-1)}T14:00').toISOString()`));
    expect(stored.questions.slice(0, 2).map((q: { answer: string }) => q.answer)).toEqual(['Checkout was down for card payments in the EU.', 'The rollback took four minutes.']);

    // An action item from the form: refused without a title (beside the field), then added with owner, due date and team.
    await page.getByRole('button', { name: 'Add action item' }).click();
    const title = page.getByLabel('What is to be done');
    await page.locator('.item-form .field-error').waitFor();
    expect(await title.getAttribute('aria-invalid')).toBe('true');
    await title.fill('Alert when the payments queue is older than 5 minutes');
    await page.getByLabel('Owner').fill('Dana Smith');
    await page.getByLabel('Due date').fill(day(-1));
    await page.getByLabel('Team').selectOption('Payments');
    await page.getByRole('button', { name: 'Add action item' }).click();
    await page.locator('.item-list').getByText('Alert when the payments queue is older than 5 minutes').waitFor();
    const items = (await api(page.request, 'GET', `/api/v1/incidents/${key}/action-items`)).body.items;
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ owner: 'Dana Smith', dueDate: day(-1), team: 'Payments', retrospectiveId: retro.id, overdue: true });
    await checkPage(page, 'retro-form');

    await page.getByRole('button', { name: 'Submit retrospective' }).click();
    await page.getByText('Submitted. The incident records its retrospective as done.').waitFor();
    const submitted = (await api(page.request, 'GET', `/api/v1/incidents/${key}/retrospective`)).body;
    expect(submitted.status).toBe('submitted');
    expect((await api(page.request, 'GET', `/api/v1/incidents/${key}`)).body.retroDoneAt).toBe(submitted.submittedAt);
    expect(await page.locator('textarea').count()).toBe(0);
    // The submitted one reads as text (checked as the viewer's page below).
    await page.getByRole('heading', { level: 3, name: first.prompt }).waitFor();

    // Another team's item, so the filters have something to leave out.
    expect((await api(page.request, 'POST', '/api/v1/action-items', { incident: key, title: 'Document the failover', owner: 'Jo Park', team: 'Platform', dueDate: day(30) })).status).toBe(201);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Action items' }).click();
    await page.getByRole('heading', { level: 1, name: 'Action items' }).waitFor();
    const rows = page.locator('tbody tr');
    await rows.nth(1).waitFor();
    expect(await rows.count()).toBe(2);
    // A team box applies as it is clicked and then follows the URL (so a click, and a wait for it, as for "Overdue only" below).
    const teamBox = (team: string) => page.getByRole('group', { name: 'Team' }).getByLabel(team, { exact: true });
    const toggleTeam = async (team: string, search: string) => {
      await teamBox(team).click();
      await page.waitForURL((url) => url.search === search);
      await page.getByRole('group', { name: 'Team' }).locator(`input[value="${team}"]${search.includes(team) ? ':checked' : ':not(:checked)'}`).waitFor();
    };
    await toggleTeam('Payments', '?team=Payments');
    await toggleTeam('Platform', '?team=Payments&team=Platform');
    await rows.nth(1).waitFor();
    expect(await rows.count()).toBe(2);
    await toggleTeam('Platform', '?team=Payments');
    await page.getByLabel('Owner').fill('dana smith');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.waitForURL((url) => url.search === '?team=Payments&owner=dana+smith');
    // A click, not check(): the box follows the URL, which the router updates a moment after the click.
    await page.getByLabel('Overdue only').click();
    await page.waitForURL((url) => url.searchParams.get('overdue') === 'true');
    await page.locator('#filter-overdue:checked').waitFor();
    await page.reload();
    await page.getByRole('heading', { level: 2, name: /^Overdue/ }).waitFor();
    expect(await page.getByLabel('Owner').inputValue()).toBe('dana smith');
    expect(await teamBox('Payments').isChecked()).toBe(true);
    expect(await teamBox('Platform').isChecked()).toBe(false);
    await rows.first().waitFor();
    expect(await rows.count()).toBe(1);
    const row = rows.first();
    expect(await row.locator('th').innerText()).toBe('Alert when the payments queue is older than 5 minutes');
    expect(await row.getByRole('link', { name: key }).getAttribute('href')).toBe(`/incidents/${key}`);
    expect(await row.innerText()).toContain('Overdue');
    await checkPage(page, 'action-items');

    await row.getByRole('button', { name: /Mark done/ }).click();
    await page.getByText('No overdue action items match these filters.').waitFor();
    expect((await api(page.request, 'GET', `/api/v1/action-items/${items[0].id}`)).body.status).toBe('done');
    await page.goto(`${service.url}/action-items`);
    await rows.first().waitFor();
    expect(await rows.allInnerTexts()).toEqual([expect.stringContaining('Document the failover')]);
  });

  it('shows a concurrent edit as a conflict with both versions, and saves the version chosen', async () => {
    const key = await createIncident('Search index stale');
    const started = await api(page.request, 'POST', `/api/v1/incidents/${key}/retrospective`, {});
    expect(started.status).toBe(201);
    const [first] = started.body.questions;
    await page.goto(`${service.url}/incidents/${key}/retro`);
    const answer = page.getByLabel(first.prompt);
    await answer.waitFor();

    // Someone else saves behind the page's back: the same answer, and the facilitator.
    const theirs = `Their answer ${HOSTILE}`;
    expect((await api(page.request, 'PATCH', `/api/v1/incidents/${key}/retrospective`, { version: started.body.version, facilitator: 'Jo Park', answers: { [first.key]: theirs } })).status).toBe(200);

    const mine = 'My answer: the reindex job ran on a stale snapshot.';
    await answer.fill(mine);
    const conflict = page.getByRole('heading', { level: 2, name: 'Someone else changed this retrospective' });
    await conflict.waitFor();
    expect(await page.getByTestId('save-status').innerText()).toMatch(/^Not saved: someone else changed/);
    expect(await page.getByTestId('conflict-theirs').innerText()).toBe(theirs);
    expect(await page.getByTestId('conflict-mine').innerText()).toBe(mine);
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    // Nothing overwritten yet.
    expect((await api(page.request, 'GET', `/api/v1/incidents/${key}/retrospective`)).body.questions[0].answer).toBe(theirs);
    expect(await answer.inputValue()).toBe(mine);
    await checkPage(page, 'retro-conflict');

    await page.getByRole('button', { name: 'Keep these and save' }).click();
    await saved(page);
    const after = (await api(page.request, 'GET', `/api/v1/incidents/${key}/retrospective`)).body;
    expect(after.questions[0].answer).toBe(mine);
    expect(after.facilitator).toBe('Jo Park');
    expect(await page.getByLabel('Facilitator').inputValue()).toBe('Jo Park');
    expect(await conflict.count()).toBe(0);
  });

  it('marks blame-shaped phrases as the API does, renders markup-shaped answers as text, and still submits', async () => {
    const key = await createIncident(`Certificate expired ${HOSTILE}`);
    expect((await api(page.request, 'POST', `/api/v1/incidents/${key}/retrospective`, { facilitator: 'Sam Lee' })).status).toBe(201);
    await page.goto(`${service.url}/incidents/${key}/retro`);
    const retro = (await api(page.request, 'GET', `/api/v1/incidents/${key}/retrospective`)).body;
    const [first, second] = retro.questions;

    // A save the API refuses keeps everything typed, says why beside the field, and saves once it is fixed.
    const facilitator = page.getByLabel('Facilitator');
    await facilitator.fill('S'.repeat(201));
    await page.getByLabel(second.prompt).fill('Typed while the save was refused.');
    await page.getByTestId('save-status').getByText(/^Not saved: .*Your text is kept here\.$/).waitFor();
    expect(await facilitator.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('.retro-meeting .field-error').innerText()).toMatch(/facilitator|200/);
    expect((await api(page.request, 'GET', `/api/v1/incidents/${key}/retrospective`)).body.questions[1].answer).toBeNull();
    await checkPage(page, 'retro-save-refused');
    await facilitator.fill('Sam Lee');
    await saved(page);
    expect((await api(page.request, 'GET', `/api/v1/incidents/${key}/retrospective`)).body.questions[1].answer).toBe('Typed while the save was refused.');

    const text = `John should have known better. Dana forgot to renew the certificate; human error. ${HOSTILE}`;
    await page.getByLabel(first.prompt).fill(text);
    await page.getByLabel(second.prompt).fill(HOSTILE);
    await page.getByLabel('Held at').fill(`${day(-1)}T10:00`);
    const hints = page.getByTestId('blame-hints');
    await hints.waitFor();
    const shown = await hints.locator('li').evaluateAll((items) =>
      items.map((li) => ({ phrase: li.querySelector('.blame-phrase')!.textContent, message: li.querySelector('.blame-message')!.textContent })));
    // The same module as the API: POST /retros/blame-check with the same text and the same people.
    const checked = (await api(page.request, 'POST', '/api/v1/retros/blame-check', { text, people: ['Dana Smith', 'Sam Lee'] })).body.hints;
    expect(shown).toEqual(checked.map((hint: { phrase: string; message: string }) => ({ phrase: hint.phrase, message: hint.message })));
    expect(shown.map((hint) => hint.phrase)).toEqual(['should have known', 'Dana forgot', 'human error']);
    expect(await hints.locator('mark').allInnerTexts()).toEqual(['should have known', 'Dana forgot', 'human error']);
    await saved(page);
    // And the retrospective's own hints (the API's, on what was saved) name the same phrases.
    const stored = (await api(page.request, 'GET', `/api/v1/incidents/${key}/retrospective`)).body;
    expect(stored.blameHints.map((hint: { phrase: string }) => hint.phrase)).toEqual(shown.map((hint) => hint.phrase));
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    expect(await page.evaluate('window.__xss')).toBeUndefined();
    await checkPage(page, 'retro-blame-hints');

    await page.getByRole('button', { name: 'Submit retrospective' }).click();
    await page.getByText('Submitted. The incident records its retrospective as done.').waitFor();
    expect(await page.getByRole('region', { name: second.prompt }).locator('.answer-text').innerText()).toBe(HOSTILE);
    expect(await page.locator('.lead a').innerText()).toBe(`Certificate expired ${HOSTILE}`);
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    expect(await page.evaluate('window.__xss')).toBeUndefined();
  });

  it('shows a viewer the retrospective and the action items without edit controls, and the API refuses her writes', async () => {
    const draftKey = await createIncident('Queue backlog');
    const draft = await api(page.request, 'POST', `/api/v1/incidents/${draftKey}/retrospective`, {});
    const item = await api(page.request, 'POST', '/api/v1/action-items', { incident: draftKey, title: HOSTILE, owner: 'Jo Park', dueDate: day(-2) });
    expect(item.status).toBe(201);
    const created = await api(page.request, 'POST', '/api/v1/users', { username: 'vera', displayName: 'Vera Viewer', role: 'viewer' });
    expect(created.status).toBe(201);
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await signIn(context, 'vera', created.body.oneTimePassword, VIEWER_PASSWORD);
    const viewer = await context.newPage();
    const errors = watchForPageErrors(viewer);

    await viewer.goto(`${service.url}/incidents/${draftKey}/retro`);
    await viewer.getByRole('heading', { level: 2, name: 'Questions' }).waitFor();
    expect(await viewer.locator('textarea, input, select').count()).toBe(0);
    expect(await viewer.getByRole('button', { name: /Submit|Add action item|Reopen|Start/ }).count()).toBe(0);
    await viewer.locator('.item-list').getByText(HOSTILE).waitFor();
    await checkPage(viewer, 'retro-viewer');

    await viewer.goto(`${service.url}/incidents/${submittedKey}/retro`);
    await viewer.getByText(/^Submitted /).waitFor();
    expect(await viewer.getByRole('button', { name: /Reopen/ }).count()).toBe(0);

    await viewer.goto(`${service.url}/action-items`);
    await viewer.locator('tbody th').filter({ hasText: HOSTILE }).waitFor();
    expect(await viewer.getByRole('button', { name: /Mark done/ }).count()).toBe(0);
    expect(await viewer.locator('img[src="x"]').count()).toBe(0);
    expect(await viewer.evaluate('window.__xss')).toBeUndefined();
    await checkPage(viewer, 'action-items-viewer');

    for (const [method, url, data] of [
      ['PATCH', `/api/v1/incidents/${draftKey}/retrospective`, { version: draft.body.version, facilitator: 'Vera' }],
      ['POST', `/api/v1/incidents/${draftKey}/retrospective/submit`, { version: draft.body.version }],
      ['POST', '/api/v1/action-items', { incident: draftKey, title: 'Not hers to add' }],
      ['PATCH', `/api/v1/action-items/${item.body.id}`, { version: item.body.version, status: 'done' }],
    ] as const) {
      const refused = await api(viewer.request, method, url, data);
      expect([url, refused.status, refused.body.code]).toEqual([url, 403, 'ROLE_TOO_LOW']);
    }
    expect(errors).toEqual([]);
    await context.close();
  });
});
