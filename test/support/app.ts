import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Server } from 'node:http';
import request from 'supertest';
import { createApp } from '../../src/app.factory.js';
import { hashSecret, newTokenSecret, secretPrefix } from '../../src/auth/credentials.js';
import { ROLES, type Role } from '../../src/common/roles.js';
import type { Clock } from '../../src/common/clock.js';
import { loadConfig } from '../../src/config/config.js';
import { prepareDatabase } from '../../src/database/migrate.js';
import { createTestDatabase, type TestDatabase } from './database.js';

export interface TestApp {
  app: NestExpressApplication;
  http: Server;
  db: TestDatabase;
  /** A bearer token per role, created in the test database. */
  tokens: Record<Role, string>;
  /** HTTP client authenticated with the token of `role` (admin unless said otherwise). */
  request(role?: Role): request.Agent;
  /** HTTP client without credentials. */
  anonymous(): request.Agent;
  close(): Promise<void>;
}

export const TEST_SESSION_SECRET = 'test-session-secret-test-session-secret-0123';

/**
 * The real HTTP application on a fresh database, as `npm start` builds it. With `sharing`: another instance
 * on that app's database and tokens (a second server of a cluster, or the first one restarted); closing it
 * leaves the database to its owner.
 */
export async function startTestApp(
  options: { clock?: Clock; env?: Record<string, string>; beforeInit?: (app: NestExpressApplication) => void; sharing?: TestApp } = {},
): Promise<TestApp> {
  const db = options.sharing?.db ?? (await createTestDatabase());
  const tokens = options.sharing?.tokens ?? ({} as Record<Role, string>);
  for (const role of options.sharing ? [] : ROLES) {
    tokens[role] = newTokenSecret();
    await db.dataSource.query(`INSERT INTO api_tokens (name, role, secret_hash, prefix) VALUES ($1, $2, $3, $4)`, [
      `test-${role}`, role, hashSecret(tokens[role]), secretPrefix(tokens[role]),
    ]);
  }
  // No scheduled report or start-up catch-up unless a test asks for one (REPORT_CRON in `env`).
  const config = loadConfig({ REPORT_CRON: 'off', ...options.env });
  // As main.ts does before the app starts: the database keeps time to retro in the configured calendar.
  await prepareDatabase(db.url, config.businessCalendar, () => undefined);
  const app = await createApp({
    config,
    databaseUrl: db.url,
    clock: options.clock,
    logger: false,
    sessionSecret: TEST_SESSION_SECRET,
  });
  // What main.ts or a module would add before the app starts (static files of a web app, in tests).
  options.beforeInit?.(app);
  await app.init();
  const http = app.getHttpServer();
  return {
    app,
    http,
    db,
    tokens,
    request: (role: Role = 'admin') => request.agent(http).set('Authorization', `Bearer ${tokens[role]}`),
    anonymous: () => request.agent(http),
    close: async () => {
      await app.close();
      if (!options.sharing) await db.close();
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
