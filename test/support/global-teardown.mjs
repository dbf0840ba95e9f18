// After the last worker: drops this run's databases on an external server, or stops the embedded
// test server and removes its directory.
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';

export default async function globalTeardown() {
  const run = process.env.HINDSIGHT_TEST_RUN;
  if (process.env.DATABASE_URL && run) {
    const url = new URL(process.env.DATABASE_URL);
    url.pathname = '/postgres';
    const client = new pg.Client({ connectionString: url.toString() });
    await client.connect();
    const { rows } = await client.query(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [`${run}%`]);
    for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    await client.end();
  }
  const dir = process.env.HINDSIGHT_TEST_DATA_DIR;
  if (dir) {
    const pidFile = path.join(dir, 'postgres', 'postmaster.pid');
    if (fs.existsSync(pidFile)) {
      const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
      try {
        process.kill(pid, 'SIGINT'); // PostgreSQL's fast shutdown
        for (let i = 0; i < 200 && fs.existsSync(pidFile); i++) await new Promise((r) => setTimeout(r, 50));
      } catch {
        // already gone
      }
    }
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
