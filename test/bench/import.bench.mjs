// `npm run bench -- import [--rows N] [--keep] [--admin-url URL] [--profile] [--pg-log FILE]`
//
// Issue 5: N (default 1,000,000) rows of Hindsight CSV into PostgreSQL through the real CLI, against the
// physical floor: `psql \copy` of the same file into a bare table of the same columns, in the same run.
// 1. Data: a deterministic (seeded) Hindsight CSV under the documented header (HINDSIGHT_CSV_COLUMNS) written to
//    test/bench/out/import-<N>.csv; see generateCsv for what the rows hold.
// 2. Floor: a fresh database hindsight_import_bench_<timestamp>_floor with one table `bare` (the header's columns:
//    text, boolean for excluded_from_metrics, timestamptz for the nine milestones; no indexes, no keys), loaded with
//    `psql -X -c "\copy bare FROM '<file>' WITH (FORMAT csv, HEADER true)"`.
// 3. Import: a fresh database hindsight_import_bench_<timestamp>, migrated with runMigrations before the clock
//    starts, then `node bin/hindsight.js import <file> --format hindsight-csv` with DATABASE_URL pointing at it.
//    Both processes are timed from spawn to exit, with a CHECKPOINT before each. Peak RSS: /proc/<pid>/status
//    VmHWM polled every 100 ms; VmHWM is a high-water mark, so the last value read before exit is the peak (growth
//    in the last < 100 ms before exit is missed). Checks: the summary says `created N`, the tables have N rows.
// 4. Schema floor: the rows the import wrote, exported with psql \copy … TO and loaded again with \copy … FROM into
//    a copy of the import's database (CREATE DATABASE … TEMPLATE) whose incident tables were emptied: what PostgreSQL
//    alone needs to store them in Hindsight's schema (triggers, foreign keys, indexes). Then incidents once more with
//    session_replication_role = replica (no triggers, no foreign-key checks). See schemaCopyFloor.
// 5. Prints the figures and writes test/bench/out/import-result.json. Drops the databases and the CSV unless --keep.
//
// `--profile` (default 200,000 rows) instead runs the import once under `node --cpu-prof` against a fresh database
// with `log_min_duration_statement = 0` (ALTER DATABASE … SET), and sums the CPU profile by area of the pipeline
// and the server's statement durations (read from the PostgreSQL server log, --pg-log) by statement. Then the floor
// for Hindsight's schema: the same rows written by PostgreSQL alone, set-based (schemaFloorSql), in a third fresh
// database. Writes test/bench/out/import-profile.json, the .cpuprofile under test/bench/out/import-profile/, and
// import-schema-floor.sql/.txt (the statements and their EXPLAIN ANALYZE).
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, createWriteStream, existsSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';

const ROOT = process.cwd();
const OUT = path.join(ROOT, 'test/bench/out');
const dist = (p) => import(pathToFileURL(path.join(ROOT, 'dist', p)).href);

const SEED = 5005;
/** The data set's 24 months end here (fixed, so the file is the same on every run). */
const END = Date.UTC(2026, 10, 1);
const MONTHS = 24;
const POLL_MS = 100;
/**
 * Issue 11 re-based the speed target on the schema floor measured in the same run (no importer can beat PostgreSQL
 * loading the same rows into the same tables); the bare-table `\copy` stays in the report for reference.
 */
const TARGET_SCHEMA_FLOOR_RATIO = 1.7;
const TARGET_RSS_MB = 300;
const DEFAULT_PG_LOG = '/var/log/postgresql/postgresql-15-main.log';

function parseArgs(args) {
  const options = { rows: null, keep: false, profile: false, pgLog: DEFAULT_PG_LOG, adminUrl: process.env.BENCH_ADMIN_URL || 'postgres://postgres@127.0.0.1:5432/postgres' };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--keep') options.keep = true;
    else if (a === '--profile') options.profile = true;
    else if (a === '--rows') options.rows = Number(args[++i]);
    else if (a === '--admin-url') options.adminUrl = args[++i];
    else if (a === '--pg-log') options.pgLog = args[++i];
    else throw new Error(`unknown option ${a}`);
  }
  options.rows ??= options.profile ? 200_000 : 1_000_000;
  if (!Number.isInteger(options.rows) || options.rows < 1000) throw new Error('--rows must be an integer ≥ 1000');
  return options;
}

const urlFor = (adminUrl, db) => {
  const u = new URL(adminUrl);
  u.pathname = `/${db}`;
  return u.toString();
};
const log = (...a) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}]`, ...a);
const loadavg = () => os.loadavg().map((x) => Number(x.toFixed(2)));
const mib = (bytes) => bytes / 1024 / 1024;
const int = (n) => Math.round(n).toLocaleString('en');

// ---------------------------------------------------------------------------------------------------------------
// 1. The data set

/** mulberry32: a small seeded PRNG, so the same seed gives the same file. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SERVICES = [
  'checkout-api', 'payments-api', 'auth-service', 'search', 'catalog', 'notifications', 'billing', 'web-frontend',
  'mobile-gateway', 'orders', 'inventory', 'shipping', 'reporting', 'postgres-main', 'kafka',
];
const TEAMS = ['Payments', 'Platform', 'Identity', 'Storefront', 'Fulfilment', 'Data'];
const TAGS = ['deploy', 'config-change', 'third-party', 'capacity', 'database', 'network', 'security', 'customer-reported', 'on-call-handover', 'regression'];
const SYMPTOMS = [
  'Elevated error rate', 'Increased latency', 'Partial outage', 'Degraded performance', 'Timeouts', 'Failed deployments', 'Missing data',
  'Login failures', 'Delayed notifications', 'Stale cache', 'Dropped webhooks', 'Payment failures', 'Slow queries', 'Queue backlog', 'Disk full',
];
const PLACES = ['on', 'in', 'for', 'affecting'];
const THINGS = [
  'checkout', 'the payments API', 'the EU cluster', 'search results', 'mobile login', 'order history', 'the admin console', 'invoices',
  'the status page', 'card authorisations', 'product images', 'password resets',
];
const SUFFIXES = ['', '', '', ' for EU customers', ' after release 4.2', ' during peak traffic', ' in us-east-1', ' for some merchants'];
const IMPACT_PLAIN = ['Customers could not complete checkout', 'Search returned no results', 'Some logins failed', 'Emails were delayed by up to an hour'];
const IMPACT_COMMAS = [
  'Checkout, login and search were slow for about 20 minutes, then recovered',
  'About 3% of card payments failed, mostly Visa, in the EU and UK',
  'Orders were accepted, but confirmation emails, SMS and push notifications were delayed',
];
const IMPACT_QUOTES = ['The "Pay now" button returned an error for some customers', 'Merchants saw "Something went wrong, please retry" on the dashboard'];
const IMPACT_BREAKS = [
  'Orders placed during the window were delayed.\nNo data was lost.',
  'Phase 1: logins failed for 10 minutes.\nPhase 2: "remember me" sessions were dropped, so users had to sign in again.',
];
const COLUMN_TYPES = { excluded_from_metrics: 'boolean' };
const MILESTONE_COLUMNS = ['started_at', 'detected_at', 'acknowledged_at', 'investigating_at', 'identified_at', 'mitigated_at', 'resolved_at', 'retro_prep_at', 'retro_done_at'];
for (const m of MILESTONE_COLUMNS) COLUMN_TYPES[m] = 'timestamptz';
/** Gap after the previous milestone, in seconds (log-uniform between the two), and how often the milestone is missing. */
const GAPS = {
  detected_at: [30, 30 * 60, 0.02],
  acknowledged_at: [30, 20 * 60, 0.05],
  investigating_at: [60, 45 * 60, 0.1],
  identified_at: [5 * 60, 3 * 3600, 0.15],
  mitigated_at: [5 * 60, 6 * 3600, 0.03],
  resolved_at: [15 * 60, 2 * 86400, 0.02],
  retro_prep_at: [86400, 7 * 86400, null],
  retro_done_at: [86400, 14 * 86400, null],
};

const csvCell = (text) => (/[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);
const iso = (ms) => new Date(Math.round(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');

/**
 * Writes `rows` Hindsight CSV rows (seeded): unique external_id; a 20–60 character title; severity SEV1/2/3 at
 * 10/30/60 %; 1–3 of 15 services joined by `|`; one of 6 teams; 0–2 of 10 tags; started_at in file order over the 24
 * months before END, the other milestones after it with growing gaps (some missing; retro milestones mostly for
 * SEV1/2), 1 % of rows with two adjacent milestones swapped (out of order); customer_impact on 30 % of rows, some with
 * commas, quotes and line breaks. Every other column is empty. Returns the file's size, sha256 and counts.
 */
export async function generateCsv(file, rows, columns) {
  const rand = prng(SEED);
  const pick = (list) => list[Math.floor(rand() * list.length)];
  const logUniform = (lo, hi) => Math.exp(Math.log(lo) + rand() * (Math.log(hi) - Math.log(lo)));
  const at = Object.fromEntries(columns.map((c, i) => [c, i]));
  const start = END - MONTHS * 30.44 * 86400_000;
  const step = (END - start) / rows;
  const stats = { outOfOrder: 0, customerImpact: 0, quoted: 0, lineBreaks: 0, missingMilestones: 0, sev: { SEV1: 0, SEV2: 0, SEV3: 0 } };
  const hash = createHash('sha256');
  const out = createWriteStream(file);
  let bytes = 0;
  const write = (text) => {
    hash.update(text);
    bytes += Buffer.byteLength(text);
    return out.write(text) ? null : new Promise((resolve) => out.once('drain', resolve));
  };
  await write(`${columns.join(',')}\n`);
  let chunk = [];
  for (let i = 0; i < rows; i++) {
    const cells = new Array(columns.length).fill('');
    cells[at.external_id] = `BENCH-${String(i + 1).padStart(7, '0')}`;
    let title = `${pick(SYMPTOMS)} ${pick(PLACES)} ${pick(THINGS)}${pick(SUFFIXES)}`;
    if (title.length < 20) title += ' (customer-facing)';
    if (title.length > 60) title = title.slice(0, title.lastIndexOf(' ', 60));
    cells[at.title] = title;
    const r = rand();
    const severity = r < 0.1 ? 'SEV1' : r < 0.4 ? 'SEV2' : 'SEV3';
    stats.sev[severity]++;
    cells[at.severity] = severity;
    const services = new Set();
    const nServices = 1 + Math.floor(rand() * 3);
    while (services.size < nServices) services.add(pick(SERVICES));
    cells[at.services] = [...services].join('|');
    cells[at.owning_team] = pick(TEAMS);
    const tags = new Set();
    const nTags = Math.floor(rand() * 3);
    while (tags.size < nTags) tags.add(pick(TAGS));
    cells[at.tags] = [...tags].join('|');

    // Milestones: each after the previous one (monotonic), then some dropped, then 1 % with one adjacent pair swapped.
    const times = { started_at: start + (i + rand()) * step };
    let previous = times.started_at;
    for (const [m, [lo, hi]] of Object.entries(GAPS)) times[m] = previous = previous + logUniform(lo, hi) * 1000;
    const present = new Set(MILESTONE_COLUMNS);
    for (const [m, [, , missing]] of Object.entries(GAPS)) if (missing !== null && rand() < missing) present.delete(m);
    const retro = present.has('resolved_at') && rand() < (severity === 'SEV3' ? 0.3 : 0.9);
    if (!retro || rand() < 0.05) present.delete('retro_prep_at');
    if (!retro || rand() < 0.15) present.delete('retro_done_at');
    stats.missingMilestones += MILESTONE_COLUMNS.length - present.size;
    const order = MILESTONE_COLUMNS.filter((m) => present.has(m) && m !== 'retro_prep_at' && m !== 'retro_done_at');
    if (rand() < 0.01 && order.length >= 2) {
      const k = Math.floor(rand() * (order.length - 1));
      [times[order[k]], times[order[k + 1]]] = [times[order[k + 1]], times[order[k]]];
      stats.outOfOrder++;
    }
    for (const m of present) cells[at[m]] = iso(times[m]);

    if (rand() < 0.3) {
      const kind = rand();
      const text = kind < 0.4 ? pick(IMPACT_PLAIN) : kind < 0.75 ? pick(IMPACT_COMMAS) : kind < 0.9 ? pick(IMPACT_QUOTES) : pick(IMPACT_BREAKS);
      stats.customerImpact++;
      if (text.includes('"')) stats.quoted++;
      if (text.includes('\n')) stats.lineBreaks++;
      cells[at.customer_impact] = csvCell(text);
    }
    chunk.push(cells.join(','));
    if (chunk.length === 10_000) {
      await write(`${chunk.join('\n')}\n`);
      chunk = [];
    }
  }
  if (chunk.length) await write(`${chunk.join('\n')}\n`);
  await new Promise((resolve, reject) => out.end((error) => (error ? reject(error) : resolve())));
  if (statSync(file).size !== bytes) throw new Error(`${file}: wrote ${bytes} bytes but the file has ${statSync(file).size}`);
  return { bytes, sha256: hash.digest('hex'), stats };
}

// ---------------------------------------------------------------------------------------------------------------
// Timing a child process

/** VmHWM, VmRSS (kB) and CPU ticks of a live process, or null once it has exited (a zombie has no Vm* lines). */
function sample(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const hwm = /VmHWM:\s+(\d+) kB/.exec(status);
    if (!hwm) return null;
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { hwmKb: Number(hwm[1]), rssKb: Number(/VmRSS:\s+(\d+) kB/.exec(status)[1]), cpuTicks: Number(fields[11]) + Number(fields[12]) };
  } catch {
    return null;
  }
}

/** Clock ticks per second of /proc/<pid>/stat times (`getconf CLK_TCK`: 100 on Linux). */
const CLK_TCK = 100;

/**
 * Runs a command; wall time from spawn to exit; the last VmHWM read (every POLL_MS) before exit is the peak RSS;
 * the last user+system CPU read likewise (so both can miss the final < POLL_MS).
 */
function timedRun(command, args, env = process.env) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
    let last = null;
    let polls = 0;
    let maxRssKb = 0;
    const poll = () => {
      const s = sample(child.pid);
      if (!s) return;
      last = s;
      polls++;
      maxRssKb = Math.max(maxRssKb, s.rssKb);
    };
    const timer = setInterval(poll, POLL_MS);
    let exit = null;
    child.on('error', (error) => (clearInterval(timer), reject(error)));
    child.on('exit', (code, signal) => {
      exit = { ms: performance.now() - started, code, signal };
      clearInterval(timer);
    });
    child.on('close', () => resolve({
      ...exit, stdout, stderr, polls, peakRssKb: last?.hwmKb ?? null, maxSampledRssKb: maxRssKb, cpuSeconds: last ? last.cpuTicks / CLK_TCK : null,
    }));
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Databases

async function withClient(url, work) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const bareTableSql = (columns) =>
  `CREATE TABLE bare (${columns.map((c) => `${c} ${COLUMN_TYPES[c] ?? 'text'}`).join(', ')})`;

async function serverInfo(admin) {
  const show = async (name) => (await admin.query(`SHOW ${name}`)).rows[0][name];
  const settings = {};
  for (const name of ['server_version', 'shared_buffers', 'work_mem', 'maintenance_work_mem', 'max_wal_size', 'wal_level', 'synchronous_commit', 'fsync', 'wal_compression']) {
    settings[name] = await show(name);
  }
  return settings;
}

function parseSummary(stdout) {
  const count = (name) => {
    const m = new RegExp(`^\\s*${name}\\s+(\\d+)`, 'm').exec(stdout);
    return m ? Number(m[1]) : null;
  };
  const elapsed = /completed in ([\d.]+) s/.exec(stdout);
  return {
    recordsRead: count('records read'), created: count('created'), updated: count('updated'), unchanged: count('unchanged'),
    rejected: count('rejected'), flagged: count('flagged'), reportedSeconds: elapsed ? Number(elapsed[1]) : null,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// The benchmark

export async function run(args) {
  const options = parseArgs(args);
  mkdirSync(OUT, { recursive: true });
  const { HINDSIGHT_CSV_COLUMNS } = await dist('src/imports/formats/hindsight-csv.mapper.js');
  const columns = [...HINDSIGHT_CSV_COLUMNS];
  const file = path.join(OUT, `import-${options.rows}.csv`);
  const admin = new pg.Client({ connectionString: options.adminUrl });
  await admin.connect();
  const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
  const created = [];
  try {
    log(`load average ${loadavg().join(' ')} (${os.cpus().length} CPUs); generating ${int(options.rows)} rows into ${path.relative(ROOT, file)}`);
    const t = performance.now();
    const data = await generateCsv(file, options.rows, columns);
    const generationMs = performance.now() - t;
    log(`generated ${mib(data.bytes).toFixed(1)} MiB in ${(generationMs / 1000).toFixed(1)} s (sha256 ${data.sha256.slice(0, 16)}…): ${int(data.stats.customerImpact)} rows with customer_impact `
      + `(${int(data.stats.quoted)} with quotes, ${int(data.stats.lineBreaks)} with line breaks), ${int(data.stats.outOfOrder)} out of order`);
    const dataset = { file: path.relative(ROOT, file), rows: options.rows, bytes: data.bytes, sha256: data.sha256, seed: SEED, generationMs, ...data.stats };
    if (options.profile) await profile(options, admin, stamp, created, file, columns, dataset);
    else await compare(options, admin, stamp, created, file, columns, dataset);
  } finally {
    for (const db of created) {
      if (options.keep) log(`kept ${db}`);
      else {
        await admin.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
        log(`dropped ${db} (use --keep to keep it)`);
      }
    }
    if (!options.keep && existsSync(file)) rmSync(file);
    await admin.end();
  }
}

/** The timed comparison: \copy into a bare table, then the CLI import. */
async function compare(options, admin, stamp, created, file, columns, dataset) {
  const server = await serverInfo(admin);
  const importDb = `hindsight_import_bench_${stamp}`;
  const floorDb = `${importDb}_floor`;
  const importUrl = urlFor(options.adminUrl, importDb);
  const floorUrl = urlFor(options.adminUrl, floorDb);

  await admin.query(`CREATE DATABASE ${floorDb}`);
  created.push(floorDb);
  await withClient(floorUrl, (c) => c.query(bareTableSql(columns)));
  await admin.query(`CREATE DATABASE ${importDb}`);
  created.push(importDb);
  const { runMigrations } = await dist('src/database/migrate.js');
  const t = performance.now();
  const migrations = await runMigrations(importUrl);
  log(`created ${floorDb} (table bare) and ${importDb} (${migrations.length} migrations in ${((performance.now() - t) / 1000).toFixed(1)} s)`);

  // The floor: psql \copy of the same file into the bare table.
  await admin.query('CHECKPOINT');
  const loadBeforeCopy = loadavg();
  const copy = await timedRun('psql', ['-X', '-v', 'ON_ERROR_STOP=1', '-d', floorUrl, '-c', `\\copy bare FROM '${file.replace(/'/g, "''")}' WITH (FORMAT csv, HEADER true)`]);
  if (copy.code !== 0) throw new Error(`psql \\copy exited with ${copy.code}: ${copy.stderr}`);
  const copyRows = await withClient(floorUrl, async (c) => Number((await c.query('SELECT count(*) FROM bare')).rows[0].count));
  if (copyRows !== options.rows) throw new Error(`bare has ${copyRows} rows, expected ${options.rows}`);
  const bareSize = await withClient(floorUrl, async (c) => Number((await c.query(`SELECT pg_total_relation_size('bare') AS n`)).rows[0].n));
  log(`\\copy: ${(copy.ms / 1000).toFixed(2)} s, ${int(options.rows / (copy.ms / 1000))} rows/s (${copy.stdout.trim()}; bare ${mib(bareSize).toFixed(0)} MiB; psql peak RSS ${(copy.peakRssKb / 1024).toFixed(0)} MiB)`);

  // The import through the real CLI.
  await admin.query('CHECKPOINT');
  const loadBeforeImport = loadavg();
  const env = { ...process.env, DATABASE_URL: importUrl, NO_COLOR: '1' };
  const cli = await timedRun(process.execPath, [path.join(ROOT, 'bin/hindsight.js'), 'import', file, '--format', 'hindsight-csv'], env);
  const loadAfterImport = loadavg();
  writeFileSync(path.join(OUT, 'import-cli.log'), `$ hindsight import ${path.relative(ROOT, file)} --format hindsight-csv\n# exit ${cli.code}\n# stdout\n${cli.stdout}\n# stderr\n${cli.stderr}`);
  const summary = parseSummary(cli.stdout);
  if (cli.code !== 0) throw new Error(`hindsight import exited with ${cli.code} (see test/bench/out/import-cli.log):\n${cli.stdout}\n${cli.stderr.slice(-2000)}`);
  if (summary.created !== options.rows) throw new Error(`the summary says created ${summary.created}, expected ${options.rows}:\n${cli.stdout}`);
  const tables = await withClient(importUrl, async (c) => (await c.query(
    `SELECT (SELECT count(*) FROM incidents)::int AS incidents, (SELECT count(*) FROM incident_services)::int AS incident_services,
            (SELECT count(*) FROM audit_events)::int AS audit_events, (SELECT count(*) FROM severity_changes)::int AS severity_changes,
            (SELECT count(*) FROM import_issues)::int AS import_issues,
            pg_total_relation_size('incidents')::bigint AS incidents_bytes, pg_database_size(current_database())::bigint AS database_bytes`,
  )).rows[0]);
  if (tables.incidents !== options.rows) throw new Error(`incidents has ${tables.incidents} rows, expected ${options.rows}`);
  log(`import: ${(cli.ms / 1000).toFixed(2)} s, ${int(options.rows / (cli.ms / 1000))} rows/s (CLI reports ${summary.reportedSeconds} s; created ${summary.created}, flagged ${summary.flagged}, rejected ${summary.rejected}); `
    + `peak RSS ${(cli.peakRssKb / 1024).toFixed(0)} MiB; CPU ${cli.cpuSeconds?.toFixed(1)} s`);

  // The floor for Hindsight's schema: the rows the import wrote, loaded again by psql \copy into an emptied copy of its database.
  const schemaDb = `${importDb}_schema`;
  await admin.query(`CREATE DATABASE ${schemaDb} TEMPLATE ${importDb}`);
  created.push(schemaDb);
  const schema = await schemaCopyFloor(importUrl, urlFor(options.adminUrl, schemaDb), admin);
  log(`schema floor: the import's rows loaded by \\copy into ${schemaDb}: ${(schema.ms / 1000).toFixed(2)} s (${schema.tables.map((t) => `${t.table} ${int(t.rows)} rows ${(t.ms / 1000).toFixed(1)} s`).join(', ')}); `
    + `incidents with triggers and foreign-key checks off: ${(schema.incidentsBare.ms / 1000).toFixed(1)} s`);

  const ratio = cli.ms / copy.ms;
  const peakMiB = cli.peakRssKb / 1024;
  const result = {
    date: new Date().toISOString(),
    machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model, memoryGiB: Number((os.totalmem() / 2 ** 30).toFixed(1)), node: process.version, postgres: server },
    dataset,
    databases: { import: importDb, floor: floorDb, kept: options.keep },
    copy: { ms: copy.ms, rowsPerSecond: options.rows / (copy.ms / 1000), peakRssKb: copy.peakRssKb, cpuSeconds: copy.cpuSeconds, rows: copyRows, tableBytes: bareSize, loadBefore: loadBeforeCopy },
    import: {
      ms: cli.ms, rowsPerSecond: options.rows / (cli.ms / 1000), peakRssKb: cli.peakRssKb, maxSampledRssKb: cli.maxSampledRssKb, polls: cli.polls, cpuSeconds: cli.cpuSeconds,
      summary, tables, loadBefore: loadBeforeImport, loadAfter: loadAfterImport,
    },
    schemaFloor: schema,
    ratio,
    ratioSchemaFloor: schema.ms / copy.ms,
    ratioImportToSchemaFloor: cli.ms / schema.ms,
    targets: { withinSchemaFloorRatio: cli.ms / schema.ms <= TARGET_SCHEMA_FLOOR_RATIO, rssUnder300MB: cli.peakRssKb * 1024 < TARGET_RSS_MB * 1e6, rssUnder300MiB: peakMiB < TARGET_RSS_MB },
  };
  writeFileSync(path.join(OUT, 'import-result.json'), `${JSON.stringify(result, null, 2)}\n`);

  const table = [
    ['rows', int(options.rows)],
    ['file', `${mib(dataset.bytes).toFixed(1)} MiB (${(dataset.bytes / 1e6).toFixed(1)} MB), generated in ${(dataset.generationMs / 1000).toFixed(1)} s`],
    ['import (CLI, spawn → exit)', `${(cli.ms / 1000).toFixed(2)} s`],
    ['import rows/s', int(result.import.rowsPerSecond)],
    ['\\copy (psql, spawn → exit)', `${(copy.ms / 1000).toFixed(2)} s`],
    ['\\copy rows/s', int(result.copy.rowsPerSecond)],
    ['ratio import / \\copy', `${ratio.toFixed(2)}× (for reference)`],
    ['schema floor (psql \\copy of the import\'s rows)', `${(schema.ms / 1000).toFixed(2)} s = ${result.ratioSchemaFloor.toFixed(2)}× the \\copy; the import is ${result.ratioImportToSchemaFloor.toFixed(2)}× it (target ≤ ${TARGET_SCHEMA_FLOOR_RATIO}×: ${result.targets.withinSchemaFloorRatio ? 'met' : 'NOT met'})`],
    ['  incidents alone, no triggers or FK checks', `${(schema.incidentsBare.ms / 1000).toFixed(2)} s = ${(schema.incidentsBare.ms / copy.ms).toFixed(2)}× the \\copy`],
    ['import peak RSS (VmHWM)', `${peakMiB.toFixed(0)} MiB = ${(cli.peakRssKb * 1024 / 1e6).toFixed(0)} MB (target < ${TARGET_RSS_MB} MB: ${result.targets.rssUnder300MB ? 'met' : 'NOT met'})`],
    ['load average before import', loadBeforeImport.join(' ')],
  ];
  const width = Math.max(...table.map(([k]) => k.length));
  console.log(table.map(([k, v]) => `  ${k.padEnd(width)}  ${v}`).join('\n'));
  log('wrote test/bench/out/import-result.json and import-cli.log');
}

/** The tables an import writes rows of, in foreign-key order. */
const SCHEMA_TABLES = ['incidents', 'incident_services', 'timeline_entries', 'severity_changes', 'audit_events', 'import_issues'];

/**
 * What PostgreSQL alone needs to store what the import stored, in Hindsight's schema: each table's rows (every column
 * but identity ones) are exported from the import's database with psql \copy … TO, then loaded into a fresh migrated
 * database with psql \copy … FROM, one table at a time, after a CHECKPOINT; the timed tables' \timing figures add up
 * to the floor. Then incidents once more, emptied first, with session_replication_role = replica: no triggers and no
 * foreign-key checks, only the heap, its seven indexes and the jsonb input.
 */
async function schemaCopyFloor(sourceUrl, targetUrl, admin) {
  const dir = path.join(OUT, 'import-schema-copy');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const columns = await withClient(sourceUrl, async (c) => new Map((await c.query(
    `SELECT table_name, array_agg(column_name::text ORDER BY ordinal_position) AS columns FROM information_schema.columns
      WHERE table_schema = 'public' AND table_name = ANY($1) AND is_identity = 'NO' AND is_generated = 'NEVER' GROUP BY table_name`,
    [SCHEMA_TABLES],
  )).rows.map((r) => [r.table_name, r.columns])));
  const fileOf = (table) => path.join(dir, `${table}.csv`).replace(/'/g, "''");
  const exportFile = path.join(dir, 'export.sql');
  writeFileSync(exportFile, SCHEMA_TABLES.map((t) => `\\copy (SELECT ${columns.get(t).join(', ')} FROM ${t}) TO '${fileOf(t)}' WITH (FORMAT csv)\n`).join(''));
  const exported = await timedRun('psql', ['-X', '-v', 'ON_ERROR_STOP=1', '-d', sourceUrl, '-f', exportFile]);
  if (exported.code !== 0) throw new Error(`export failed: ${exported.stderr}`);
  const load = (table) => `\\echo === ${table}\n\\copy ${table} (${columns.get(table).join(', ')}) FROM '${fileOf(table)}' WITH (FORMAT csv)\n`;
  const script = `\\set ON_ERROR_STOP 1\nTRUNCATE ${SCHEMA_TABLES.join(', ')} CASCADE;\nCHECKPOINT;\n\\timing on\n`
    + `${SCHEMA_TABLES.map(load).join('')}\\timing off\nTRUNCATE incidents CASCADE;\nCHECKPOINT;\n`
    + `SET session_replication_role = replica;\n\\timing on\n${load('incidents').replace('=== incidents', '=== incidents (replica)')}`;
  const scriptFile = path.join(dir, 'load.sql');
  writeFileSync(scriptFile, script);
  await admin.query('CHECKPOINT');
  const loaded = await timedRun('psql', ['-X', '-d', targetUrl, '-f', scriptFile]);
  writeFileSync(path.join(dir, 'load.txt'), loaded.stdout + loaded.stderr);
  if (loaded.code !== 0) throw new Error(`schema floor load failed (${path.relative(ROOT, dir)}/load.txt): ${loaded.stderr}`);
  const sections = [...loaded.stdout.matchAll(/=== (.+)\nCOPY (\d+)\nTime: ([\d.]+) ms/g)].map((m) => ({ table: m[1], rows: Number(m[2]), ms: Number(m[3]) }));
  const tables = sections.filter((x) => !x.table.endsWith('(replica)'));
  const incidentsBare = sections.find((x) => x.table.endsWith('(replica)'));
  if (!incidentsBare || tables.length !== SCHEMA_TABLES.length) throw new Error(`could not read the timings in ${path.relative(ROOT, dir)}/load.txt`);
  writeFileSync(path.join(OUT, 'import-schema-copy.txt'), loaded.stdout + loaded.stderr);
  rmSync(dir, { recursive: true, force: true });
  return { ms: tables.reduce((sum, x) => sum + x.ms, 0), tables, incidentsBare, exportMs: exported.ms };
}

// ---------------------------------------------------------------------------------------------------------------
// --profile: where the import's time goes

/** Area of a profile frame's script; null for frames charged to their nearest caller that has an area. */
function areaOfUrl(url, functionName) {
  if (url.includes('/dist/src/imports/readers/') || url.includes('/node_modules/csv-parse/')) return 'CSV reading (csv-records.ts + csv-parse)';
  if (url.includes('/dist/src/imports/formats/')) return 'mapping (hindsight-csv.mapper.ts, mapped-incident.ts)';
  if (url.includes('/dist/src/imports/import-validation')) return 'validation (import-validation.ts)';
  if (url.includes('/dist/src/imports/imports.service')) {
    if (functionName === 'fingerprint') return 'service: fingerprint (sha1 over JSON of the fields)';
    if (functionName === 'accept' || functionName === 'milestonesOf') return 'service: accept (payload JSON, order check, batching)';
    return 'service: flush, resolveNames, audit changes';
  }
  if (url.includes('/dist/src/imports/imports.repository') || url.includes('/dist/src/audit/') || url.includes('/dist/src/incidents/incidents.repository')) return 'repositories (building parameter arrays)';
  if (/\/node_modules\/(pg|pg-protocol|pg-types|postgres-array|pg-pool|typeorm)\//.test(url)) return 'pg + TypeORM client (serialising parameters, protocol)';
  if (url.includes('/dist/src/cli/')) return 'CLI (progress, summary)';
  return null;
}

/** Self time by area (frames without an area charged to their nearest caller that has one) and by function. */
function summariseProfile(profile) {
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const areaCache = new Map();
  const areaOf = (id) => {
    if (areaCache.has(id)) return areaCache.get(id);
    const { functionName, url } = nodes.get(id).callFrame;
    let area;
    if (functionName === '(idle)') area = 'idle: waiting (PostgreSQL round trips, file reads)';
    else if (functionName === '(garbage collector)') area = 'garbage collector';
    else if (functionName === '(program)') area = 'V8 / native, not attributed (program)';
    else area = areaOfUrl(url, functionName) ?? (parent.has(id) && nodes.get(parent.get(id)).callFrame.functionName !== '(root)' ? areaOf(parent.get(id)) : null)
      ?? 'other: start-up (module loading, Nest/TypeORM init), stream plumbing';
    areaCache.set(id, area);
    return area;
  };
  const byArea = new Map();
  const byFunction = new Map();
  let total = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const us = profile.timeDeltas[i + 1] ?? 0;
    total += us;
    const id = profile.samples[i];
    byArea.set(areaOf(id), (byArea.get(areaOf(id)) ?? 0) + us);
    const { functionName, url, lineNumber } = nodes.get(id).callFrame;
    const where = url ? `${url.replace(/^file:\/\//, '').replace(`${ROOT}/`, '')}:${lineNumber + 1}` : '';
    const key = `${functionName || '(anonymous)'} ${where}`.trim();
    byFunction.set(key, (byFunction.get(key) ?? 0) + us);
  }
  const rows = (map, n) => [...map].sort((a, b) => b[1] - a[1]).slice(0, n).map(([name, us]) => ({ name, ms: us / 1000, share: us / total }));
  return { totalMs: total / 1000, areas: rows(byArea, 50), functions: rows(byFunction, 25) };
}

/** What the server log gained since `offset`, as statements of `db` with their durations (ms). */
function statementDurations(pgLog, offset, db) {
  const size = statSync(pgLog).size;
  const buffer = Buffer.alloc(size - offset);
  const fd = openSync(pgLog, 'r');
  try {
    readSync(fd, buffer, 0, buffer.length, offset);
  } finally {
    closeSync(fd);
  }
  const entries = [];
  for (const line of buffer.toString('utf8').split('\n')) {
    if (/^\d{4}-\d\d-\d\d /.test(line)) entries.push(line);
    else if (entries.length && /^\s/.test(line)) entries[entries.length - 1] += ` ${line.trim()}`;
  }
  const byStatement = new Map();
  let total = 0;
  let count = 0;
  const entry = new RegExp(`\\[\\d+\\] [^@\\s]*@${db} LOG:  duration: ([\\d.]+) ms  (?:(parse|bind|execute) [^:]*|statement): (.*)$`);
  for (const text of entries) {
    const m = entry.exec(text);
    if (!m) continue;
    const ms = Number(m[1]);
    const phase = m[2] ?? 'simple';
    const label = statementLabel(m[3].replace(/\s+/g, ' ').trim());
    const s = byStatement.get(label) ?? { label, ms: 0, executes: 0, parse: 0, bind: 0, execute: 0, simple: 0, runs: [] };
    s.ms += ms;
    s[phase] += ms;
    if (phase === 'execute' || phase === 'simple') {
      s.executes++;
      s.runs.push(ms);
    }
    byStatement.set(label, s);
    total += ms;
    count++;
  }
  // Execute time of the first and the last tenth of the runs: does a statement slow down as the tables grow?
  const tenth = (runs, last) => {
    const n = Math.max(1, Math.floor(runs.length / 10));
    const part = last ? runs.slice(-n) : runs.slice(0, n);
    return part.reduce((a, b) => a + b, 0) / part.length;
  };
  const statements = [...byStatement.values()].sort((a, b) => b.ms - a.ms)
    .map(({ runs, ...s }) => ({ ...s, firstTenthMs: runs.length ? tenth(runs, false) : null, lastTenthMs: runs.length ? tenth(runs, true) : null }));
  return { totalMs: total, entries: count, statements };
}

function statementLabel(sql) {
  const known = [
    [/^INSERT INTO incidents \(/, 'INSERT INTO incidents … FROM unnest (1,000 rows, jsonb payload, 7 indexes, 4 FKs)'],
    [/^INSERT INTO audit_events/, 'INSERT INTO audit_events … FROM unnest (audit row per incident)'],
    [/^INSERT INTO severity_changes/, 'INSERT INTO severity_changes … FROM unnest'],
    [/^INSERT INTO incident_services/, 'INSERT INTO incident_services … ON CONFLICT DO NOTHING'],
    [/^INSERT INTO import_issues/, 'INSERT INTO import_issues (flagged records)'],
    [/^INSERT INTO incident_key_counters/, 'allocateKeys: INSERT INTO incident_key_counters … ON CONFLICT'],
    [/FROM unnest\(\$1::text\[\], \$2::text\[\]\) AS k\(source, external_id\)/, 'findExisting: SELECT … JOIN incidents … FOR UPDATE'],
    [/pg_advisory_xact_lock/, 'SELECT pg_advisory_xact_lock(…)'],
    [/^UPDATE imports SET records_read/, 'recordProgress: UPDATE imports SET counts'],
    [/SELECT DISTINCT ON \(w\.wanted\)/, 'idsByName: services/teams by name'],
    [/^(START TRANSACTION|BEGIN)/, 'BEGIN'],
    [/^COMMIT/, 'COMMIT (WAL flush, synchronous_commit = on)'],
  ];
  for (const [re, label] of known) if (re.test(sql)) return label;
  return sql.length > 80 ? `${sql.slice(0, 80)}…` : sql;
}

/**
 * The floor for Hindsight's own schema: the same rows written by PostgreSQL alone, set-based, one statement per
 * table and no Node in the loop. \copy into an all-text staging table (so to_jsonb(row) is about the importer's
 * source_payload), then INSERT … SELECT into incidents, incident_services, severity_changes and audit_events with
 * the rows the import writes for each incident, each under EXPLAIN (ANALYZE, BUFFERS) for the foreign-key trigger
 * times. Teams, services and keys are made up front (not timed).
 */
function schemaFloorSql(file, columns) {
  return `\\set ON_ERROR_STOP 1
\\timing on
CREATE TABLE stage (${columns.map((c) => `${c} text`).join(', ')});
\\echo === copy into stage
\\copy stage FROM '${file.replace(/'/g, "''")}' WITH (FORMAT csv, HEADER true)
ALTER TABLE stage ADD COLUMN id uuid NOT NULL DEFAULT gen_random_uuid();
INSERT INTO teams (name) SELECT DISTINCT owning_team FROM stage;
INSERT INTO services (name) SELECT DISTINCT unnest(string_to_array(services, '|')) FROM stage;
VACUUM ANALYZE stage;
CHECKPOINT;
\\echo === incidents
EXPLAIN (ANALYZE, BUFFERS) INSERT INTO incidents (id, key, title, severity_id, peak_severity_id, owning_team_id, customer_impact, tags, source, external_id,
  source_payload, import_fingerprint, ${MILESTONE_COLUMNS.join(', ')}, version)
SELECT s.id, 'INC-' || s.external_id, s.title, l.id, l.id, t.id, coalesce(s.customer_impact, ''), coalesce(string_to_array(nullif(s.tags, ''), '|'), '{}'),
       'hindsight', s.external_id, to_jsonb(s) - 'id', md5(to_jsonb(s)::text), ${MILESTONE_COLUMNS.map((m) => `s.${m}::timestamptz`).join(', ')}, 1
  FROM stage s JOIN severity_levels l ON l.key = s.severity LEFT JOIN teams t ON t.name = s.owning_team;
\\echo === incident_services
EXPLAIN (ANALYZE, BUFFERS) INSERT INTO incident_services (incident_id, service_id)
SELECT s.id, v.id FROM stage s CROSS JOIN LATERAL unnest(string_to_array(s.services, '|')) AS n(name) JOIN services v ON v.name = n.name
ON CONFLICT DO NOTHING;
\\echo === severity_changes
EXPLAIN (ANALYZE, BUFFERS) INSERT INTO severity_changes (incident_id, from_severity_id, to_severity_id, changed_at, changed_by, reason)
SELECT s.id, NULL, l.id, s.started_at::timestamptz, 'cli', 'Imported from hindsight' FROM stage s JOIN severity_levels l ON l.key = s.severity;
\\echo === audit_events
EXPLAIN (ANALYZE, BUFFERS) INSERT INTO audit_events (occurred_at, actor_type, actor_id, actor_name, action, entity_type, entity_id, entity_label, incident_id, before, after)
SELECT now(), 'cli', NULL, 'cli', 'incident.import', 'incident', s.id::text, NULL, s.id, NULL,
       jsonb_build_object('importId', '00000000-0000-0000-0000-000000000000', 'source', 'hindsight', 'externalId', s.external_id)
  FROM stage s;
\\echo === end
`;
}

/** Per section of the schema floor's output: its time (EXPLAIN's Execution Time, or \\timing for the \\copy) and its FK trigger times. */
function parseSchemaFloor(output) {
  const sections = [];
  for (const part of output.split(/^=== /m).slice(1)) {
    const name = part.slice(0, part.indexOf('\n')).trim();
    if (name === 'end') continue;
    const execution = /Execution Time: ([\d.]+) ms/.exec(part);
    const timing = /^Time: ([\d.]+) ms/m.exec(part);
    const triggers = [...part.matchAll(/Trigger for constraint (\S+): time=([\d.]+) calls=(\d+)/g)].map((m) => ({ constraint: m[1], ms: Number(m[2]), calls: Number(m[3]) }));
    sections.push({ name, ms: Number((execution ?? timing)[1]), triggersMs: triggers.reduce((a, t) => a + t.ms, 0), triggers });
  }
  return sections;
}

async function profile(options, admin, stamp, created, file, columns, dataset) {
  const db = `hindsight_import_bench_${stamp}_profile`;
  const url = urlFor(options.adminUrl, db);
  await admin.query(`CREATE DATABASE ${db}`);
  created.push(db);
  const { runMigrations } = await dist('src/database/migrate.js');
  await runMigrations(url);
  const pgLog = existsSync(options.pgLog) ? options.pgLog : null;
  if (pgLog) {
    // Every statement's duration, without its (megabyte-sized) array parameters.
    await admin.query(`ALTER DATABASE ${db} SET log_min_duration_statement = 0`);
    await admin.query(`ALTER DATABASE ${db} SET log_parameter_max_length = 0`);
  } else log(`no server log at ${options.pgLog} (--pg-log FILE): the PostgreSQL side is not timed`);
  const dir = path.join(OUT, 'import-profile');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  await admin.query('CHECKPOINT');
  const offset = pgLog ? statSync(pgLog).size : 0;
  const loadBefore = loadavg();
  log(`profiling: node --cpu-prof bin/hindsight.js import (${int(options.rows)} rows) into ${db}`);
  const env = { ...process.env, DATABASE_URL: url, NO_COLOR: '1' };
  const cli = await timedRun(process.execPath, ['--cpu-prof', `--cpu-prof-dir=${dir}`, path.join(ROOT, 'bin/hindsight.js'), 'import', file, '--format', 'hindsight-csv'], env);
  if (cli.code !== 0) throw new Error(`hindsight import exited with ${cli.code}:\n${cli.stdout}\n${cli.stderr.slice(-2000)}`);
  const summary = parseSummary(cli.stdout);
  if (summary.created !== options.rows) throw new Error(`the summary says created ${summary.created}, expected ${options.rows}`);
  const profileFile = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
  const cpu = summariseProfile(JSON.parse(readFileSync(path.join(dir, profileFile), 'utf8')));
  const server = pgLog ? statementDurations(pgLog, offset, db) : null;

  log(`import under --cpu-prof: ${(cli.ms / 1000).toFixed(1)} s wall (CLI reports ${summary.reportedSeconds} s), CPU ${cli.cpuSeconds?.toFixed(1)} s, peak RSS ${(cli.peakRssKb / 1024).toFixed(0)} MiB; profile covers ${(cpu.totalMs / 1000).toFixed(1)} s`);
  console.log('  Node main thread by area (self time; library and native frames charged to their nearest caller with an area):');
  for (const a of cpu.areas) console.log(`    ${(a.ms / 1000).toFixed(1).padStart(7)} s  ${(a.share * 100).toFixed(1).padStart(5)} %  ${a.name}`);
  console.log('  Top self-time functions:');
  for (const f of cpu.functions.slice(0, 20)) console.log(`    ${(f.ms / 1000).toFixed(2).padStart(7)} s  ${(f.share * 100).toFixed(1).padStart(5)} %  ${f.name}`);
  if (server) {
    console.log(`  PostgreSQL server time (log_min_duration_statement = 0; parse + bind + execute): ${(server.totalMs / 1000).toFixed(1)} s over ${int(server.entries)} log entries`);
    for (const s of server.statements.slice(0, 15)) {
      const trend = s.executes >= 20 ? ` (execute: first tenth ${s.firstTenthMs.toFixed(1)} ms, last tenth ${s.lastTenthMs.toFixed(1)} ms)` : '';
      console.log(`    ${(s.ms / 1000).toFixed(2).padStart(7)} s  ×${String(s.executes).padStart(5)}  ${(s.ms / Math.max(s.executes, 1)).toFixed(1).padStart(7)} ms each  ${s.label}${trend}`);
    }
  }
  const loadAfter = loadavg();

  // The floor for Hindsight's schema: the same rows written set-based by PostgreSQL alone.
  const schemaDb = `hindsight_import_bench_${stamp}_schema`;
  await admin.query(`CREATE DATABASE ${schemaDb}`);
  created.push(schemaDb);
  await runMigrations(urlFor(options.adminUrl, schemaDb));
  const sqlFile = path.join(OUT, 'import-schema-floor.sql');
  writeFileSync(sqlFile, schemaFloorSql(file, columns));
  await admin.query('CHECKPOINT');
  const loadBeforeSchema = loadavg();
  log(`schema floor: the same rows set-based into ${schemaDb} (psql -f ${path.relative(ROOT, sqlFile)})`);
  const floorRun = await timedRun('psql', ['-X', '-d', urlFor(options.adminUrl, schemaDb), '-f', sqlFile]);
  writeFileSync(path.join(OUT, 'import-schema-floor.txt'), floorRun.stdout + floorRun.stderr);
  if (floorRun.code !== 0) throw new Error(`schema floor failed (test/bench/out/import-schema-floor.txt): ${floorRun.stderr}`);
  const sections = parseSchemaFloor(floorRun.stdout);
  const fkNames = await withClient(urlFor(options.adminUrl, schemaDb), async (c) => new Map((await c.query(
    `SELECT conname, conrelid::regclass::text || '.' || a.attname || ' → ' || confrelid::regclass::text AS label
       FROM pg_constraint JOIN pg_attribute a ON a.attrelid = conrelid AND a.attnum = conkey[1] WHERE contype = 'f'`,
  )).rows.map((r) => [r.conname, r.label])));
  for (const x of sections) for (const t of x.triggers) t.label = fkNames.get(t.constraint) ?? t.constraint;
  const writes = sections.filter((x) => x.name !== 'copy into stage');
  const schemaFloor = { sections, writesMs: writes.reduce((a, x) => a + x.ms, 0), loadBefore: loadBeforeSchema, loadAfter: loadavg() };
  console.log(`  Schema floor (EXPLAIN ANALYZE execution time; FK = foreign-key trigger time within it): ${(schemaFloor.writesMs / 1000).toFixed(1)} s for the four tables`);
  for (const x of sections) {
    console.log(`    ${(x.ms / 1000).toFixed(2).padStart(7)} s  ${x.name}${x.triggers.length ? ` (FK ${(x.triggersMs / 1000).toFixed(1)} s: ${x.triggers.map((t) => `${t.label} ${(t.ms / 1000).toFixed(1)} s`).join(', ')})` : ''}`);
  }

  const result = {
    date: new Date().toISOString(), dataset, database: db, loadBefore, loadAfter, schemaFloor,
    cli: { ms: cli.ms, cpuSeconds: cli.cpuSeconds, peakRssKb: cli.peakRssKb, summary, progress: cli.stderr.trim().split('\n') }, profileFile: path.relative(ROOT, path.join(dir, profileFile)), cpu, server,
  };
  writeFileSync(path.join(OUT, 'import-profile.json'), `${JSON.stringify(result, null, 2)}\n`);
  log('wrote test/bench/out/import-profile.json');
}
