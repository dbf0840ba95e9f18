import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

/**
 * `npm run dev`'s web half: Vite's dev server with the project's vite.config.mjs. React Fast Refresh is wired in
 * (edits keep the page's state; checked by hand in Chromium, see the README), the app's own modules under /api/
 * (src/web/api/*.ts) are served as modules, and only the service's paths are proxied to it.
 */
describe('the web app dev server (vite.config.mjs)', () => {
  let vite: ChildProcess;
  let service: http.Server;
  let base: string;
  const proxied: string[] = [];

  beforeAll(async () => {
    // Stands in for the service in watch mode: answers what the dev server forwards, and records it.
    service = http.createServer((request, response) => {
      proxied.push(request.url ?? '');
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify({ from: 'service', url: request.url }));
    });
    await new Promise<void>((resolve) => service.listen(0, '127.0.0.1', resolve));
    // As scripts/dev.mjs starts it, on a free port instead of 5173.
    vite = spawn(process.execPath, [path.resolve('node_modules/vite/bin/vite.js'), '--config', 'vite.config.mjs', '--port', '0', '--strictPort', 'false'], {
      env: { ...process.env, HINDSIGHT_DEV_API: `http://127.0.0.1:${(service.address() as AddressInfo).port}`, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    base = await new Promise<string>((resolve, reject) => {
      let output = '';
      const timer = setTimeout(() => reject(new Error(`Vite did not start:\n${output}`)), 30_000);
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        const match = /Local:\s+(http:\/\/\S+?)\/?\s/.exec(output);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      };
      vite.stdout!.on('data', onData);
      vite.stderr!.on('data', onData);
      vite.on('exit', (code) => reject(new Error(`Vite exited with ${code}:\n${output}`)));
    });
  });
  afterAll(async () => {
    if (vite && vite.exitCode === null) {
      const exited = new Promise((resolve) => vite.on('exit', resolve));
      vite.kill('SIGTERM');
      await exited;
    }
    await new Promise((resolve) => service?.close(resolve));
  });

  it('serves index.html with the React Fast Refresh preamble, and components registered for refresh', async () => {
    const html = await (await fetch(`${base}/`)).text();
    expect(html).toContain('/@react-refresh');
    expect(html).toContain('<div id="root"></div>');
    const component = await (await fetch(`${base}/features/auth/components/SignInForm.tsx`)).text();
    expect(component).toContain('$RefreshReg$');
  });

  it("serves the app's own modules under /api/ and proxies only the service's paths", async () => {
    const before = proxied.length;
    const module = await fetch(`${base}/api/errors.ts`);
    expect(module.status).toBe(200);
    expect(module.headers.get('content-type')).toMatch(/javascript/);
    expect(proxied.length).toBe(before);

    for (const url of ['/api/v1/auth/session', '/api/docs/openapi.json', '/health']) {
      expect(await (await fetch(`${base}${url}`)).json()).toEqual({ from: 'service', url });
    }
    expect(proxied.slice(before)).toEqual(['/api/v1/auth/session', '/api/docs/openapi.json', '/health']);
  });
});
