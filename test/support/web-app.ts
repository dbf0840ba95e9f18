import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { answersJson } from '../../src/common/http-exception.filter.js';

export const WEB_APP_INDEX = '<!doctype html><html><head><script type="module" src="/assets/index-test.js"></script></head><body><div id="root"></div></body></html>';
export const WEB_APP_SCRIPT = 'document.getElementById("root").textContent = "Hindsight";';

/** A built single-page app as Vite leaves it, in a new temporary folder: index.html and one script under assets/. */
export function makeWebAppDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hindsight-web-'));
  fs.mkdirSync(path.join(dir, 'assets'));
  fs.writeFileSync(path.join(dir, 'index.html'), WEB_APP_INDEX);
  fs.writeFileSync(path.join(dir, 'assets', 'index-test.js'), WEB_APP_SCRIPT);
  return dir;
}

/**
 * Serves `dir` at / the way a single-page app is served (express.static, or @nestjs/serve-static): its
 * files, and index.html for every other GET outside /api and /health without a file extension (the client's
 * routes). Call before `app.init()`. The fallback is an Express route that no Nest controller serves.
 */
export function serveWebApp(app: NestExpressApplication, dir: string): void {
  app.useStaticAssets(dir);
  app.getHttpAdapter().getInstance().get('/{*path}', (request: Request, response: Response, next: NextFunction) => {
    if (answersJson(request.path) || path.extname(request.path)) return next();
    response.sendFile(path.join(dir, 'index.html'));
  });
}
