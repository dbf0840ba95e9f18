import { DataSource, type DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from '../../migrations/index.js';
import { DEFAULT_DATABASE_TIMEOUTS, type DatabaseTimeouts } from '../config/config.js';
import { BoundedClient } from './bounded-client.js';
import { ENTITIES } from './entities.js';
import { SnakeNamingStrategy } from './snake-naming.strategy.js';

/** No statement or read limit: migrations and the start-up calendar sync may rewrite every row of a large table. */
export const UNBOUNDED_STATEMENTS: DatabaseTimeouts = Object.freeze({ ...DEFAULT_DATABASE_TIMEOUTS, statementTimeoutMs: 0, queryTimeoutMs: 0 });

/**
 * The one description of the schema: the service, the CLI, the tests and `migration:generate` all use it.
 * Every pooled connection gets `statement_timeout`, a client-side read timeout after which it is dropped
 * (BoundedClient), connect and idle timeouts; a connection that fails is removed from the pool.
 */
export function dataSourceOptions(url: string, applicationName = `hindsight:${process.pid}`, timeouts: DatabaseTimeouts = DEFAULT_DATABASE_TIMEOUTS): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    installExtensions: false,
    uuidExtension: 'pgcrypto',
    applicationName,
    extra: {
      max: 10,
      Client: BoundedClient,
      connectionTimeoutMillis: timeouts.connectTimeoutMs,
      idleTimeoutMillis: timeouts.idleTimeoutMs,
      // 0 is PostgreSQL's "no limit"; pg leaves the setting alone when it is falsy.
      statement_timeout: timeouts.statementTimeoutMs || undefined,
      query_timeout: timeouts.queryTimeoutMs || undefined,
      keepAlive: true,
    },
  };
}

export function createDataSource(url: string, applicationName?: string, timeouts?: DatabaseTimeouts): DataSource {
  return new DataSource(dataSourceOptions(url, applicationName, timeouts));
}
