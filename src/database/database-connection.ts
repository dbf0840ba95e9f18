import type { AppConfig } from '../config/config.js';
import { redactUrl } from '../config/config.js';
import { EmbeddedPostgres } from './embedded-postgres.js';

/** Where the database is, and how to let go of it when the process is done. */
export interface DatabaseConnection {
  url: string;
  /** A line for the log: which database is used, without its password. */
  description: string;
  embedded: boolean;
  release(): Promise<void>;
}

/** DATABASE_URL when set; otherwise the embedded server under DATA_DIR, started or joined. */
export async function openDatabase(config: AppConfig, log: (message: string) => void): Promise<DatabaseConnection> {
  if (config.databaseUrl) {
    return { url: config.databaseUrl, description: `PostgreSQL at ${redactUrl(config.databaseUrl)}`, embedded: false, release: () => Promise.resolve() };
  }
  const server = new EmbeddedPostgres({ dataDir: config.dataDir, port: config.embeddedPgPort, log });
  const lease = await server.acquire();
  return {
    url: lease.url,
    description: `embedded PostgreSQL on 127.0.0.1:${lease.port}, data in ${server.clusterDir}`,
    embedded: true,
    release: () => lease.release(),
  };
}
