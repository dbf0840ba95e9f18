import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { securityHeaders } from '../../src/common/security-headers.js';
import { launchBrowser } from '../support/browser.js';
import { serveWebApp } from '../support/web-app.js';

/**
 * The service's one security-header configuration, in a real browser, with a page built the way Vite
 * builds one (a module script from /assets, styles, a data: image): the app's own script runs and may call
 * this origin; an inline script and a request to another origin are refused.
 */
describe('a web app at / under the security headers', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hindsight-web-'));
  let app: NestExpressApplication;
  let url: string;
  let browser: Browser;

  beforeAll(async () => {
    fs.mkdirSync(path.join(dir, 'assets'));
    fs.writeFileSync(path.join(dir, 'index.html'), [
      '<!doctype html><html><head>',
      '<link rel="stylesheet" href="/assets/index.css">',
      '<script type="module" src="/assets/index.js"></script>',
      '</head><body><div id="root" style="color: rgb(1, 2, 3)"></div>',
      '<img id="icon" src="data:image/gif;base64,R0lGODlhAQABAAAAACH5BAEKAAEALAAAAAABAAEAAAICTAEAOw==">',
      '<script>window.inlineScriptRan = true;</script>',
      '</body></html>',
    ].join('\n'));
    fs.writeFileSync(path.join(dir, 'assets', 'index.css'), '#root { font-weight: 700; }');
    fs.writeFileSync(path.join(dir, 'assets', 'index.js'), [
      'const root = document.getElementById("root");',
      'root.textContent = "Hindsight";',
      'window.sameOrigin = fetch("/assets/index.css").then((r) => r.status, (e) => String(e));',
      'window.otherOrigin = fetch("http://127.0.0.2:9/").then((r) => r.status, () => "refused");',
    ].join('\n'));

    @Module({})
    class EmptyModule {}
    app = await NestFactory.create<NestExpressApplication>(EmptyModule, { logger: false });
    app.use(securityHeaders());
    serveWebApp(app, dir);
    await app.listen(0, '127.0.0.1');
    url = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('runs the app\'s own script, styles and data: images, and refuses inline scripts and other origins', async () => {
    const page = await browser.newPage();
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/.test(message.text())) violations.push(message.text());
    });
    const response = await page.goto(`${url}/incidents/INC-2026-0001`);
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
    // Evaluated in the page (as text: the tests are compiled without the DOM's types).
    await page.waitForFunction('document.getElementById("root")?.textContent === "Hindsight"');
    const seen = await page.evaluate(`(async () => ({
      inlineScriptRan: window.inlineScriptRan ?? false,
      inlineStyle: getComputedStyle(document.getElementById('root')).color,
      stylesheet: getComputedStyle(document.getElementById('root')).fontWeight,
      dataImageLoaded: document.getElementById('icon').naturalWidth,
      sameOrigin: await window.sameOrigin,
      otherOrigin: await window.otherOrigin,
    }))()`);
    expect(seen).toEqual({ inlineScriptRan: false, inlineStyle: 'rgb(1, 2, 3)', stylesheet: '700', dataImageLoaded: 1, sameOrigin: 200, otherOrigin: 'refused' });
    expect(violations.join('\n')).toMatch(/script-src/);
    expect(violations.join('\n')).toMatch(/connect-src/);
    await page.close();
  });
});
