import fs from 'node:fs';
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
});
