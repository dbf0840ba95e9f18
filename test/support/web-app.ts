import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export { serveWebApp } from '../../src/web-app/web-app.middleware.js';

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
