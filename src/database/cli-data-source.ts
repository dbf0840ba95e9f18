/**
 * Entry point for TypeORM's own CLI (`npm run migration:generate`, `migration:show`): the schema of
 * data-source.ts on the database named by DATABASE_URL.
 */
import { createDataSource } from './data-source.js';

const url = process.env.DATABASE_URL;
if (!url) {
  throw new Error('DATABASE_URL must name the database to compare the entities with, e.g. postgres://postgres@127.0.0.1:5432/hindsight_dev');
}
export default createDataSource(url, 'hindsight-typeorm-cli');
