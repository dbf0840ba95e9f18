import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { WEB_APP_MISSING } from '../../src/web-app/web-app.middleware.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { makeWebAppDir, serveWebApp, WEB_APP_INDEX, WEB_APP_SCRIPT } from '../support/web-app.js';

/**
 * The web app's files at / as the service serves a build (serveWebApp, which createApp runs for main.ts with
 * dist/web): the app for every client route, its files, and nothing taken from /api or /health. Without a
 * build (the server compiled with tsc alone), client routes say how to build it, and the API works as ever.
 */
describe('serving the web app', () => {
  describe('built', () => {
    const dir = makeWebAppDir();
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp({ beforeInit: (app) => serveWebApp(app, dir) });
    });
    afterAll(async () => {
      await t.close();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it.each(['/', '/reports', '/incidents/INC-2026-0001', '/sign-in?next=%2Freports'])('answers GET %s with index.html, never cached', async (url) => {
      const response = await t.anonymous().get(url).expect(200);
      expect(response.headers['content-type']).toMatch(/^text\/html/);
      expect(response.text).toBe(WEB_APP_INDEX);
      expect(response.headers['cache-control']).toBe('no-cache');
      expect(response.headers['content-security-policy']).toContain("script-src 'self'");
    });

    it('serves the hashed assets for long, and a missing asset is a 404, not index.html', async () => {
      const asset = await t.anonymous().get('/assets/index-test.js').expect(200);
      expect(asset.text).toBe(WEB_APP_SCRIPT);
      expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      const missing = await t.anonymous().get('/assets/gone.js').expect(404);
      expect(missing.text).toBe('Not Found');
    });

    it('leaves /api and /health to the API: JSON, unknown paths a JSON 404', async () => {
      expect((await t.anonymous().get('/health').expect(200)).headers['content-type']).toMatch(/json/);
      const miss = await t.anonymous().get('/api/v1/no-such-thing').expect(404);
      expect(miss.body.code).toBe('NOT_FOUND');
      expect((await t.anonymous().get('/api/v1/reports').expect(401)).body.code).toBe('UNAUTHENTICATED');
    });
  });

  describe('not built', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hindsight-no-web-'));
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp({ beforeInit: (app) => serveWebApp(app, dir) });
    });
    afterAll(async () => {
      await t.close();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it('answers the app\'s pages with how to build it, and the API as ever', async () => {
      const page = await t.anonymous().get('/reports').expect(503);
      expect(page.headers['content-type']).toMatch(/^text\/plain/);
      expect(page.text).toBe(WEB_APP_MISSING);
      expect(page.text).toContain('npm run build');
      await t.anonymous().get('/').expect(503);
      await t.anonymous().get('/health').expect(200);
      expect((await t.anonymous().get('/api/v1/nope').expect(404)).body.code).toBe('NOT_FOUND');
    });
  });
});
