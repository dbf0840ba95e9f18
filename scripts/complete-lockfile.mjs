#!/usr/bin/env node
// Adds lockfile entries for platform-specific optional binaries (e.g. @swc/core-darwin-arm64) that
// npm could not record because the registry mirror it ran against does not serve them. Without
// those entries `npm ci` refuses the lockfile ("Missing: … from lock file"). Each entry names only
// the version and the platform it is for, so npm skips it on other platforms and fetches it by
// name and version on its own. Run after `npm install`: `npm run lockfile:complete`.
import fs from 'node:fs';

const file = process.argv[2] ?? 'package-lock.json';
const lock = JSON.parse(fs.readFileSync(file, 'utf8'));
const PLATFORM = /-(darwin|linux|win32|android|freebsd|openharmony)-(arm64|x64|arm|ia32|ppc64|s390x|riscv64|loong64)(?:-(gnu|musl|gnueabihf|musleabihf|msvc|eabi))?$/;

let added = 0;
for (const [location, entry] of Object.entries(lock.packages)) {
  for (const [name, range] of Object.entries(entry.optionalDependencies ?? {})) {
    const base = location === '' ? '' : `${location}/`;
    const candidates = [`${base}node_modules/${name}`, `node_modules/${name}`];
    if (candidates.some((c) => lock.packages[c])) continue;
    const match = PLATFORM.exec(name);
    if (!match) continue;
    const [, os, cpu, abi] = match;
    const version = String(range).replace(/^[\^~=]/, '');
    const libc = abi?.startsWith('musl') ? ['musl'] : os === 'linux' && abi?.startsWith('gnu') ? ['glibc'] : undefined;
    lock.packages[`node_modules/${name}`] = {
      version,
      ...(entry.dev ? { dev: true } : {}),
      optional: true,
      os: [os],
      cpu: [cpu],
      ...(libc ? { libc } : {}),
    };
    added += 1;
  }
}
lock.packages = Object.fromEntries(Object.entries(lock.packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))));
fs.writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
process.stdout.write(`package-lock.json: added ${added} platform binary entr${added === 1 ? 'y' : 'ies'}\n`);
