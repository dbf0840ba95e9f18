// Once per `npm test`, before any worker: names this run's databases and, without DATABASE_URL,
// makes the directory the embedded test server will live in. Plain JS: Jest loads this file outside
// its ESM pipeline. Workers start (or join) the server and migrate a template database lazily
// (test/support/database.ts).
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export default async function globalSetup() {
  process.env.HINDSIGHT_TEST_RUN = `hindsight_test_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  if (!process.env.DATABASE_URL) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hindsight-test-'));
    fs.chmodSync(dir, 0o755); // the `postgres` user runs the server when tests run as root
    process.env.HINDSIGHT_TEST_DATA_DIR = dir;
  }
  const where = process.env.DATABASE_URL ? new URL(process.env.DATABASE_URL).host : `embedded PostgreSQL in ${process.env.HINDSIGHT_TEST_DATA_DIR}`;
  process.stderr.write(`\nTest databases: ${process.env.HINDSIGHT_TEST_RUN}_* on ${where}\n`);
}
