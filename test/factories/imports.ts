import { Readable } from 'node:stream';
import { CLI_ACTOR } from '../../src/common/actor.js';
import { HINDSIGHT_CSV_COLUMNS } from '../../src/imports/formats/hindsight-csv.mapper.js';
import type { ImportRequest, ImportSummary } from '../../src/imports/import-request.js';
import { ImportsService } from '../../src/imports/imports.service.js';
import type { TestDatabase } from '../support/database.js';

/** The ImportsService of Hindsight on the test database, as the CLI gets it. */
export const importsService = async (db: TestDatabase) => (await db.hindsight()).get(ImportsService);

/** Imports `content` as a file (opened anew for each pass over it; a stream is read once) and waits for the summary. */
export async function importText(
  db: TestDatabase,
  content: string | Buffer | Readable,
  request: Partial<Omit<ImportRequest, 'input'>> & { format: string },
): Promise<ImportSummary> {
  const input = content instanceof Readable ? content : () => Readable.from([Buffer.from(content)]);
  const started = await (await importsService(db)).start({
    fileName: `import.${request.format.includes('csv') ? 'csv' : 'json'}`, fileBytes: null, actor: CLI_ACTOR, ...request, input,
  });
  return started.done;
}

export type CsvRow = Partial<Record<(typeof HINDSIGHT_CSV_COLUMNS)[number], string>>;

/** One Hindsight CSV row with sensible defaults for `n`. */
export function csvRow(n: number, overrides: CsvRow = {}): CsvRow {
  const day = String((n % 28) + 1).padStart(2, '0');
  return {
    external_id: `ext-${n}`,
    title: `Incident number ${n}`,
    severity: ['SEV1', 'SEV2', 'SEV3'][n % 3],
    services: n % 2 ? 'payments-api|checkout' : 'search',
    owning_team: n % 2 ? 'Payments' : 'Discovery',
    tags: 'imported',
    started_at: `2026-03-${day}T10:00:00Z`,
    detected_at: `2026-03-${day}T10:05:00Z`,
    acknowledged_at: `2026-03-${day}T10:07:00Z`,
    mitigated_at: `2026-03-${day}T11:00:00Z`,
    resolved_at: `2026-03-${day}T12:00:00Z`,
    ...overrides,
  };
}

const cell = (text: string) => (/[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);

/** A Hindsight CSV file: the documented header (or the given columns) and the rows. */
export function hindsightCsv(rows: CsvRow[], columns: readonly string[] = HINDSIGHT_CSV_COLUMNS): string {
  const lines = [columns.join(','), ...rows.map((row) => columns.map((c) => cell(row[c as keyof CsvRow] ?? '')).join(','))];
  return `${lines.join('\n')}\n`;
}
