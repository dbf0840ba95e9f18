#!/usr/bin/env node
// `npm run dev`: the service in watch mode and the web app with hot reload, side by side.
// - tsc --watch recompiles the server into dist/ on every change;
// - node --watch restarts the service (dist/src/main.js, on PORT or 3000) when dist/src changes;
// - Vite's dev server (http://127.0.0.1:5173) serves src/web with hot reload and proxies /api and /health to the service.
// Open http://127.0.0.1:5173. Ctrl-C stops all three. The service's environment (DATABASE_URL, PORT, …) applies as for npm start.
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const node = process.execPath;
const bin = (relative) => path.join(root, 'node_modules', relative);
const port = process.env.PORT ?? '3000';

console.log('dev: compiling the server once before watching…');
const first = spawnSync(node, [bin('typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
if (first.status !== 0) process.exit(first.status ?? 1);

const children = [
  spawn(node, [bin('typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--watch', '--preserveWatchOutput'], { cwd: root, stdio: 'inherit' }),
  spawn(node, ['--watch-path=dist/src', 'dist/src/main.js'], { cwd: root, stdio: 'inherit', env: { ...process.env, PORT: port } }),
  spawn(node, [bin('vite/bin/vite.js'), '--config', 'vite.config.mjs'], {
    cwd: root, stdio: 'inherit', env: { ...process.env, HINDSIGHT_DEV_API: `http://127.0.0.1:${port}` },
  }),
];

let stopping = false;
function stop(code) {
  if (stopping) return;
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  process.exitCode = code;
}
for (const child of children) child.on('exit', (code) => stop(code ?? 1));
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));
