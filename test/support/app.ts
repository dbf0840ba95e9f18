import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Server } from 'node:http';
import { createApp } from '../../src/app.factory.js';
import type { Clock } from '../../src/common/clock.js';
import { loadConfig } from '../../src/config/config.js';
import { createTestDatabase, type TestDatabase } from './database.js';

export interface TestApp {
  app: NestExpressApplication;
  http: Server;
  db: TestDatabase;
  close(): Promise<void>;
}

/** The real HTTP application on a fresh database, as `npm start` builds it. */
export async function startTestApp(options: { clock?: Clock } = {}): Promise<TestApp> {
  const db = await createTestDatabase();
  const app = await createApp({ config: loadConfig({}), databaseUrl: db.url, clock: options.clock, logger: false });
  await app.init();
  return {
    app,
    http: app.getHttpServer() as Server,
    db,
    close: async () => {
      await app.close();
      await db.close();
    },
  };
}

/** A clock tests can set. */
export class FixedClock {
  constructor(private current: Date) {}
  now(): Date {
    return new Date(this.current);
  }
  set(date: Date): void {
    this.current = date;
  }
}
