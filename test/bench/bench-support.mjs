// Shared by the benchmarks: database URLs, the built service as a child process, and incidents from the demo
// generator written straight into a database (far faster than the API: a benchmark's data set is its setting,
// not what it measures).
import { spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import pg from 'pg';

const ROOT = process.cwd();
export const dist = (p) => import(path.join(ROOT, 'dist', p));

/** Incidents generated and written per round. */
export const CHUNK = 20_000;

export const urlFor = (adminUrl, db) => {
  const u = new URL(adminUrl);
  u.pathname = `/${db}`;
  return u.toString();
};
export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
export const log = (...a) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}]`, ...a);

/** A PostgreSQL array literal of text values (quoted, escaped). */
export const textArrayLiteral = (values) => `{${values.map((v) => `"${String(v).replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`;

/**
 * Writes `total` incidents of the demo generator (seed = seedBase + chunk, `months` before `end`, keys suffixed
 * `-B<chunk>` so they never collide with real ones) with their service links, in rounds of CHUNK, through one
 * connection. Returns the generator's and the inserts' milliseconds.
 */
export async function insertGeneratedIncidents(client, { total, end, seedBase, months }) {
  const { generateDemoData } = await dist('src/demo/demo-data.generator.js');
  const sev = Object.fromEntries((await client.query(`SELECT id, key FROM severity_levels`)).rows.map((r) => [r.key, r.id]));
  // Teams and services already there (demo data, an earlier run) are reused by name.
  const teamIds = new Map((await client.query(`SELECT id, name FROM teams`)).rows.map((r) => [r.name, r.id]));
  const serviceIds = new Map((await client.query(`SELECT id, name FROM services`)).rows.map((r) => [r.name, r.id]));
  const chunks = Math.ceil(total / CHUNK);
  let genMs = 0;
  let insertMs = 0;
  for (let chunk = 0; chunk < chunks; chunk++) {
    const count = Math.min(CHUNK, total - chunk * CHUNK);
    let t = Date.now();
    const data = generateDemoData({ seed: seedBase + chunk, incidents: count, months, end });
    genMs += Date.now() - t;
    t = Date.now();
    // Teams and services: the catalog's names, the same in every chunk; insert the new ones once.
    for (const team of data.teams.filter((x) => !teamIds.has(x.name))) {
      const { rows } = await client.query(`INSERT INTO teams (name, description, paging_schedule_url) VALUES ($1, $2, $3) RETURNING id`, [team.name, team.description, team.pagingScheduleUrl]);
      teamIds.set(team.name, rows[0].id);
    }
    for (const s of data.services.filter((x) => !serviceIds.has(x.name))) {
      const { rows } = await client.query(
        `INSERT INTO services (name, kind, functionality, owning_team_id, paging_schedule_url, support_url, status_page_url) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
        [s.name, s.kind, s.functionality, teamIds.get(s.owningTeam), s.pagingScheduleUrl, s.supportUrl, s.statusPageUrl],
      );
      serviceIds.set(s.name, rows[0].id);
    }
    const ids = data.incidents.map(() => randomUUID());
    const col = (f) => data.incidents.map(f);
    const ts = (f) => data.incidents.map((i) => (f(i) ? f(i).toISOString() : null));
    await client.query(
      `INSERT INTO incidents (id, key, title, functionality, state, audience, severity_id, peak_severity_id, owning_team_id, tags, source,
                              excluded_from_metrics, exclusion_reason, started_at, detected_at, acknowledged_at, investigating_at, identified_at,
                              mitigated_at, resolved_at, retro_prep_at, retro_done_at, version, created_at, updated_at)
       SELECT id, key, title, functionality, state, audience, severity_id, peak_severity_id, owning_team_id, tags::text[], source,
              excluded, exclusion_reason, started_at, detected_at, acknowledged_at, investigating_at, identified_at,
              mitigated_at, resolved_at, retro_prep_at, retro_done_at, 1, created_at, created_at
         FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::uuid[], $8::uuid[], $9::uuid[], $10::text[], $11::text[],
                     $12::boolean[], $13::text[], $14::timestamptz[], $15::timestamptz[], $16::timestamptz[], $17::timestamptz[], $18::timestamptz[],
                     $19::timestamptz[], $20::timestamptz[], $21::timestamptz[], $22::timestamptz[], $23::timestamptz[])
           AS u(id, key, title, functionality, state, audience, severity_id, peak_severity_id, owning_team_id, tags, source,
                excluded, exclusion_reason, started_at, detected_at, acknowledged_at, investigating_at, identified_at,
                mitigated_at, resolved_at, retro_prep_at, retro_done_at, created_at)`,
      [
        ids, col((i) => `${i.key}-B${chunk}`), col((i) => i.title), col((i) => i.functionality), col((i) => i.state), col((i) => i.audience),
        col((i) => sev[i.severity]), col((i) => sev[i.peakSeverity]), col((i) => teamIds.get(i.owningTeam) ?? null), col((i) => textArrayLiteral(i.tags)),
        col((i) => i.source), col((i) => i.excludedFromMetrics), col((i) => i.exclusionReason), ts((i) => i.startedAt), ts((i) => i.detectedAt),
        ts((i) => i.acknowledgedAt), ts((i) => i.investigatingAt), ts((i) => i.identifiedAt), ts((i) => i.mitigatedAt), ts((i) => i.resolvedAt),
        ts((i) => i.retroPrepAt), ts((i) => i.retroDoneAt), ts((i) => i.createdAt),
      ],
    );
    const pairs = data.incidents.flatMap((i, n) => i.services.map((s) => [ids[n], serviceIds.get(s)]));
    await client.query(`INSERT INTO incident_services (incident_id, service_id) SELECT * FROM unnest($1::uuid[], $2::uuid[])`, [pairs.map((p) => p[0]), pairs.map((p) => p[1])]);
    insertMs += Date.now() - t;
    const done = chunk * CHUNK + count;
    log(`generated ${done.toLocaleString('en')} / ${total.toLocaleString('en')} incidents (generate ${(genMs / 1000).toFixed(1)} s, insert ${(insertMs / 1000).toFixed(1)} s)`);
  }
  return { genMs, insertMs };
}

/**
 * Makes the new database at `url` a benchmark's data set: migrated, `hindsight demo-data` (600 incidents with their
 * timelines, retrospectives and action items), then `incidents` more from the demo generator over `months` up to
 * the current hour, VACUUMed and ANALYZEd, and an admin API token named `tokenName`. Returns the token, the data's end and its size
 * (`incidents`, `db_size`).
 */
export async function prepareBenchDatabase(url, { incidents, seedBase, months, tokenName }) {
  const { runMigrations } = await dist('src/database/migrate.js');
  await runMigrations(url);
  const demo = spawnSync(process.execPath, ['bin/hindsight.js', 'demo-data'], { env: { ...process.env, DATABASE_URL: url }, encoding: 'utf8' });
  if (demo.status !== 0) throw new Error(`demo-data failed: ${demo.stderr}`);
  log('demo data written');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const end = new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000);
    if (incidents > 0) await insertGeneratedIncidents(client, { total: incidents, end, seedBase, months });
    // VACUUM too, not only ANALYZE: the freshly written rows get their hint bits and visibility map now, not in the
    // first timed reads, and autovacuum has nothing left to start on these tables during the runs.
    await client.query('VACUUM (ANALYZE)');
    const { hashSecret, secretPrefix, newTokenSecret } = await dist('src/auth/credentials.js');
    const token = newTokenSecret();
    await client.query(`INSERT INTO api_tokens (name, role, secret_hash, prefix, created_by_name) VALUES ($1, 'admin', $2, $3, 'bench')`, [tokenName, hashSecret(token), secretPrefix(token)]);
    const { rows: [size] } = await client.query(`SELECT count(*)::int AS incidents, pg_size_pretty(pg_database_size(current_database())) AS db_size FROM incidents`);
    log(`data: ${size.incidents.toLocaleString('en')} incidents, database ${size.db_size}`);
    return { token, end, size };
  } finally {
    await client.end();
  }
}

export /** Starts the built service on the database (as test/support/service-process.ts does) and waits until it listens. */
function startService(env) {
  const base = { ...process.env };
  delete base.DATABASE_URL;
  const child = spawn(process.execPath, [path.resolve('dist/src/main.js')], {
    env: { ...base, PORT: '0', EMBEDDED_PG_PORT: '0', LOG_FORMAT: 'text', NO_COLOR: '1', NODE_ENV: 'production', REPORT_CRON: 'off', ...env },
  });
  let output = '';
  const exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`service did not start:\n${output}`));
    }, 60_000);
    const onData = (chunk) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        child.stdout.off('data', onData);
        child.stderr.off('data', onData);
        child.stdout.resume();
        child.stderr.resume();
        resolve({ url: match[1], pid: child.pid, stop: () => (child.kill('SIGTERM'), exited) });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`service exited with ${code}:\n${output}`));
    });
  });
}

