import { Injectable } from '@nestjs/common';
import { RuleViolationError } from '../common/errors.js';
import { Transactions } from '../database/transactions.js';
import { IncidentWriter } from '../incidents/incident-writer.service.js';
import type { RankedSeverity } from '../incidents/severity-peak.js';
import { SEVERITY_KEYS, type DemoData, type SeverityKey } from './demo-data.generator.js';
import { DemoDataRepository } from './demo-data.repository.js';
import { toDemoRows, type DemoTable } from './demo-data.rows.js';

/** Where the writer is: rows written so far out of all rows, and the table being written. */
export interface DemoDataProgress {
  table: string;
  /** Rows of `table` written so far, and its total. */
  tableWritten: number;
  tableTotal: number;
  /** Rows of every table written so far, and the grand total. */
  written: number;
  total: number;
}

/** Rows written per table. */
export type DemoDataWriteResult = Record<string, number>;

/** The database was not empty: nothing was written. */
export class DemoDataNotEmptyError extends RuleViolationError {
  constructor(readonly counts: { incidents: number; teams: number; services: number }) {
    const parts = (['incidents', 'teams', 'services'] as const)
      .filter((k) => counts[k] > 0)
      .map((k) => `${counts[k]} ${counts[k] === 1 ? k.slice(0, -1) : k}`);
    super(
      'DEMO_DATA_NOT_EMPTY',
      `The database already has ${parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}` : parts[0]}; demo-data only fills an empty database (use a fresh DATA_DIR or database)`,
      counts,
    );
  }
}

/** Rows per statement (and per progress report). */
const BATCH_SIZE = 2000;

/**
 * Writes generated demo data in one transaction: all of it, or nothing. Refuses a database that already has
 * incidents, teams or services. Incidents go through IncidentWriter like any other (with the keys the
 * generator numbered, the per-year key counters raised past them so later incidents continue the
 * numbering); severity levels are found by key and retrospectives use the default template.
 */
@Injectable()
export class DemoDataService {
  constructor(
    private readonly demo: DemoDataRepository,
    private readonly writer: IncidentWriter,
    private readonly transactions: Transactions,
  ) {}

  write(data: DemoData, onProgress?: (progress: DemoDataProgress) => void): Promise<DemoDataWriteResult> {
    return this.transactions.run(async () => {
      await this.demo.lockForFilling();
      const counts = await this.demo.countExisting();
      if (counts.incidents + counts.teams + counts.services > 0) throw new DemoDataNotEmptyError(counts);
      const severities = await this.severities();
      const template = await this.demo.defaultTemplate();
      if (!template && data.retrospectives.length > 0) {
        throw new RuleViolationError('DEMO_DATA_TEMPLATE', 'demo-data needs a default retrospective template; none is marked default');
      }
      const rows = toDemoRows(data, severities, template);

      const links = rows.incidents.reduce((sum, i) => sum + i.serviceIds.length, 0);
      const tables = [rows.teams, rows.services, ...rows.after];
      const total = tables.reduce((sum, t) => sum + t.rows.length, 0) + rows.incidents.length + links + rows.severityChanges.length;
      const result: DemoDataWriteResult = {};
      let written = 0;
      const report = (table: string, tableWritten: number, tableTotal: number, added: number) => {
        written += added;
        onProgress?.({ table, tableWritten, tableTotal, written, total });
      };
      const writeTable = async (table: DemoTable) => {
        for (let offset = 0; offset < table.rows.length; offset += BATCH_SIZE) {
          const batch = table.rows.slice(offset, offset + BATCH_SIZE);
          await this.demo.insert(table, batch);
          report(table.name, offset + batch.length, table.rows.length, batch.length);
        }
        result[table.name] = table.rows.length;
      };

      await writeTable(rows.teams);
      await writeTable(rows.services);
      let linksWritten = 0;
      for (let offset = 0; offset < rows.incidents.length; offset += BATCH_SIZE) {
        const batch = rows.incidents.slice(offset, offset + BATCH_SIZE);
        await this.writer.create(batch);
        const batchLinks = batch.reduce((sum, i) => sum + i.serviceIds.length, 0);
        linksWritten += batchLinks;
        report('incidents', offset + batch.length, rows.incidents.length, batch.length);
        report('incident_services', linksWritten, links, batchLinks);
      }
      result.incidents = rows.incidents.length;
      result.incident_services = links;
      for (let offset = 0; offset < rows.severityChanges.length; offset += BATCH_SIZE) {
        const batch = rows.severityChanges.slice(offset, offset + BATCH_SIZE);
        await this.writer.recordSeverityHistory(batch);
        report('severity_changes', offset + batch.length, rows.severityChanges.length, batch.length);
      }
      result.severity_changes = rows.severityChanges.length;
      for (const table of rows.after) await writeTable(table);
      await this.writer.raiseKeyCounters(data.keyCounters);
      return result;
    });
  }

  /** The ids and ranks of the severity levels the generator uses, by key; refused when one is missing. */
  private async severities(): Promise<Record<SeverityKey, RankedSeverity>> {
    const levels = await this.demo.severityLevels();
    const byKey = new Map(levels.map((l) => [l.key, l]));
    const missing = SEVERITY_KEYS.filter((k) => !byKey.has(k));
    if (missing.length > 0) {
      throw new RuleViolationError(
        'DEMO_DATA_SEVERITIES',
        `demo-data needs the severity levels ${SEVERITY_KEYS.join(', ')}; missing ${missing.join(', ')} (found: ${levels.map((l) => l.key).join(', ') || 'none'})`,
      );
    }
    return Object.fromEntries(SEVERITY_KEYS.map((k) => [k, { id: byKey.get(k)!.id, rank: byKey.get(k)!.rank }])) as Record<SeverityKey, RankedSeverity>;
  }
}
