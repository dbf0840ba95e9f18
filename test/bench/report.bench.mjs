// `npm run bench -- report [--incidents N] [--month-incidents M] [--runs R] [--reuse[=DB]] [--keep] [--data-only] [--admin-url URL]`
//
// Issue 13: the monthly report on a month of M (default 50,000) incidents in a database of N (default
// 1,000,000), against a floor measured in the same run.
// 1. Data (REPORT_TIMEZONE=UTC), in a fresh database hindsight_report_<timestamp>, migrated:
//    - the report month (the calendar month before the one the data set is generated in): M incidents from
//      the demo generator (seed 1313, months = 1, ending at the month's end, so every start lies in the month)
//      written by DemoDataService as `hindsight demo-data` writes them, with their timelines, severity history,
//      retrospectives and action items, so every sheet of the report has its rows;
//    - N − M more incidents from the demo generator (seed 7000 + chunk, months = 36, ending at the month's
//      start) written straight into the tables (bench-support.mjs: incidents and service links only), the
//      history the trends, the previous month and the same month last year are computed from;
//    then VACUUM ANALYZE, and a count query checks that exactly M incidents start in the month.
//    The database is kept with --keep and reused with --reuse (the newest complete hindsight_report_*) or
//    --reuse=DB, so a second run need not generate it again.
// 2. R times (default 3), in turn, each in a fresh child process (peak RSS from process.resourceUsage().maxRSS
//    at the child's exit, wall time around the process):
//    a) the report: `hindsight report monthly --month <month> --regenerate` (bin/hindsight.js, the built CLI);
//    b) the floor: report-phases.mjs floor — the metrics calls the report makes and the month's incident rows
//       written unformatted with ExcelJS's streaming writer (see floor() there).
// 3. Medians, the ratio report/floor, and the targets: report ≤ 2 × floor, report peak RSS < 400 MB.
// Writes test/bench/out/report.json and the last report run's progress log (report-progress.txt).
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { dist, insertGeneratedIncidents, log, median, urlFor } from './bench-support.mjs';

const OUT = path.join(process.cwd(), 'test/bench/out');
const MONTH_SEED = 1313;
const HISTORY_SEED_BASE = 7000;
const HISTORY_MONTHS = 36;
/** The demo generator (and DemoDataService, through the CLI's limit) is used for at most this many at once. */
const MAX_MONTH_INCIDENTS = 50_000;
const RSS_TARGET_BYTES = 400 * 1000 * 1000;
const RATIO_TARGET = 2;

function parseArgs(args) {
  const options = {
    incidents: 1_000_000, monthIncidents: 50_000, runs: 3, reuse: null, keep: false, dataOnly: false,
    adminUrl: process.env.BENCH_ADMIN_URL || 'postgres://postgres@127.0.0.1:5432/postgres',
  };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--keep') options.keep = true;
    else if (a === '--data-only') options.dataOnly = options.keep = true;
    else if (a === '--reuse') options.reuse = true;
    else if (a.startsWith('--reuse=')) options.reuse = a.slice('--reuse='.length);
    else if (a === '--incidents') options.incidents = Number(args[++i]);
    else if (a === '--month-incidents') options.monthIncidents = Number(args[++i]);
    else if (a === '--runs') options.runs = Number(args[++i]);
    else if (a === '--admin-url') options.adminUrl = args[++i];
    else throw new Error(`unknown option ${a}`);
  }
  if (!Number.isInteger(options.monthIncidents) || options.monthIncidents < 1 || options.monthIncidents > MAX_MONTH_INCIDENTS) {
    throw new Error(`--month-incidents must be an integer from 1 to ${MAX_MONTH_INCIDENTS}, got ${options.monthIncidents}`);
  }
  if (!Number.isInteger(options.incidents) || options.incidents <= options.monthIncidents) {
    throw new Error(`--incidents must be an integer above --month-incidents (${options.monthIncidents}), got ${options.incidents}`);
  }
  if (!Number.isInteger(options.runs) || options.runs < 1) throw new Error(`--runs must be a positive integer, got ${options.runs}`);
  if (typeof options.reuse === 'string' && !/^hindsight_report_\w+$/.test(options.reuse)) throw new Error(`--reuse must name a hindsight_report_* database, got ${options.reuse}`);
  return options;
}

const mib = (kib) => kib / 1024;
const fmtS = (ms) => `${(ms / 1000).toFixed(1)} s`;

/** Runs `node <args>` with `env` added; resolves with wall milliseconds, stdout and stderr; rejects on a non-zero exit. */
function runNode(args, env) {
  return new Promise((resolve, reject) => {
    const t = performance.now();
    const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      const ms = performance.now() - t;
      if (code === 0) resolve({ ms, stdout, stderr });
      else reject(new Error(`node ${args.join(' ')} exited with ${code ?? signal}:\n${stderr.slice(-4000)}`));
    });
  });
}

/** The calendar month (UTC) before the one holding `now`: its start and YYYY-MM. */
function previousUtcMonth(now) {
  const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  return { start, month: start.toISOString().slice(0, 7) };
}

async function findReusable(admin, reuse) {
  if (typeof reuse === 'string') return reuse;
  const { rows } = await admin.query(`SELECT datname FROM pg_database WHERE datname LIKE 'hindsight\\_report\\_%' ORDER BY datname DESC`);
  return rows[0]?.datname ?? null;
}

async function readMeta(url) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query(`SELECT month, incidents, month_incidents, generation_ms FROM bench_meta WHERE complete`).catch(() => ({ rows: [] }));
    return rows[0] ? { month: rows[0].month, incidents: Number(rows[0].incidents), monthIncidents: Number(rows[0].month_incidents), generationMs: Number(rows[0].generation_ms) } : null;
  } finally {
    await client.end();
  }
}

/** Generates and loads the data set (see the header); returns { month, incidents, monthIncidents, generationMs }. */
async function generate(url, total, monthIncidents) {
  const { runMigrations } = await dist('src/database/migrate.js');
  const started = Date.now();
  await runMigrations(url);
  const { start, month } = previousUtcMonth(new Date());
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`CREATE TABLE bench_meta (month text NOT NULL, incidents int NOT NULL, month_incidents int NOT NULL, generation_ms int, complete boolean NOT NULL DEFAULT false)`);
    await client.query(`INSERT INTO bench_meta (month, incidents, month_incidents) VALUES ($1, $2, $3)`, [month, total, monthIncidents]);
    // The month first: DemoDataService fills only an empty database.
    log(`writing the ${month} month: ${monthIncidents.toLocaleString('en')} incidents with timelines, retrospectives and action items (DemoDataService)`);
    const monthRun = await runNode(['test/bench/report-phases.mjs', 'month-data', start.toISOString(), String(monthIncidents), String(MONTH_SEED)], { DATABASE_URL: url, REPORT_TIMEZONE: 'UTC' });
    process.stderr.write(monthRun.stderr.split('\n').filter((l) => l.startsWith('  month data')).join('\n') + '\n');
    const monthFigures = JSON.parse(monthRun.stdout.trim().split('\n').at(-1));
    log(`month written in ${fmtS(monthRun.ms)} (generator ${fmtS(monthFigures.generateMs)}, writes ${fmtS(monthFigures.writeMs)}): ${JSON.stringify(monthFigures.written)}`);
    const history = total - monthIncidents;
    log(`writing ${history.toLocaleString('en')} incidents of history: ${HISTORY_MONTHS} months before ${start.toISOString()}`);
    const { genMs, insertMs } = await insertGeneratedIncidents(client, { total: history, end: start, seedBase: HISTORY_SEED_BASE, months: HISTORY_MONTHS });
    const t = Date.now();
    await client.query(`VACUUM (ANALYZE)`);
    log(`VACUUM ANALYZE ${fmtS(Date.now() - t)}`);
    const generationMs = Date.now() - started;
    await client.query(`UPDATE bench_meta SET complete = true, generation_ms = $1`, [generationMs]);
    log(`data set ready in ${fmtS(generationMs)} (history: generator ${fmtS(genMs)}, inserts ${fmtS(insertMs)})`);
    return { month, incidents: total, monthIncidents, generationMs };
  } finally {
    await client.end();
  }
}

/** What the data set holds: counted, not assumed. */
async function describe(url, month) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const from = new Date(`${month}-01T00:00:00Z`);
    const to = new Date(from);
    to.setUTCMonth(to.getUTCMonth() + 1);
    const { rows: [row] } = await client.query(
      `SELECT (SELECT count(*) FROM incidents)::int AS incidents,
              (SELECT count(*) FROM incidents WHERE started_at >= $1 AND started_at < $2)::int AS in_month,
              (SELECT count(*) FROM timeline_entries te JOIN incidents i ON i.id = te.incident_id WHERE i.started_at >= $1 AND i.started_at < $2)::int AS timeline_in_month,
              (SELECT count(*) FROM retrospectives)::int AS retrospectives,
              (SELECT count(*) FROM action_items)::int AS action_items,
              (SELECT min(started_at) FROM incidents) AS first_start,
              pg_size_pretty(pg_database_size(current_database())) AS db_size`,
      [from, to],
    );
    return { ...row, from: from.toISOString(), to: to.toISOString() };
  } finally {
    await client.end();
  }
}

/** The child's peak RSS (KiB), written by max-rss.cjs when it exits. */
function readRss(file) {
  const { maxRssKiB } = JSON.parse(readFileSync(file, 'utf8'));
  rmSync(file, { force: true });
  return maxRssKiB;
}

async function runReport(url, month, reportsDir, rssFile) {
  const { ms, stdout, stderr } = await runNode(['--require', path.resolve('test/bench/max-rss.cjs'), 'bin/hindsight.js', 'report', 'monthly', '--month', month, '--regenerate'], {
    DATABASE_URL: url, REPORT_TIMEZONE: 'UTC', REPORTS_DIR: reportsDir, BENCH_RSS_FILE: rssFile, LOG_FORMAT: 'text', NO_COLOR: '1',
  });
  const result = JSON.parse(stdout);
  rmSync(result.path, { force: true });
  return { ms, maxRssKiB: readRss(rssFile), bytes: result.bytes, incidents: result.figures.current.incidents, progress: stderr };
}

async function runFloor(url, month, rssFile) {
  const { ms, stdout } = await runNode(['--require', path.resolve('test/bench/max-rss.cjs'), 'test/bench/report-phases.mjs', 'floor', month], {
    DATABASE_URL: url, REPORT_TIMEZONE: 'UTC', BENCH_RSS_FILE: rssFile, LOG_FORMAT: 'text', NO_COLOR: '1',
  });
  const figures = JSON.parse(stdout.trim().split('\n').at(-1));
  return { ms, maxRssKiB: readRss(rssFile), ...figures };
}

export async function run(args) {
  const options = parseArgs(args);
  const loadAtStart = os.loadavg();
  log(`load average ${loadAtStart.map((x) => x.toFixed(2)).join(', ')} (${os.cpus().length} CPUs)`);
  const admin = new pg.Client({ connectionString: options.adminUrl });
  await admin.connect();
  let db = null;
  let created = false;
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'hindsight-report-bench-'));
  try {
    let meta = null;
    if (options.reuse) {
      db = await findReusable(admin, options.reuse);
      if (db) meta = await readMeta(urlFor(options.adminUrl, db)).catch(() => null);
      if (meta) log(`reusing ${db}: ${meta.incidents.toLocaleString('en')} incidents, ${meta.monthIncidents.toLocaleString('en')} in ${meta.month}, generated in ${fmtS(meta.generationMs)}`);
      else db = null;
    }
    if (!db) {
      db = `hindsight_report_${new Date().toISOString().replace(/\D/g, '').slice(0, 14)}`;
      await admin.query(`CREATE DATABASE ${db}`);
      created = true;
      log(`created ${db}; generating ${options.incidents.toLocaleString('en')} incidents, ${options.monthIncidents.toLocaleString('en')} of them in one month`);
      meta = await generate(urlFor(options.adminUrl, db), options.incidents, options.monthIncidents);
    }
    const url = urlFor(options.adminUrl, db);
    const data = await describe(url, meta.month);
    log(`data: ${data.incidents.toLocaleString('en')} incidents, ${data.in_month.toLocaleString('en')} starting in ${meta.month} (UTC) with ${data.timeline_in_month.toLocaleString('en')} timeline entries; ${data.retrospectives.toLocaleString('en')} retrospectives, ${data.action_items.toLocaleString('en')} action items; database ${data.db_size}`);
    if (data.incidents !== meta.incidents || data.in_month !== meta.monthIncidents) {
      throw new Error(`the data set is not what it should be: ${data.incidents} incidents (expected ${meta.incidents}), ${data.in_month} in ${meta.month} (expected ${meta.monthIncidents})`);
    }
    if (options.dataOnly) return;

    const reports = [];
    const floors = [];
    const rssFile = path.join(scratch, 'rss.json');
    let lastProgress = '';
    for (let i = 0; i < options.runs; i++) {
      const report = await runReport(url, meta.month, path.join(scratch, 'reports'), rssFile);
      if (report.incidents !== meta.monthIncidents) throw new Error(`the report counted ${report.incidents} incidents in ${meta.month}, expected ${meta.monthIncidents}`);
      lastProgress = report.progress;
      reports.push({ ms: report.ms, maxRssKiB: report.maxRssKiB, bytes: report.bytes });
      log(`run ${i + 1}: report ${fmtS(report.ms)}, peak RSS ${mib(report.maxRssKiB).toFixed(0)} MiB, ${(report.bytes / 1e6).toFixed(1)} MB workbook`);
      const floor = await runFloor(url, meta.month, rssFile);
      if (floor.rows !== meta.monthIncidents) throw new Error(`the floor wrote ${floor.rows} rows, expected ${meta.monthIncidents}`);
      floors.push({ ms: floor.ms, maxRssKiB: floor.maxRssKiB, bytes: floor.bytes, figuresMs: floor.figuresMs, dataQualityMs: floor.dataQualityMs, writeMs: floor.writeMs });
      log(`run ${i + 1}: floor  ${fmtS(floor.ms)}, peak RSS ${mib(floor.maxRssKiB).toFixed(0)} MiB (metrics ${fmtS(floor.figuresMs)}, data-quality pages ${fmtS(floor.dataQualityMs)}, rows read and written ${fmtS(floor.writeMs)}; ${(floor.bytes / 1e6).toFixed(1)} MB)`);
    }
    const reportMs = median(reports.map((r) => r.ms));
    const floorMs = median(floors.map((r) => r.ms));
    const reportRss = median(reports.map((r) => r.maxRssKiB));
    const floorRss = median(floors.map((r) => r.maxRssKiB));
    const maxReportRss = Math.max(...reports.map((r) => r.maxRssKiB));
    const ratio = reportMs / floorMs;
    const targets = { ratio: ratio <= RATIO_TARGET, rss: maxReportRss * 1024 < RSS_TARGET_BYTES };
    log(`RESULT report median ${fmtS(reportMs)} vs floor median ${fmtS(floorMs)}: ratio ${ratio.toFixed(2)} (target ≤ ${RATIO_TARGET}: ${targets.ratio ? 'met' : 'NOT met'})`);
    log(`RESULT peak RSS report median ${mib(reportRss).toFixed(0)} MiB, highest ${mib(maxReportRss).toFixed(0)} MiB = ${((maxReportRss * 1024) / 1e6).toFixed(0)} MB (target < 400 MB: ${targets.rss ? 'met' : 'NOT met'}); floor median ${mib(floorRss).toFixed(0)} MiB`);
    mkdirSync(OUT, { recursive: true });
    const results = {
      date: new Date().toISOString(), database: db, month: meta.month, data, generationMs: meta.generationMs,
      machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memoryGiB: os.totalmem() / 2 ** 30, node: process.version, loadAverageAtStart: loadAtStart, loadAverageAtEnd: os.loadavg() },
      runs: { report: reports, floor: floors },
      medians: { reportMs, floorMs, reportRssMiB: mib(reportRss), floorRssMiB: mib(floorRss) },
      ratio, maxReportRssMiB: mib(maxReportRss), targets,
    };
    writeFileSync(path.join(OUT, 'report.json'), JSON.stringify(results, null, 2));
    writeFileSync(path.join(OUT, 'report-progress.txt'), lastProgress);
    log('wrote test/bench/out/report.json and report-progress.txt (the last report run\'s progress)');
  } finally {
    rmSync(scratch, { recursive: true, force: true });
    if (db && !options.keep && (created || options.reuse)) {
      await admin.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
      log(`dropped ${db} (use --keep to keep it)`);
    } else if (db) log(`kept ${db} (rerun with --reuse=${db})`);
    await admin.end();
  }
}
