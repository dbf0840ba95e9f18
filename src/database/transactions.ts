import { AsyncLocalStorage } from 'node:async_hooks';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { LOCKS, type LockName } from './locks.js';

/** The transaction an async call chain runs in, and the data source it belongs to. */
const current = new AsyncLocalStorage<{ dataSource: DataSource; manager: EntityManager }>();

/**
 * Transactions for services, without an EntityManager in sight: every repository call made inside
 * `run` — in this service or in another domain's, however deep — runs on the transaction's
 * connection, because repositories take their connection from Database, which asks the same
 * async context. A call already inside a transaction joins it, so a service that writes as part of
 * another's transaction (an audit record, a severity change, a team created by an import) needs no
 * special path.
 */
@Injectable()
export class Transactions {
  constructor(private readonly dataSource: DataSource) {}

  /** Runs `work` in one transaction (or the caller's): committed when it resolves, rolled back when it throws. */
  run<T>(work: () => Promise<T>): Promise<T> {
    if (current.getStore()?.dataSource === this.dataSource) return work();
    return this.dataSource.transaction((manager) => current.run({ dataSource: this.dataSource, manager }, work));
  }

}

/**
 * The connection repositories run their SQL on: the current transaction's (see Transactions) or,
 * outside one, the pool's. Repositories only; services use Transactions.
 */
@Injectable()
export class Database {
  constructor(private readonly dataSource: DataSource) {}

  /** The current transaction's EntityManager, else the pool's. */
  get manager(): EntityManager {
    const store = current.getStore();
    return store?.dataSource === this.dataSource ? store.manager : this.dataSource.manager;
  }

  /** One statement on the current connection; rows as the driver returns them (typed by the caller, as TypeORM's own query). */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  query<T = any>(sql: string, parameters?: unknown[]): Promise<T> {
    return this.manager.query(sql, parameters);
  }

  /**
   * Takes the advisory lock `name` (of one `key`, when given) until the current transaction ends; other
   * transactions taking it wait. Outside a transaction it would be released at once, so it refuses.
   */
  async lock(name: LockName, key?: string): Promise<void> {
    if (current.getStore()?.dataSource !== this.dataSource) throw new Error(`the ${name} lock is held until a transaction ends; take it inside Transactions.run`);
    if (key === undefined) await this.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [LOCKS[name]]);
    else await this.query(`SELECT pg_advisory_xact_lock(hashtext($1), hashtext($2))`, [LOCKS[name], key]);
  }

}
