// `npm run bench -- load [--incidents N] [--duration S] [--keep] [--admin-url URL]`
//
// Issue 12: the built service under a mixed load, as several people and scripts would put on it.
// 1. Data: a fresh database hindsight_load_<timestamp>, migrated, filled by `hindsight demo-data` (600 incidents
//    with their timelines, retrospectives and action items) and then N more incidents (default 100,000) from the
//    demo generator written straight into it (bench-support.mjs), ANALYZEd.
// 2. The service (dist/src/main.js) on that database, an admin API token inserted directly.
// 3. For --duration seconds (default 60), three autocannon runs at once against it, each its own connections:
//    list   GET /api/v1/incidents (pages of 50, a filter in turn), 4 connections;
//    metrics GET /api/v1/metrics over two years by month and severity, 2 connections;
//    create POST /api/v1/incidents, 2 connections.
//    Then creates alone for 15 s with the same 2 connections, to tell their own cost from the load around them.
// 4. Where the time goes: pg_stat_activity sampled every 100 ms during the mixed run — per statement kind, how
//    often a backend was active, and on what it waited.
// Writes test/bench/out/load-result.json; drops the database unless --keep.
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { log, prepareBenchDatabase, startService, urlFor } from './bench-support.mjs';

const OUT = path.join(process.cwd(), 'test/bench/out');
const MONTHS = 24;

function parseArgs(args) {
  const options = { incidents: 100_000, duration: 60, keep: false, adminUrl: process.env.BENCH_ADMIN_URL || 'postgres://postgres@127.0.0.1:5432/postgres' };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--keep') options.keep = true;
    else if (a === '--incidents') options.incidents = Number(args[++i]);
    else if (a === '--duration') options.duration = Number(args[++i]);
    else if (a === '--admin-url') options.adminUrl = args[++i];
    else throw new Error(`unknown option ${a}`);
  }
  if (!Number.isInteger(options.incidents) || options.incidents < 0) throw new Error('--incidents must be a whole number');
  if (!(options.duration >= 5)) throw new Error('--duration must be at least 5 seconds');
  return options;
}

/** One autocannon run; resolves with its figures. */
function cannon(name, opts) {
  return new Promise((resolve, reject) => {
    autocannon({ ...opts, title: name }, (error, result) => (error ? reject(error) : resolve(result)));
  });
}

/** The figures of one autocannon result that BENCHMARKS.md records. */
const figures = (r) => ({
  requests: r.requests.total,
  perSecond: r.requests.average,
  p50: r.latency.p50,
  p90: r.latency.p90,
  p99: r.latency.p99,
  max: r.latency.max,
  errors: r.errors,
  timeouts: r.timeouts,
  non2xx: r.non2xx,
});

/** Samples what every backend of the database does, every 100 ms, until stopped. */
function sampleActivity(url) {
  const client = new pg.Client({ connectionString: url, application_name: 'bench-sampler' });
  const counts = new Map();
  let samples = 0;
  let stopped = false;
  const kind = (query) => {
    const q = query.replace(/\s+/g, ' ').trim();
    if (/^INSERT INTO incident_key_counters/i.test(q)) return 'create: key counter';
    if (/^COPY incidents /i.test(q)) return 'create: COPY incidents';
    if (/^COPY (incident_services|severity_changes)/i.test(q)) return 'create: COPY links/history';
    if (/^INSERT INTO audit_events/i.test(q)) return 'create: audit';
    // pg_stat_activity keeps the first 1 KB of a statement: the metrics statement is known by its start.
    if (/FROM incident_metric_intervals|^SELECT to_char\(date_trunc|^SELECT set_config\(/i.test(q)) return 'metrics';
    if (/FROM incidents i/i.test(q)) return 'incident reads';
    if (/^(BEGIN|COMMIT|START TRANSACTION)/i.test(q)) return 'transaction control';
    return q.slice(0, 40);
  };
  const done = (async () => {
    await client.connect();
    while (!stopped) {
      const { rows } = await client.query(
        `SELECT state, wait_event_type, wait_event, query FROM pg_stat_activity
          WHERE datname = current_database() AND pid <> pg_backend_pid() AND state <> 'idle' AND application_name <> 'bench-sampler'`,
      );
      samples++;
      for (const row of rows) {
        // 'idle in transaction' waiting on ClientRead: the transaction is open while the service works in Node.
        const key = `${kind(row.query)} | ${row.state}${row.wait_event_type ? ` | ${row.wait_event_type}:${row.wait_event}` : ' | on CPU'}`;
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await client.end();
  })();
  return {
    stop: async () => {
      stopped = true;
      await done;
      return { samples, byState: [...counts].sort((a, b) => b[1] - a[1]).map(([state, n]) => ({ state, share: n / samples })) };
    },
  };
}

export async function run(args) {
  const options = parseArgs(args);
  const admin = new pg.Client({ connectionString: options.adminUrl });
  await admin.connect();
  const db = `hindsight_load_${new Date().toISOString().replace(/\D/g, '').slice(0, 14)}`;
  await admin.query(`CREATE DATABASE ${db}`);
  const url = urlFor(options.adminUrl, db);
  let service = null;
  try {
    const { token, end, size } = await prepareBenchDatabase(url, { incidents: options.incidents, seedBase: 9000, months: MONTHS, tokenName: 'load' });

    service = await startService({ DATABASE_URL: url });
    log(`service listening on ${service.url}`);
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const from = new Date(end);
    from.setUTCMonth(from.getUTCMonth() - MONTHS);
    const listPaths = ['/api/v1/incidents?limit=50', '/api/v1/incidents?limit=50&severity=SEV1', '/api/v1/incidents?limit=50&status=resolved', '/api/v1/incidents?limit=50&q=checkout'];
    let created = 0;
    const createBody = () => JSON.stringify({
      title: `Load test incident ${++created}`, severity: ['SEV1', 'SEV2', 'SEV3'][created % 3], startedAt: new Date(Date.now() - 3_600_000).toISOString(),
      detectedAt: new Date(Date.now() - 3_000_000).toISOString(), tags: ['load'],
    });
    const base = { url: service.url, headers, duration: options.duration };
    const list = { ...base, connections: 4, requests: listPaths.map((p) => ({ method: 'GET', path: p })) };
    const metrics = {
      ...base, connections: 2,
      requests: [{ method: 'GET', path: `/api/v1/metrics?from=${encodeURIComponent(from.toISOString())}&to=${encodeURIComponent(end.toISOString())}&groupBy=period:month&groupBy=severity` }],
    };
    const create = { ...base, connections: 2, requests: [{ method: 'POST', path: '/api/v1/incidents', setupRequest: (request) => ({ ...request, body: createBody() }) }] };

    const loadBefore = os.loadavg();
    log(`mixed load for ${options.duration} s: list (4 connections), metrics (2), create (2)`);
    const sampler = sampleActivity(url);
    const [listResult, metricsResult, createResult] = await Promise.all([cannon('list', list), cannon('metrics', metrics), cannon('create', create)]);
    const activity = await sampler.stop();
    log('creates alone for 15 s (2 connections)');
    const alone = await cannon('create alone', { ...create, duration: 15 });
    await service.stop();
    service = null;

    const result = {
      date: new Date().toISOString(),
      machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model, memoryGiB: Number((os.totalmem() / 2 ** 30).toFixed(1)), node: process.version },
      data: { incidents: size.incidents, databaseSize: size.db_size },
      durationSeconds: options.duration,
      loadBefore,
      mixed: { list: figures(listResult), metrics: figures(metricsResult), create: figures(createResult) },
      createAlone: figures(alone),
      activity,
    };
    mkdirSync(OUT, { recursive: true });
    writeFileSync(path.join(OUT, 'load-result.json'), `${JSON.stringify(result, null, 2)}\n`);
    const row = (name, f) => `  ${name.padEnd(14)} ${String(f.requests).padStart(7)} req  ${f.perSecond.toFixed(1).padStart(7)} req/s  p50 ${String(f.p50).padStart(5)} ms  p90 ${String(f.p90).padStart(5)} ms  p99 ${String(f.p99).padStart(5)} ms  max ${String(f.max).padStart(5)} ms  errors ${f.errors}  non-2xx ${f.non2xx}`;
    console.log([row('list', result.mixed.list), row('metrics', result.mixed.metrics), row('create', result.mixed.create), row('create alone', result.createAlone)].join('\n'));
    console.log(`  backends active during the mixed run (share of ${activity.samples} samples, 100 ms apart):`);
    for (const { state, share } of activity.byState.slice(0, 12)) console.log(`    ${(share * 100).toFixed(0).padStart(4)} %  ${state}`);
    log('wrote test/bench/out/load-result.json');
  } finally {
    if (service) await service.stop().catch(() => undefined);
    if (options.keep) log(`kept ${db}`);
    else await admin.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`).then(() => log(`dropped ${db}`));
    await admin.end();
  }
}
