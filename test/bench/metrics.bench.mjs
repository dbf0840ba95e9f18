// `npm run bench -- metrics [--incidents N] [--reuse[=DB]] [--keep] [--admin-url URL]`
//
// 1. Data: N (default 1,000,000) incidents from the demo generator, scaled: generateDemoData in chunks of
//    20,000 (seed = 7000 + chunk, months = 24, same end), only what the metrics read (incidents with every
//    milestone, peak severity, owning team, source, tags, excluded flag; incident_services) inserted with
//    multi-row `unnest` INSERTs into a fresh database hindsight_bench_<timestamp>, migrated, then ANALYZEd.
// 2. Times GET /api/v1/metrics?from&to&groupBy=period:month,severity over HTTP against the built service
//    (child process, like test/support/service-process.ts), cold (first request after start) and warm
//    (median of 5), and one hand-written SQL query of the same figures (all six metrics, from the stored
//    per-incident seconds the endpoint reads too) through psql, cold (fresh psql connection, first run) and
//    warm (median of 5), at psql's default settings and at the endpoint's (SUMMARY_SETTINGS); the warm runs
//    take turns (endpoint, hand, hand) so load from elsewhere falls on all alike. Checks both give the same
//    numbers.
// 3. Where the time goes: the endpoint's own statement through psql with its settings and at the defaults,
//    and EXPLAIN ANALYZE of it and of the hand query.
import { spawnSync } from 'node:child_process';
import http from 'node:http';
import pg from 'pg';
import { CHUNK, dist, insertGeneratedIncidents, log, median, startService, textArrayLiteral, urlFor } from './bench-support.mjs';

const SEED_BASE = 7000;
const MONTHS = 24;
const WARM_RUNS = 5;

function parseArgs(args) {
  const options = { incidents: 1_000_000, reuse: null, keep: false, adminUrl: process.env.BENCH_ADMIN_URL || 'postgres://postgres@127.0.0.1:5432/postgres' };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--keep') options.keep = true;
    else if (a === '--reuse') options.reuse = true;
    else if (a.startsWith('--reuse=')) options.reuse = a.slice('--reuse='.length);
    else if (a === '--incidents') options.incidents = Number(args[++i]);
    else if (a === '--admin-url') options.adminUrl = args[++i];
    else throw new Error(`unknown option ${a}`);
  }
  if (!Number.isInteger(options.incidents) || options.incidents < CHUNK) throw new Error(`--incidents must be an integer ≥ ${CHUNK}`);
  return options;
}

const fmt = (ms) => `${ms.toFixed(0)} ms`;


async function findReusable(admin, reuse) {
  if (typeof reuse === 'string') return reuse;
  const { rows } = await admin.query(`SELECT datname FROM pg_database WHERE datname LIKE 'hindsight\\_bench\\_%' ORDER BY datname DESC`);
  return rows[0]?.datname ?? null;
}

async function readMeta(url) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query(`SELECT end_at, incidents, generation_ms FROM bench_meta WHERE complete`).catch(() => ({ rows: [] }));
    return rows[0] ? { end: new Date(rows[0].end_at), incidents: Number(rows[0].incidents), generationMs: Number(rows[0].generation_ms) } : null;
  } finally {
    await client.end();
  }
}

/** Generates and loads the data set; returns { end, incidents, generationMs }. */
async function generate(url, total) {
  const { runMigrations } = await dist('src/database/migrate.js');
  const started = Date.now();
  await runMigrations(url);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const end = new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000); // this hour, so the 24-month window is "now"
  try {
    await client.query(`CREATE TABLE bench_meta (end_at timestamptz NOT NULL, incidents int NOT NULL, generation_ms int, complete boolean NOT NULL DEFAULT false)`);
    await client.query(`INSERT INTO bench_meta (end_at, incidents) VALUES ($1, $2)`, [end, total]);
    const { genMs, insertMs } = await insertGeneratedIncidents(client, { total, end, seedBase: SEED_BASE, months: MONTHS });
    let t = Date.now();
    await client.query(`VACUUM (ANALYZE) incidents`);
    await client.query(`VACUUM (ANALYZE) incident_services`);
    await client.query(`ANALYZE`);
    log(`VACUUM ANALYZE ${fmt(Date.now() - t)}`);
    const generationMs = Date.now() - started;
    await client.query(`UPDATE bench_meta SET complete = true, generation_ms = $1`, [generationMs]);
    log(`data set ready in ${(generationMs / 1000).toFixed(1)} s (generator ${(genMs / 1000).toFixed(1)} s, inserts ${(insertMs / 1000).toFixed(1)} s)`);
    return { end, incidents: total, generationMs };
  } finally {
    await client.end();
  }
}

/** One GET on a connection of its own (the warm runs are seconds apart, longer than the server keeps an idle connection). */
function timedGet(url, token) {
  const t = performance.now();
  return new Promise((resolve, reject) => {
    const request = http.get(url, { agent: false, headers: { authorization: `Bearer ${token}` } }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk) => (body += chunk));
      response.on('end', () => {
        const ms = performance.now() - t;
        if (response.statusCode !== 200) reject(new Error(`GET ${url}: ${response.statusCode} ${body.slice(0, 500)}`));
        else resolve({ ms, json: JSON.parse(body) });
      });
    });
    request.on('error', reject);
  });
}

/**
 * Runs SQL through psql (a fresh connection each call), after the `settings` (SET commands, each its own
 * -c); returns psql's own \timing of the statement, the process time and the CSV rows.
 */
function psql(url, sql, settings = []) {
  const t = performance.now();
  const result = spawnSync('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '--csv', '-d', url, ...settings.flatMap((c) => ['-c', c]), '-c', '\\timing on', '-c', sql], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  const processMs = performance.now() - t;
  if (result.status !== 0) throw new Error(`psql failed: ${result.stderr}`);
  const lines = result.stdout.trimEnd().split('\n');
  const timing = lines.filter((l) => /^Time: [\d.]+ ms/.test(l));
  const statementMs = Number(/^Time: ([\d.]+) ms/.exec(timing.at(-1))[1]);
  const csv = lines.filter((l) => !/^Time: /.test(l));
  return { statementMs, processMs, csv };
}

/** The endpoint's SUMMARY_SETTINGS as psql SET commands. */
async function endpointSettings() {
  const { SUMMARY_SETTINGS } = await dist('src/metrics/summary/metrics-summary.repository.js');
  return Object.entries(SUMMARY_SETTINGS).map(([name, value]) => `SET ${name} = '${value}'`);
}

/** The six metrics: the API's name and the stored column's prefix. */
const METRICS = [['ttd', 'ttd'], ['tta', 'tta'], ['tte', 'tte'], ['ttm', 'ttm'], ['ttr', 'ttr'], ['ttRetro', 'tt_retro']];

/**
 * The hand-written query: straight from `incidents` (not the view), month (UTC) × peak severity, the six
 * metrics from the per-incident seconds the database stores (`ttd_seconds` … `tt_retro_seconds`, NULL when
 * the incident is left out of the metric; migration StoredMetricSeconds), with plain count, percentile_cont,
 * avg, min and max.
 */
export function handQuery(from, to) {
  const figures = ([, c]) =>
    `count(${c}_seconds) AS ${c}_n, percentile_cont('{0.5,0.9,0.95}'::float8[]) WITHIN GROUP (ORDER BY ${c}_seconds) AS ${c}_p,
         avg(${c}_seconds) AS ${c}_mean, min(${c}_seconds) AS ${c}_min, max(${c}_seconds) AS ${c}_max`;
  return `SELECT to_char(date_trunc('month', i.started_at AT TIME ZONE 'UTC'), 'YYYY-MM') AS period, s.key AS severity, count(*) AS incidents,
       ${METRICS.map(figures).join(',\n       ')}
  FROM incidents i
  JOIN severity_levels s ON s.id = i.peak_severity_id
 WHERE i.started_at >= '${from.toISOString()}' AND i.started_at < '${to.toISOString()}'
 GROUP BY 1, s.rank, s.key
 ORDER BY 1, s.rank`;
}

/** Parses psql --csv output (no embedded commas in these values except inside the quoted percentile arrays). */
function parseCsv(lines) {
  const split = (line) => {
    const out = [];
    let cur = '';
    let quoted = false;
    for (const ch of line) {
      if (ch === '"') quoted = !quoted;
      else if (ch === ',' && !quoted) (out.push(cur), (cur = ''));
      else cur += ch;
    }
    out.push(cur);
    return out;
  };
  const [header, ...rows] = lines.map(split);
  return rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
}

function compare(json, csvRows) {
  const byKey = new Map(csvRows.map((r) => [`${r.period}|${r.severity}`, r]));
  const close = (a, b) => (a === null || a === undefined || a === '' ? b === null || b === '' || b === undefined : Math.abs(Number(a) - Number(b)) <= 1e-6 * Math.max(1, Math.abs(Number(a))));
  let groups = 0;
  const mismatches = [];
  for (const group of json.groups) {
    const row = byKey.get(`${group.key.period}|${group.key.severity}`);
    if (!row) {
      mismatches.push(`group ${group.key.period} ${group.key.severity} missing from the hand query`);
      continue;
    }
    groups++;
    if (Number(row.incidents) !== group.incidents) mismatches.push(`${group.key.period} ${group.key.severity} incidents ${group.incidents} vs ${row.incidents}`);
    for (const [m, c] of METRICS) {
      const api = group.metrics[m];
      const p = row[`${c}_p`] ? row[`${c}_p`].replace(/[{}]/g, '').split(',') : [null, null, null];
      const hand = { n: row[`${c}_n`], median: p[0], p90: p[1], p95: p[2], mean: row[`${c}_mean`], min: row[`${c}_min`], max: row[`${c}_max`] };
      for (const f of Object.keys(hand)) if (!close(api[f], hand[f])) mismatches.push(`${group.key.period} ${group.key.severity} ${m}.${f}: endpoint ${api[f]} vs hand ${hand[f]}`);
    }
  }
  if (csvRows.length !== json.groups.length) mismatches.push(`group count: endpoint ${json.groups.length}, hand query ${csvRows.length}`);
  return { groups, mismatches };
}

/** The endpoint's own statement, built by the built MetricsSummaryRepository (captured, not run), with its parameters inlined as literals for psql. */
export async function endpointStatement(from, to) {
  const { MetricsSummaryRepository } = await dist('src/metrics/summary/metrics-summary.repository.js');
  const { resolveScope } = await dist('src/metrics/core/metrics-scope.js');
  const { loadConfig } = await dist('src/config/config.js');
  const config = loadConfig({ ...process.env, DATABASE_URL: 'postgres://x@127.0.0.1/x' });
  let captured;
  const fake = { query: async (sql, params) => ((captured = { sql, params }), []), transaction: (work) => work(fake) };
  await new MetricsSummaryRepository(fake).summarize(resolveScope({ from, to, groupBy: [{ kind: 'period', unit: 'month' }, { kind: 'severity' }] }, config.reportTimeZone));
  const literal = (v) => {
    if (v instanceof Date) return `'${v.toISOString()}'`;
    if (Array.isArray(v)) return `'${textArrayLiteral(v)}'`;
    return `'${String(v).replace(/'/g, "''")}'`;
  };
  let sql = captured.sql;
  for (let i = captured.params.length; i >= 1; i--) sql = sql.split(`$${i}`).join(literal(captured.params[i - 1]));
  return sql;
}

function explain(url, sql, settings = []) {
  const r = spawnSync('psql', ['-X', '-q', '-At', '-d', url, ...settings.flatMap((c) => ['-c', c]), '-c', `EXPLAIN (ANALYZE, BUFFERS) ${sql}`], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status !== 0) throw new Error(`psql EXPLAIN failed: ${r.stderr}`);
  return r.stdout;
}

export async function run(args) {
  const options = parseArgs(args);
  const admin = new pg.Client({ connectionString: options.adminUrl });
  await admin.connect();
  let db = null;
  let service = null;
  let created = false;
  try {
    let meta = null;
    if (options.reuse) {
      db = await findReusable(admin, options.reuse);
      if (db) meta = await readMeta(urlFor(options.adminUrl, db)).catch(() => null);
      if (meta) log(`reusing ${db}: ${meta.incidents.toLocaleString('en')} incidents, generated in ${(meta.generationMs / 1000).toFixed(1)} s`);
      else db = null;
    }
    if (!db) {
      db = `hindsight_bench_${new Date().toISOString().replace(/\D/g, '').slice(0, 14)}`;
      await admin.query(`CREATE DATABASE ${db}`);
      created = true;
      log(`created ${db}; generating ${options.incidents.toLocaleString('en')} incidents`);
      meta = await generate(urlFor(options.adminUrl, db), options.incidents);
    }
    const url = urlFor(options.adminUrl, db);
    const end = meta.end;
    const from = new Date(end);
    from.setUTCMonth(from.getUTCMonth() - MONTHS);
    const sizeClient = new pg.Client({ connectionString: url });
    await sizeClient.connect();
    const { rows: [size] } = await sizeClient.query(
      `SELECT (SELECT count(*) FROM incidents)::int AS incidents, (SELECT count(*) FROM incident_services)::int AS links,
              (SELECT count(*) FROM incidents WHERE started_at >= $1 AND started_at < $2)::int AS in_window,
              pg_size_pretty(pg_total_relation_size('incidents')) AS incidents_size, pg_size_pretty(pg_database_size(current_database())) AS db_size`,
      [from, end],
    );
    // An API token, inserted directly (as `hindsight token create` would store it).
    const { hashSecret, secretPrefix, newTokenSecret } = await dist('src/auth/credentials.js');
    const token = newTokenSecret();
    await sizeClient.query(`INSERT INTO api_tokens (name, role, secret_hash, prefix, created_by_name) VALUES ($1, 'viewer', $2, $3, 'bench')`, [
      `bench-${Date.now()}`, hashSecret(token), secretPrefix(token),
    ]);
    await sizeClient.end();
    log(`data: ${size.incidents.toLocaleString('en')} incidents (${size.in_window.toLocaleString('en')} in the window), ${size.links.toLocaleString('en')} incident_services rows; incidents ${size.incidents_size}, database ${size.db_size}`);

    // (a) The endpoint over HTTP, cold: the first request after the service starts.
    const query = `/api/v1/metrics?from=${encodeURIComponent(from.toISOString())}&to=${encodeURIComponent(end.toISOString())}&groupBy=period:month&groupBy=severity`;
    service = await startService({ DATABASE_URL: url });
    log(`service listening on ${service.url}`);
    const cold = await timedGet(service.url + query, token);
    log(`endpoint cold: ${fmt(cold.ms)} (${cold.json.groups.length} groups)`);

    // (b) The hand-written query through psql, each run a fresh psql connection: at psql's defaults, and
    // with the settings the endpoint gives its own statement. Its first runs are its cold figures.
    const settings = await endpointSettings();
    const hand = handQuery(from, end);
    const handDefaultCold = psql(url, hand);
    const handSetCold = psql(url, hand, settings);

    // Warm: endpoint, hand query at defaults, hand query with settings, in turn, so that other load on the
    // machine falls on all three alike.
    const warmRuns = [];
    const handDefaultRuns = [];
    const handSetRuns = [];
    for (let i = 0; i < WARM_RUNS; i++) {
      warmRuns.push((await timedGet(service.url + query, token)).ms);
      handDefaultRuns.push(psql(url, hand).statementMs);
      handSetRuns.push(psql(url, hand, settings).statementMs);
    }
    await service.stop();
    service = null;
    const endpointWarm = median(warmRuns);
    log(`endpoint warm: median ${fmt(endpointWarm)} of [${warmRuns.map((x) => x.toFixed(0)).join(', ')}]`);
    const handFigures = (label, coldRun, runs) => {
      const result = { coldMs: coldRun.statementMs, warmMs: median(runs), warmRuns: runs, csv: coldRun.csv };
      log(`hand query ${label}: cold ${fmt(result.coldMs)}, warm median ${fmt(result.warmMs)} of [${runs.map((x) => x.toFixed(0)).join(', ')}] (\\timing)`);
      return result;
    };
    const handDefault = handFigures('at psql defaults', handDefaultCold, handDefaultRuns);
    const handSet = handFigures(`with the endpoint's settings (${settings.join('; ')})`, handSetCold, handSetRuns);

    const check = compare(cold.json, parseCsv(handDefault.csv));
    log(`same numbers: ${check.mismatches.length === 0 ? 'yes' : 'NO'} — ${check.groups} groups × ${METRICS.length} metrics × 7 figures compared`);
    for (const m of check.mismatches.slice(0, 20)) log(`  mismatch: ${m}`);

    // Where the time goes: the endpoint's statement through psql, with its settings and at the defaults.
    const statement = await endpointStatement(from, end);
    const stmtSet = [];
    const stmtDefault = [];
    for (let i = 0; i < 3; i++) stmtSet.push(psql(url, statement, settings).statementMs);
    for (let i = 0; i < 3; i++) stmtDefault.push(psql(url, statement).statementMs);
    log(`endpoint statement via psql: with its settings median ${fmt(median(stmtSet))} [${stmtSet.map((x) => x.toFixed(0)).join(', ')}], at psql defaults median ${fmt(median(stmtDefault))} [${stmtDefault.map((x) => x.toFixed(0)).join(', ')}]`);
    const planEndpoint = explain(url, statement, settings);
    const planHand = explain(url, hand);
    const planHandSet = explain(url, hand, settings);
    const execTime = (plan) => /Execution Time: ([\d.]+) ms/.exec(plan)?.[1];
    log(`EXPLAIN ANALYZE execution: endpoint statement ${execTime(planEndpoint)} ms, hand query ${execTime(planHand)} ms (with the endpoint's settings ${execTime(planHandSet)} ms)`);

    // The ratio against the faster of the two hand-query figures: the stricter comparison.
    const handWarm = Math.min(handDefault.warmMs, handSet.warmMs);
    const handCold = Math.min(handDefault.coldMs, handSet.coldMs);
    const ratioWarm = endpointWarm / handWarm;
    const ratioCold = cold.ms / handCold;
    const strip = ({ csv: _csv, ...figures }) => figures;
    const results = {
      database: db,
      incidents: size.incidents,
      inWindow: size.in_window,
      links: size.links,
      incidentsSize: size.incidents_size,
      dbSize: size.db_size,
      generationMs: meta.generationMs,
      from: from.toISOString(),
      to: end.toISOString(),
      endpoint: { coldMs: cold.ms, warmMs: endpointWarm, warmRuns },
      hand: { defaults: strip(handDefault), endpointSettings: strip(handSet), settings },
      ratio: { cold: ratioCold, warm: ratioWarm, against: { coldMs: handCold, warmMs: handWarm } },
      statement: { withSettingsMs: median(stmtSet), atDefaultsMs: median(stmtDefault), withSettingsRuns: stmtSet, atDefaultsRuns: stmtDefault },
      explain: { endpointMs: Number(execTime(planEndpoint)), handMs: Number(execTime(planHand)), handWithSettingsMs: Number(execTime(planHandSet)) },
      check,
      targets: { withinRatio: ratioWarm <= 1.5 && ratioCold <= 1.5, under2s: endpointWarm < 2000 && cold.ms < 2000 },
    };
    log(`RESULT ratio endpoint/hand (the faster hand figure): cold ${ratioCold.toFixed(2)}, warm ${ratioWarm.toFixed(2)}; target ≤ 1.5× ${results.targets.withinRatio ? 'met' : 'NOT met'}, < 2 s ${results.targets.under2s ? 'met' : 'NOT met'}`);
    const { writeFileSync, mkdirSync, rmSync } = await import('node:fs');
    mkdirSync('test/bench/out', { recursive: true });
    for (const old of ['metrics-explain-with-retro.txt', 'metrics-explain-without-retro.txt']) rmSync(`test/bench/out/${old}`, { force: true });
    writeFileSync('test/bench/out/metrics.json', JSON.stringify(results, null, 2));
    writeFileSync('test/bench/out/metrics-explain-endpoint.txt', planEndpoint);
    writeFileSync('test/bench/out/metrics-explain-hand.txt', planHand);
    writeFileSync('test/bench/out/metrics-explain-hand-with-settings.txt', planHandSet);
    writeFileSync('test/bench/out/metrics-endpoint.sql', `${settings.join(';\n')};\n${statement.trim()};\n`);
    writeFileSync('test/bench/out/metrics-hand.sql', hand + '\n');
    log('wrote test/bench/out/metrics.json and the EXPLAIN ANALYZE plans');
  } finally {
    if (service) await service.stop();
    if (db && !options.keep && (created || options.reuse)) {
      await admin.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
      log(`dropped ${db} (use --keep to keep it)`);
    } else if (db) log(`kept ${db} (rerun with --reuse=${db})`);
    await admin.end();
  }
}
