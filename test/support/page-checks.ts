import { AxeBuilder } from '@axe-core/playwright';
import fs from 'node:fs';
import path from 'node:path';
import { expect } from '@jest/globals';
import type { APIRequestContext, Page } from 'playwright-core';

/** Where the browser tests leave their screenshots (git-ignored; CI keeps the folder as an artefact). */
export const SCREENSHOT_DIR = path.resolve('test-results/web-app');

/** The two widths every page is checked at: a laptop and a phone. */
export const WIDTHS = [
  { name: 'desktop', width: 1280, height: 900 },
  { name: 'phone', width: 390, height: 844 },
] as const;

/** axe-core's serious and critical violations on the page as it is now: rule, impact, and where. */
export async function seriousAccessibilityViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  return result.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.impact} ${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`);
}

/** Full-page screenshots of the page at both widths, named `<name>-<width>.png`; leaves the page at the desktop width. */
export async function screenshotAtBothWidths(page: Page, name: string): Promise<string[]> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const files: string[] = [];
  for (const size of [...WIDTHS].reverse()) {
    await page.setViewportSize({ width: size.width, height: size.height });
    const file = path.join(SCREENSHOT_DIR, `${name}-${size.width}.png`);
    await page.screenshot({ path: file, fullPage: true });
    files.push(file);
  }
  return files;
}

/** Whether the page is wider than the viewport (something forces a horizontal scroll). */
export function overflowsHorizontally(page: Page): Promise<boolean> {
  return page.evaluate<boolean>('document.documentElement.scrollWidth > document.documentElement.clientWidth + 1');
}

/**
 * Collects what would be a bug on a page: uncaught exceptions, and console errors other than Chromium's
 * "Failed to load resource … 4xx" line, which it prints for every HTTP refusal the app asks for and handles
 * (no session yet: 401; a form the API refuses: 400/422). CSP violations and React's errors are console errors too.
 */
export function watchForPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    if (/^Failed to load resource: the server responded with a status of 4\d\d/.test(message.text())) return;
    errors.push(`console: ${message.text()}`);
  });
  return errors;
}

/**
 * The checks every page gets as it is now: no serious or critical accessibility violation at either width, no
 * horizontal scroll on a phone, a screenshot at both widths (`<name>-<width>.png`). Leaves the page at the desktop width.
 */
export async function checkPage(page: Page, name: string): Promise<void> {
  expect(await seriousAccessibilityViolations(page)).toEqual([]);
  await screenshotAtBothWidths(page, name);
  await page.setViewportSize({ width: 390, height: 844 });
  expect(await overflowsHorizontally(page)).toBe(false);
  expect(await seriousAccessibilityViolations(page)).toEqual([]);
  await page.setViewportSize({ width: 1280, height: 900 });
}

export type ApiMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE';

/** A call to the API as a browser context makes it: its session cookie, and the CSRF token a write needs. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the answers of every endpoint, read by the tests as they need them
export async function callApi(request: APIRequestContext, baseUrl: string, method: ApiMethod, url: string, data?: unknown): Promise<{ status: number; body: any }> {
  const session = await (await request.get(`${baseUrl}/api/v1/auth/session`)).json();
  const response = await request.fetch(`${baseUrl}${url}`, { method, data, headers: { 'X-CSRF-Token': session.csrfToken ?? '' } });
  return { status: response.status(), body: await response.json().catch(() => undefined) };
}

/** The administrator's one-time password that the service's first start prints in its log. */
export function firstStartPassword(serviceOutput: string): string {
  const password = /Password:\s+([a-z0-9-]+)\s+\(one-time\)/.exec(serviceOutput)?.[1];
  if (!password) throw new Error(`the first start printed no one-time password:\n${serviceOutput}`);
  return password;
}

/**
 * Signs a browser context in through the API with a one-time password and replaces it with `password`, as the
 * change-password page does (the sign-in pages have their own tests). The context stays signed in.
 */
export async function signInReplacingOneTime(request: APIRequestContext, baseUrl: string, username: string, oneTime: string, password: string): Promise<void> {
  expect((await request.post(`${baseUrl}/api/v1/auth/sign-in`, { data: { username, password: oneTime } })).status()).toBe(200);
  expect((await callApi(request, baseUrl, 'POST', '/api/v1/auth/password', { currentPassword: oneTime, newPassword: password })).status).toBe(204);
}
