import type { EntityManager } from 'typeorm';

/** Column values of a row as written; keys are column names chosen by code, never by a request. */
export type Columns = Record<string, unknown>;

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

function columnList(columns: Columns): string[] {
  const names = Object.keys(columns);
  const bad = names.find((name) => !IDENTIFIER.test(name));
  if (bad !== undefined) throw new Error(`not a column name: ${JSON.stringify(bad)}`);
  return names;
}

export interface InsertOptions {
  /** Also writes `version = 1` (optimistically locked tables). */
  versioned?: boolean;
  /** An `ON CONFLICT …` clause; a conflicting insert then writes nothing and returns null. */
  onConflict?: string;
}

/** `INSERT … RETURNING id` of one row with the given columns; null when `onConflict` skipped it. */
export async function insertRow(manager: EntityManager, table: string, columns: Columns, options: InsertOptions = {}): Promise<string | null> {
  const names = columnList(columns);
  const targets = [...names.map((n) => `"${n}"`), ...(options.versioned ? ['version'] : [])];
  const values = [...names.map((_, i) => `$${i + 1}`), ...(options.versioned ? ['1'] : [])];
  const rows: { id: string }[] = await manager.query(
    `INSERT INTO ${table} (${targets.join(', ')}) VALUES (${values.join(', ')}) ${options.onConflict ?? ''} RETURNING id`,
    names.map((n) => columns[n]),
  );
  return rows[0]?.id ?? null;
}

/** `UPDATE … WHERE id = $1` of the given columns, touching `updated_at` and, when versioned, bumping `version`. */
export async function updateRow(manager: EntityManager, table: string, id: string, columns: Columns, options: { versioned?: boolean } = {}): Promise<void> {
  const names = columnList(columns);
  const assignments = [
    ...names.map((n, i) => `"${n}" = $${i + 2}`),
    ...(options.versioned ? ['version = version + 1'] : []),
    'updated_at = now()',
  ];
  await manager.query(`UPDATE ${table} SET ${assignments.join(', ')} WHERE id = $1`, [id, ...names.map((n) => columns[n])]);
}
