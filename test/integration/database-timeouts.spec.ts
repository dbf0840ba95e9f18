import { DataSource } from 'typeorm';
import { DEFAULT_DATABASE_TIMEOUTS } from '../../src/config/config.js';
import { BoundedClient } from '../../src/database/bounded-client.js';
import { dataSourceOptions, UNBOUNDED_STATEMENTS } from '../../src/database/data-source.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

/** The limits every pooled connection runs under (DB_* timeouts), on a real PostgreSQL. */
describe('database timeouts', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.close());

  async function withDataSource<T>(timeouts: typeof DEFAULT_DATABASE_TIMEOUTS, work: (dataSource: DataSource) => Promise<T>): Promise<T> {
    const dataSource = await new DataSource(dataSourceOptions(db.url, 'hindsight-timeouts-test', timeouts)).initialize();
    try {
      return await work(dataSource);
    } finally {
      await dataSource.destroy();
    }
  }

  it('sets statement_timeout on every pooled connection, so PostgreSQL cancels a long statement (57014) and the connection stays usable', async () => {
    await withDataSource({ ...DEFAULT_DATABASE_TIMEOUTS, statementTimeoutMs: 300, queryTimeoutMs: 5_000 }, async (dataSource) => {
      expect(await dataSource.query('SHOW statement_timeout')).toEqual([{ statement_timeout: '300ms' }]);
      await expect(dataSource.query('SELECT pg_sleep(3)')).rejects.toMatchObject({ driverError: { code: '57014' } });
      expect(await dataSource.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
    });
  });

  it('runs migrations without a statement timeout', async () => {
    await withDataSource(UNBOUNDED_STATEMENTS, async (dataSource) => {
      expect(await dataSource.query('SHOW statement_timeout')).toEqual([{ statement_timeout: '0' }]);
    });
  });

  it('drops a connection whose statement got no answer within query_timeout, instead of leaving it busy', async () => {
    const client = new BoundedClient({ connectionString: db.url, query_timeout: 300 });
    const ended = new Promise<void>((resolve) => client.once('end', () => resolve()));
    const errors: Error[] = [];
    client.on('error', (error) => errors.push(error));
    await client.connect();
    const started = Date.now();
    await expect(client.query('SELECT pg_sleep(5)')).rejects.toThrow('Query read timeout');
    await ended;
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(errors.map((e) => e.message)).toEqual(['Connection terminated unexpectedly']);
    await expect(client.query('SELECT 1')).rejects.toThrow(/not queryable/);
  });
});
