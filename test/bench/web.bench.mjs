// `npm run bench -- web [--incidents N] [--runs N] [--cores shared|separate] [--keep] [--admin-url URL]`
//
// Issue 14: the dashboard as a person opens it, against the same API calls made directly.
// 1. Data: a fresh database hindsight_web_<timestamp>, migrated, filled by `hindsight demo-data` and N more
//    incidents (default 100,000) over 24 months (bench-support.mjs), ANALYZEd; an admin API token inserted.
// 2. The built service on it; Debian's Chromium (playwright-core) signed in once with the token (session cookie).
// 3. --runs times (default 5), interleaved:
//    api   — every API request the page made on its first load, fired at once from Node with the same cookie,
//            first request to last response;
//    cold  — a new page (same context) with the browser cache disabled (CDP Network.setCacheDisabled), /dashboard
//            (the default view: the last 12 months), navigation start to every chart's figure data-state="drawn";
//    warm  — the same with the cache on (the app's JavaScript and CSS from the cache);
//    floor — a bare page of the bench's own making the same requests with fetch() and drawing nothing: what
//            Chromium costs on these 2 shared cores before any app code (loadFloor).
//    Each load opens a new tab and leaves it SETTLE_MS before navigating (and the browser as long after closing it).
// 4. The JavaScript the first page loads: every script response of the cold load, gzipped here (the service
//    sends it uncompressed; a proxy in front would gzip it), against 250 KB.
// 5. --cores separate: the browser (and this process, which makes the direct calls) on CPU 1, the service and
//    PostgreSQL (its postmaster, so every backend started after) on CPU 0, as when people's browsers run on their
//    own machines; the postmaster's CPUs are put back at the end. Default `shared`: all of them on every CPU.
// Writes test/bench/out/web-result.json; drops the database unless --keep.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import pg from 'pg';
import { chromium } from 'playwright-core';
import { log, median, prepareBenchDatabase, startService, urlFor } from './bench-support.mjs';

const OUT = path.join(process.cwd(), 'test/bench/out');
const MONTHS = 24;
const CHARTS = 8;
const RATIO_TARGET = 1.3;
const JS_TARGET_KB = 250;
/** Chromium's connections per host over HTTP/1.1: the page's concurrency, which the direct calls keep. */
const BROWSER_SOCKETS = 6;
/**
 * How long a new tab is left before navigating, and the browser after closing one. Opening a tab costs Debian's
 * Chromium 156 about 200 ms of CPU in its browser process, most of it after newPage() has returned (tab strip,
 * top-chrome WebUI), and closing one tears a renderer down: on 2 cores shared with the service and PostgreSQL,
 * that work would otherwise land inside the timed load (or the direct calls after it) though it is the harness's,
 * not the page's. Measured with test/bench: the browser process settles within 700 ms of newPage().
 */
const SETTLE_MS = 1_000;

function parseArgs(args) {
  const options = { incidents: 100_000, runs: 5, cores: 'shared', keep: false, adminUrl: process.env.BENCH_ADMIN_URL || 'postgres://postgres@127.0.0.1:5432/postgres' };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--keep') options.keep = true;
    else if (a === '--incidents') options.incidents = Number(args[++i]);
    else if (a === '--runs') options.runs = Number(args[++i]);
    else if (a === '--admin-url') options.adminUrl = args[++i];
    else if (a === '--cores') options.cores = args[++i];
    else throw new Error(`unknown option ${a}`);
  }
  if (!Number.isInteger(options.incidents) || options.incidents < 0) throw new Error(`--incidents must be a whole number, not ${options.incidents}`);
  if (!['shared', 'separate'].includes(options.cores)) throw new Error(`--cores must be shared or separate, not ${options.cores}`);
  if (options.cores === 'separate' && os.cpus().length < 2) throw new Error('--cores separate needs at least 2 CPUs');
  if (!Number.isInteger(options.runs) || options.runs < 1) throw new Error(`--runs must be a whole number of at least 1, not ${options.runs}`);
  return options;
}

/** Debian's Chromium, as test/support/browser.ts launches it. */
function launchBrowser() {
  const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  return chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'] });
}

/** Every chart's figure drawn by Chart.js (a function: the CSP forbids eval in the page). Returns performance.now(). */
const allChartsDrawn = (count) => {
  const cards = globalThis.document.querySelectorAll('.chart-card');
  return cards.length === count && [...cards].every((card) => card.dataset.state === 'drawn') ? performance.now() : false;
};

/** A new tab, left SETTLE_MS before it is used. */
async function newSettledTab(context) {
  const page = await context.newPage();
  await page.waitForTimeout(SETTLE_MS);
  return page;
}

/** Closes a tab and leaves the browser SETTLE_MS after it. */
async function closeTab(page) {
  await page.close();
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
}

/**
 * One load of /dashboard in a new page: milliseconds from navigation start to every chart drawn, the API
 * requests it made (in order, with when each started and ended, ms after navigation start), and its scripts.
 */
async function loadDashboard(context, baseUrl, { cache }) {
  const page = await newSettledTab(context);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: !cache });
  await cdp.send('Performance.enable');
  const api = [];
  const scripts = [];
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('requestfinished', (request) => {
    const url = new URL(request.url());
    const timing = request.timing();
    if (url.pathname.startsWith('/api/')) api.push({ path: `${url.pathname}${url.search}`, start: timing.startTime, end: timing.responseEnd });
    if (request.resourceType() === 'script') scripts.push(request);
  });
  await page.goto(`${baseUrl}/dashboard`, { waitUntil: 'commit' });
  const handle = await page.waitForFunction(allChartsDrawn, CHARTS, { polling: 'raf', timeout: 120_000 });
  const ms = await handle.jsonValue();
  const origin = await page.evaluate(() => performance.timeOrigin);
  // The boot, from the page's own resource timing: the HTML in, the scripts in, the first API request sent.
  const boot = await page.evaluate(() => {
    const [navigation] = performance.getEntriesByType('navigation');
    const resources = performance.getEntriesByType('resource');
    const scripts = resources.filter((r) => r.initiatorType === 'script' || r.name.endsWith('.js'));
    const api = resources.filter((r) => new URL(r.name).pathname.startsWith('/api/'));
    return {
      htmlMs: navigation?.responseEnd ?? null,
      scriptsMs: scripts.length ? Math.max(...scripts.map((r) => r.responseEnd)) : null,
      firstApiMs: api.length ? Math.min(...api.map((r) => r.startTime)) : null,
    };
  });
  // The page's main thread until then: all its tasks, and the JavaScript among them (CDP Performance, seconds).
  const metrics = Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
  const mainThread = { taskMs: metrics.TaskDuration * 1000, scriptMs: metrics.ScriptDuration * 1000 };
  await page.waitForLoadState('networkidle');
  const scriptSizes = await Promise.all(scripts.map(async (request) => {
    const response = await request.response();
    const body = response ? await response.body() : Buffer.alloc(0);
    return { path: new URL(request.url()).pathname, bytes: body.length, gzip: gzipSync(body).length };
  }));
  await closeTab(page);
  if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);
  // Playwright's request timing: startTime is epoch ms, the rest relative to it.
  const requests = api.map((r) => ({ path: r.path, start: r.start - origin, end: r.start + r.end - origin }));
  return { ms, requests, scripts: scriptSizes, mainThread, boot };
}

/**
 * The floor of any page in this browser: a new tab (settled as for the dashboard) whose whole page is one inline
 * script that fetches the dashboard's API requests at once and reads every body as JSON, nothing drawn. Served by
 * the bench itself at a path of the service's origin (so the session cookie goes along), not by the service.
 * Navigation start to the last body read, ms: what Chromium itself costs on top of the direct calls, on the same
 * two cores, before any app code.
 */
async function loadFloor(context, baseUrl, paths) {
  const page = await newSettledTab(context);
  const html = `<!doctype html><title>floor</title><script>
    Promise.all(${JSON.stringify(paths)}.map((p) => fetch(p, { credentials: 'same-origin' }).then((r) => r.json())))
      .then(() => { document.title = String(performance.now()); });
  </script>`;
  await page.route(`${baseUrl}/__bench/floor`, (route) => route.fulfill({ status: 200, contentType: 'text/html', body: html }));
  await page.goto(`${baseUrl}/__bench/floor`, { waitUntil: 'commit' });
  const handle = await page.waitForFunction(() => (/^\d/.test(globalThis.document.title) ? Number(globalThis.document.title) : false), null, { polling: 'raf', timeout: 120_000 });
  const ms = await handle.jsonValue();
  await closeTab(page);
  return ms;
}

/** Pins every thread of process `pid` to the CPUs in `list` ("0", "1", "0-1"); returns the list it had. */
function pin(pid, list) {
  const before = /:\s*(\S+)\s*$/.exec(execFileSync('taskset', ['-c', '-p', String(pid)], { encoding: 'utf8' }))?.[1] ?? '';
  execFileSync('taskset', ['-a', '-c', '-p', list, String(pid)], { stdio: 'ignore' });
  return before;
}

/** The PostgreSQL server's postmaster: the first line of postmaster.pid in its data directory. */
async function postmasterPid(admin) {
  const { rows: [{ setting }] } = await admin.query(`SELECT setting FROM pg_settings WHERE name = 'data_directory'`);
  return Number(readFileSync(path.join(setting, 'postmaster.pid'), 'utf8').split('\n')[0]);
}

/** GET with the session cookie through `agent`; resolves when the whole body is in. */
function get(baseUrl, p, cookie, agent) {
  return new Promise((resolve, reject) => {
    const request = http.get(`${baseUrl}${p}`, { agent, headers: { cookie } }, (response) => {
      const chunks = [];
      response.on('data', (c) => chunks.push(c));
      response.on('end', () => (response.statusCode === 200 ? resolve() : reject(new Error(`GET ${p}: ${response.statusCode} ${Buffer.concat(chunks).toString()}`))));
      response.on('error', reject);
    });
    request.on('error', reject);
  });
}

/**
 * The page's API requests fired at once from Node with the session cookie, over keep-alive connections, at most
 * `sockets` at a time (Chromium opens at most 6 per host over HTTP/1.1): first request to last response, ms.
 */
async function directCalls(baseUrl, paths, cookie, sockets) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: sockets });
  try {
    const started = performance.now();
    await Promise.all(paths.map((p) => get(baseUrl, p, cookie, agent)));
    return performance.now() - started;
  } finally {
    agent.destroy();
  }
}

/** Where a load's time went: its first API request and its last response, ms after navigation start. */
const phases = (requests) => `API from ${Math.min(...requests.map((r) => r.start)).toFixed(0)} to ${Math.max(...requests.map((r) => r.end)).toFixed(0)} ms`;

export async function run(args) {
  const options = parseArgs(args);
  const admin = new pg.Client({ connectionString: options.adminUrl });
  await admin.connect();
  const db = `hindsight_web_${new Date().toISOString().replace(/\D/g, '').slice(0, 14)}`;
  await admin.query(`CREATE DATABASE ${db}`);
  const url = urlFor(options.adminUrl, db);
  let service = null;
  let browser = null;
  let unpin = null;
  try {
    const { token, size } = await prepareBenchDatabase(url, { incidents: options.incidents, seedBase: 14000, months: MONTHS, tokenName: 'web-bench' });

    if (options.cores === 'separate') {
      const postmaster = await postmasterPid(admin);
      const postmasterCpus = pin(postmaster, '0');
      const ownCpus = pin(process.pid, '1');
      unpin = () => {
        pin(postmaster, postmasterCpus);
        pin(process.pid, ownCpus);
      };
      log(`CPUs: PostgreSQL (postmaster ${postmaster}) and the service on 0, the browser and the direct calls on 1`);
    }
    service = await startService({ DATABASE_URL: url });
    if (options.cores === 'separate') pin(service.pid, '0');
    log(`service listening on ${service.url}`);
    browser = await launchBrowser();
    const chromiumVersion = browser.version();
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const signIn = await context.request.post(`${service.url}/api/v1/auth/sign-in/token`, { data: { token } });
    if (signIn.status() !== 200) throw new Error(`sign-in with the token: ${signIn.status()} ${await signIn.text()}`);
    const cookie = (await context.cookies(service.url)).map((c) => `${c.name}=${c.value}`).join('; ');

    // A first load, not counted: the service's and PostgreSQL's caches as they are after some use, and the list
    // of API requests the page makes, which the direct calls then repeat.
    const first = await loadDashboard(context, service.url, { cache: false });
    const paths = first.requests.map((r) => r.path);
    log(`the page's API requests (ms after navigation start):\n${first.requests.map((r) => `  ${r.start.toFixed(0).padStart(6)} – ${r.end.toFixed(0).padStart(6)}  ${r.path}`).join('\n')}`);

    const loadBefore = os.loadavg();
    const runs = [];
    for (let i = 0; i < options.runs; i++) {
      const api = await directCalls(service.url, paths, cookie, BROWSER_SOCKETS);
      const cold = await loadDashboard(context, service.url, { cache: false });
      const apiUnlimited = await directCalls(service.url, paths, cookie, Infinity);
      const warm = await loadDashboard(context, service.url, { cache: true });
      const floor = await loadFloor(context, service.url, paths);
      runs.push({ api, apiUnlimited, floor, cold: cold.ms, warm: warm.ms, coldMainThread: cold.mainThread, coldBoot: cold.boot, coldRequests: cold.requests });
      log(`run ${i + 1}: API calls ${api.toFixed(0)} ms (${apiUnlimited.toFixed(0)} ms on any number of connections), page (cache off) ${cold.ms.toFixed(0)} ms [${phases(cold.requests)}; HTML in at ${cold.boot.htmlMs?.toFixed(0)}, script at ${cold.boot.scriptsMs?.toFixed(0)}, first API request at ${cold.boot.firstApiMs?.toFixed(0)} ms; main thread busy ${cold.mainThread.taskMs.toFixed(0)} ms, JavaScript ${cold.mainThread.scriptMs.toFixed(0)} ms], page (cache on) ${warm.ms.toFixed(0)} ms, floor ${floor.toFixed(0)} ms`);
    }
    const loadAfter = os.loadavg();
    await browser.close();
    browser = null;
    await service.stop();
    service = null;

    const api = median(runs.map((r) => r.api));
    const apiUnlimited = median(runs.map((r) => r.apiUnlimited));
    const cold = median(runs.map((r) => r.cold));
    const warm = median(runs.map((r) => r.warm));
    const floor = median(runs.map((r) => r.floor));
    const js = { scripts: first.scripts, bytes: first.scripts.reduce((s, x) => s + x.bytes, 0), gzip: first.scripts.reduce((s, x) => s + x.gzip, 0) };
    const result = {
      date: new Date().toISOString(),
      machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model, memoryGiB: Number((os.totalmem() / 2 ** 30).toFixed(1)), node: process.version, chromium: chromiumVersion },
      data: { incidents: size.incidents, databaseSize: size.db_size, months: MONTHS },
      cores: options.cores,
      loadBefore,
      loadAfter,
      apiRequests: first.requests,
      runs,
      medians: { api, apiUnlimited, floor, cold, warm },
      ratio: { cold: cold / api, warm: warm / api, floor: floor / api, target: RATIO_TARGET },
      javascript: { ...js, targetKB: JS_TARGET_KB },
    };
    mkdirSync(OUT, { recursive: true });
    writeFileSync(path.join(OUT, 'web-result.json'), `${JSON.stringify(result, null, 2)}\n`);
    const kb = (b) => `${(b / 1024).toFixed(1)} KB`;
    console.log([
      `  CPUs: ${options.cores === 'separate' ? 'browser and direct calls on CPU 1, service and PostgreSQL on CPU 0' : 'all shared'}`,
      `  API calls (${paths.length}, at once from Node, ${BROWSER_SOCKETS} connections)  median ${api.toFixed(0)} ms (any number of connections: ${apiUnlimited.toFixed(0)} ms)`,
      `  dashboard, cache off   median ${cold.toFixed(0)} ms  = ${(cold / api).toFixed(2)} × the API calls (target ${RATIO_TARGET}) ${cold / api <= RATIO_TARGET ? 'met' : 'MISSED'}`,
      `  dashboard, cache on    median ${warm.toFixed(0)} ms  = ${(warm / api).toFixed(2)} × the API calls`,
      `  floor (a bare page making the same requests, nothing drawn)  median ${floor.toFixed(0)} ms  = ${(floor / api).toFixed(2)} × the API calls`,
      `  JavaScript of the first page: ${first.scripts.length} files, ${kb(js.bytes)}, gzipped ${kb(js.gzip)} (target ${JS_TARGET_KB} KB) ${js.gzip <= JS_TARGET_KB * 1024 ? 'met' : 'MISSED'}`,
      ...first.scripts.map((s) => `    ${s.path}  ${kb(s.bytes)}, gzipped ${kb(s.gzip)}`),
      `  load average before ${loadBefore.map((x) => x.toFixed(2)).join(' ')}, after ${loadAfter.map((x) => x.toFixed(2)).join(' ')}`,
    ].join('\n'));
    log('wrote test/bench/out/web-result.json');
  } finally {
    if (browser) await browser.close().catch(() => undefined);
    if (service) await service.stop().catch(() => undefined);
    if (unpin) unpin();
    if (options.keep) log(`kept ${db}`);
    else await admin.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`).then(() => log(`dropped ${db}`));
    await admin.end();
  }
}
