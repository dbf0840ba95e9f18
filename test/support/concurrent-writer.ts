import type request from 'supertest';
import type { TestApp } from './app.js';

/**
 * Runs `sql` in a transaction of its own (another writer, such as an import), starts `call` while
 * that transaction is open, then commits it and returns the response.
 */
export async function whileAnotherWriterHolds(t: TestApp, sql: string, call: () => request.Test): Promise<request.Response> {
  const writer = t.db.dataSource.createQueryRunner();
  await writer.connect();
  try {
    await writer.startTransaction();
    await writer.query(sql);
    const pending = call().then((response) => response);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await writer.commitTransaction();
    return await pending;
  } finally {
    await writer.release();
  }
}
