import type { Database } from './transactions.js';

/**
 * Rows known by a unique name that ignores case (teams, services), found and created by name in bulk.
 * `table` is a trusted identifier from the code, never user input.
 */

/** Ids of the rows whose names equal these ignoring case, by the name asked for; an exact spelling is preferred. */
export async function idsByNameIgnoringCase(db: Database, table: string, names: readonly string[]): Promise<Map<string, string>> {
  if (names.length === 0) return new Map();
  const rows: { id: string; wanted: string }[] = await db.query(
    `SELECT DISTINCT ON (w.wanted) t.id, w.wanted FROM unnest($1::text[]) AS w(wanted) JOIN ${table} t ON lower(t.name) = lower(w.wanted)
      ORDER BY w.wanted, t.name = w.wanted DESC`,
    [names],
  );
  return new Map(rows.map((r) => [r.wanted, r.id]));
}

/** Inserts a row for each name (every other column its default); their ids by name. */
export async function insertNamed(db: Database, table: string, names: readonly string[]): Promise<Map<string, string>> {
  if (names.length === 0) return new Map();
  const rows: { id: string; name: string }[] = await db.query(`INSERT INTO ${table} (name) SELECT DISTINCT unnest($1::text[]) RETURNING id, name`, [names]);
  return new Map(rows.map((r) => [r.name, r.id]));
}
