#!/usr/bin/env node
// Builds the web app (src/web → dist/web) with Vite, as part of `npm run build` (so `npm start` and CI get it),
// and skips the build when nothing it reads changed since the last one: a SHA-256 over the inputs below (paths
// and contents) is kept in dist/web/.build-stamp. A build type-checks the web app first (tsc -p src/web), as the
// server's build does; Vite itself does not.
//
//   node scripts/build-web.mjs [--force]
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(root, 'dist/web');
const stampFile = path.join(outDir, '.build-stamp');

/**
 * What the build reads: the app, its Vite and TypeScript configuration, the locked dependencies, and the pure
 * server modules the web app may import (the same list as the `web-imports-server` rule in .dependency-cruiser.cjs).
 */
const INPUTS = ['src/web', 'vite.config.mjs', 'package-lock.json', 'src/charts', 'src/retros/blame-hints.ts'];

function filesOf(relative) {
  const full = path.join(root, relative);
  if (!fs.existsSync(full)) return [];
  if (fs.statSync(full).isFile()) return [relative];
  return fs.readdirSync(full, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)));
}

export function inputsHash() {
  const hash = createHash('sha256');
  for (const file of INPUTS.flatMap(filesOf).sort()) {
    hash.update(`${file}\0`);
    hash.update(fs.readFileSync(path.join(root, file)));
    hash.update('\0');
  }
  return hash.digest('hex');
}

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const hash = inputsHash();
const built = fs.existsSync(path.join(outDir, 'index.html')) && fs.existsSync(stampFile) && fs.readFileSync(stampFile, 'utf8').trim() === hash;
if (built && !process.argv.includes('--force')) {
  console.log('web app: dist/web is up to date (inputs unchanged), not rebuilt');
} else {
  const started = Date.now();
  run(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', 'src/web/tsconfig.json']);
  run(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'vite.config.mjs']);
  fs.writeFileSync(stampFile, `${hash}\n`);
  console.log(`web app: built into dist/web in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
