import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { from as copyFrom } from 'pg-copy-streams';
import type { EntityManager } from 'typeorm';

/** A value COPY can take: text, numbers, booleans, instants, text arrays; null and undefined are NULL. */
export type CopyValue = string | number | boolean | Date | null | undefined | readonly string[];

const QUOTE = /"/g;
const ARRAY_ESCAPE = /["\\]/g;

/** A PostgreSQL array literal of text elements: `{"a","b \"c\""}`. */
export function textArrayLiteral(items: readonly string[]): string {
  return `{${items.map((item) => `"${item.replace(ARRAY_ESCAPE, '\\$&')}"`).join(',')}}`;
}

/** One field of `COPY … (FORMAT csv)`: NULL is an unquoted empty field, every other value is quoted (so '' stays ''). */
export function csvField(value: CopyValue): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'string' ? value
    : value instanceof Date ? value.toISOString()
    : typeof value === 'boolean' ? (value ? 't' : 'f')
    : typeof value === 'number' ? String(value)
    : textArrayLiteral(value);
  return text.includes('"') ? `"${text.replace(QUOTE, '""')}"` : `"${text}"`;
}

/**
 * Writes rows into `table` with `COPY … FROM STDIN (FORMAT csv)` in the caller's transaction: one round trip,
 * no parameter arrays for the client to escape or the server to parse, and row triggers and constraints apply
 * as for INSERT. `table` and `columns` are trusted identifiers from the code, never user input.
 */
export async function copyRows(manager: EntityManager, table: string, columns: readonly string[], rows: readonly (readonly CopyValue[])[]): Promise<number> {
  if (rows.length === 0) return 0;
  if (!manager.queryRunner) throw new Error('copyRows needs a transaction (an EntityManager with a query runner)');
  const client = (await manager.queryRunner.connect()) as { query: (stream: ReturnType<typeof copyFrom>) => ReturnType<typeof copyFrom> };
  const copy = client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN WITH (FORMAT csv)`));
  await pipeline(Readable.from(csvChunks(rows)), copy);
  return rows.length;
}

/** The rows as COPY text in chunks of about CHUNK_CHARS (whole rows), never one string of the whole batch. */
function* csvChunks(rows: readonly (readonly CopyValue[])[]): Generator<string> {
  let chunk = '';
  for (const row of rows) {
    chunk += `${row.map(csvField).join(',')}\n`;
    if (chunk.length >= CHUNK_CHARS) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk.length > 0) yield chunk;
}

const CHUNK_CHARS = 256 * 1024;
