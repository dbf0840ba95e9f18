import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { EmbeddedPostgres } from '../../src/database/embedded-postgres.js';
import { makeDataDir } from '../support/test-server.js';

const reachable = async (url: string) => {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
};

describe('EmbeddedPostgres leases', () => {
  let dataDir: string;

  beforeAll(() => {
    dataDir = makeDataDir('hindsight-lease-');
  });
  afterAll(() => {
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps the server running while another lease holds it, even with no other connection open, and stops it with the last release', async () => {
    const server = () => new EmbeddedPostgres({ dataDir, port: 0 });
    const service = await server().acquire();
    expect(service.started).toBe(true);
    // A second user (the CLI next to a running service whose pool has closed its idle connections).
    const cli = await server().acquire();
    expect(cli).toMatchObject({ started: false, port: service.port });

    await cli.release();
    expect(await server().runningPort()).toBe(service.port);
    expect(await reachable(service.url)).toBe(true);

    await service.release();
    expect(await server().runningPort()).toBeUndefined();
    expect(await reachable(service.url)).toBe(false);
  });

  it('ignores and removes the lease of a process that died (kill -9) and of a PID since reused by another process', async () => {
    const server = () => new EmbeddedPostgres({ dataDir, port: 0 });
    const lease = await server().acquire();
    const leaseDir = path.join(dataDir, 'postgres-leases');
    const deadPid = spawnSync('true').pid; // exited: its PID is no longer alive
    fs.writeFileSync(path.join(leaseDir, `${deadPid}-dead.json`), JSON.stringify({ pid: deadPid, startTime: '1', port: lease.port }));
    // A live PID (this very process) but another start time: the holder is gone and the PID was reused.
    fs.writeFileSync(path.join(leaseDir, `${process.pid}-reused.json`), JSON.stringify({ pid: process.pid, startTime: '1', port: lease.port }));

    await lease.release();
    expect(await server().runningPort()).toBeUndefined();
    expect(fs.readdirSync(leaseDir)).toEqual([]);
  });

  it('leaves the server running while a program other than Hindsight is connected to it', async () => {
    const server = () => new EmbeddedPostgres({ dataDir, port: 0 });
    const lease = await server().acquire();
    const psql = new pg.Client({ connectionString: lease.url, application_name: 'psql' });
    await psql.connect();
    try {
      await lease.release();
      expect(await server().runningPort()).toBe(lease.port);
    } finally {
      await psql.end();
    }
    await (await server().acquire()).release();
    expect(await server().runningPort()).toBeUndefined();
  });
});
