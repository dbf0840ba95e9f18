#!/usr/bin/env node
// Builds the web app (src/web → dist/web) with Vite, as part of `npm run build` (so `npm start` and CI get it),
// and skips the build when nothing it reads changed since the last one: a SHA-256 over the inputs below (paths
// and contents) is kept in dist/web/.build-stamp. A build type-checks the web app first (tsc -p src/web), as the
// server's build does; Vite itself does not.
//
//   node scripts/build-web.mjs [--force]
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { inputsHash, isBuildCurrent, writeBuildStamp } from './web/build-stamp.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(root, 'dist/web');

/**
 * What the build reads: the app, its Vite and TypeScript configuration, the locked dependencies, and the pure
 * server modules the web app may import (the same list as the `web-imports-server` rule in .dependency-cruiser.cjs)
 * and the server modules they import in turn.
 */
const INPUTS = [
  'src/web', 'vite.config.mjs', 'package-lock.json', 'src/charts', 'src/retros/blame-hints.ts',
  'src/metrics/core/change-verdict.ts', 'src/metrics/core/duration-buckets.ts', 'src/metrics/core/intervals.ts', 'src/incidents/milestones.ts',
];

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const hash = inputsHash(root, INPUTS);
if (isBuildCurrent(outDir, hash) && !process.argv.includes('--force')) {
  console.log('web app: dist/web is up to date (inputs unchanged), not rebuilt');
} else {
  const started = Date.now();
  run(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', 'src/web/tsconfig.json']);
  run(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'vite.config.mjs']);
  writeBuildStamp(outDir, hash);
  console.log(`web app: built into dist/web in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
