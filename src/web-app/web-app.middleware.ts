import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { answersJson } from '../common/http-exception.filter.js';

/**
 * Where `npm run build` leaves the web app (Vite's output, scripts/build-web.mjs): dist/web beside the
 * compiled server (dist/src/web-app/web-app.js → dist/web), whatever the working directory.
 */
export function builtWebAppDir(): string {
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web');
}

/** What / answers when the web app was not built (the server compiled with tsc alone): what to run, and where the API is. */
export const WEB_APP_MISSING =
  'The Hindsight web app is not built here (no index.html in its folder). Run `npm run build` (or `npm start`, which builds it), ' +
  'then reload. The API answers at /api/v1, its docs at /api/docs.';

/** Whether a GET for `urlPath` is one of the web app's own routes: outside /api and /health, and not a file (no extension). */
export function isClientRoute(urlPath: string): boolean {
  return !answersJson(urlPath) && !path.extname(urlPath);
}

/**
 * Serves the single-page app in `dir` at /: its files (express.static; index.html for /), and index.html for
 * every other GET of a client route (history fallback), so /reports or /incidents/INC-2026-0001 open the app
 * at that page. /api and /health are left alone (their unknown paths stay JSON 404s), and so is a missing
 * file (/assets/gone.js is a 404, not index.html). Without an index.html in `dir`, client routes answer 503
 * with WEB_APP_MISSING instead of failing. Call before `app.init()`; the fallback is an Express route that no
 * Nest controller serves.
 *
 * Not @nestjs/serve-static: its fallback answers index.html for any path it does not exclude, missing asset
 * files included, and this needs two lines of Express.
 */
export function serveWebApp(app: NestExpressApplication, dir: string): { built: boolean } {
  const index = path.join(dir, 'index.html');
  const built = fs.existsSync(index);
  // index.html is never cached (it names the current build's files); the hashed assets under /assets may be, for long.
  if (built) app.useStaticAssets(dir, { index: false, setHeaders: assetCaching });
  app.getHttpAdapter().getInstance().get('/{*path}', (request: Request, response: Response, next: NextFunction) => {
    if (!isClientRoute(request.path)) return next();
    if (!built) return void response.status(503).type('text/plain').send(WEB_APP_MISSING);
    response.setHeader('Cache-Control', 'no-cache');
    response.sendFile(index);
  });
  return { built };
}

function assetCaching(response: Response, filePath: string): void {
  const immutable = filePath.split(path.sep).includes('assets');
  response.setHeader('Cache-Control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
}
