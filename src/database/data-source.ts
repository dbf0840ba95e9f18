import { DataSource, type DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from '../../migrations/index.js';
import { ENTITIES } from './entities.js';
import { SnakeNamingStrategy } from './snake-naming.strategy.js';

/** The one description of the schema: the service, the CLI, the tests and `migration:generate` all use it. */
export function dataSourceOptions(url: string, applicationName = `hindsight:${process.pid}`): DataSourceOptions {
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
    extra: { max: 10 },
  };
}

export function createDataSource(url: string, applicationName?: string): DataSource {
  return new DataSource(dataSourceOptions(url, applicationName));
}
