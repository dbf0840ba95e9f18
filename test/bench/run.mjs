#!/usr/bin/env node
// Benchmark runner: `npm run bench -- <name> [options]` runs test/bench/<name>.bench.mjs against the built
// service (dist/). Kept out of `npm test`: Jest only collects *.spec.ts.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const available = readdirSync(here).filter((f) => f.endsWith('.bench.mjs')).map((f) => f.replace(/\.bench\.mjs$/, ''));
const [name, ...args] = process.argv.slice(2);
if (!name || !available.includes(name)) {
  console.error(`usage: npm run bench -- <${available.join('|')}> [options]`);
  process.exit(2);
}
const bench = await import(pathToFileURL(path.join(here, `${name}.bench.mjs`)).href);
await bench.run(args);
