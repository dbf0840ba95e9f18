import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { Transactions } from '../database/transactions.js';
import { keyYear } from './incident-key.js';
import type { IncidentFieldValues } from './incident-values.js';
import { IncidentWritesRepository, type ImportedTimelineRow, type IncidentUpdateRow, type SeverityChangeRow } from './incident-writes.repository.js';
import { mostSevere, type RankedSeverity } from './severity-peak.js';

/** An incident to create, its names already resolved to ids. */
export interface NewIncident {
  /** Default: a fresh time-ordered id (neighbouring rows of a batch land on neighbouring index pages). */
  id?: string;
  /** Default: the next key of the year it started in. Demo data brings its own (see raiseKeyCounters). */
  key?: string;
  fields: Partial<IncidentFieldValues> & Pick<IncidentFieldValues, 'title' | 'startedAt'>;
  severity: RankedSeverity;
  /** A peak the source reports besides the severity (imports): the peak stored is the more severe of the two. */
  sourcePeak?: RankedSeverity | null;
  owningTeamId: string | null;
  serviceIds: readonly string[];
  source: string;
  externalId: string | null;
  /** The source record as JSON text. */
  sourcePayload: string | null;
  importFingerprint?: string | null;
  lastImportId?: string | null;
  /** The first entry of its severity history, at its start. Null: the caller writes the history (demo data). */
  declared: { changedBy: string | null; reason: string } | null;
  createdAt?: Date;
  updatedAt?: Date;
}

/** A change to an existing incident; undefined keeps what it has. */
export interface IncidentChange {
  id: string;
  fields: Partial<IncidentFieldValues>;
  /**
   * Its severity from now on: written, the peak raised when it (or the source's peak) is more severe than
   * the peak so far, and a history entry recorded when it differs from the current one.
   */
  severity?: {
    next: RankedSeverity;
    sourcePeak?: RankedSeverity | null;
    current: { severityId: string; peak: RankedSeverity };
    changedAt: Date;
    changedBy: string | null;
    reason: string;
  };
  owningTeamId?: string | null;
  /** Replaces its service links. */
  serviceIds?: readonly string[];
  sourcePayload?: string | null;
  importFingerprint?: string;
  lastImportId?: string;
}

/**
 * The one way to write incidents — the API (a batch of one), imports (batches of a thousand) and demo
 * data: keys, the peak-severity rule, service links and severity history are decided here once. Joins the
 * caller's transaction (or runs in one of its own).
 */
@Injectable()
export class IncidentWriter {
  constructor(
    private readonly writes: IncidentWritesRepository,
    private readonly transactions: Transactions,
  ) {}

  /** Creates the incidents, their service links and the first entry of their severity history; returns their ids and keys, in order. */
  create(incidents: readonly NewIncident[]): Promise<{ id: string; key: string }[]> {
    if (incidents.length === 0) return Promise.resolve([]);
    return this.transactions.run(async () => {
      const unkeyed = incidents.filter((incident) => incident.key === undefined);
      const allocated = await this.writes.allocateKeys(unkeyed.map((incident) => keyYear(incident.fields.startedAt)));
      const keys = new Map(unkeyed.map((incident, i) => [incident, allocated[i]]));
      const rows = incidents.map((incident) => ({
        id: incident.id ?? uuidv7(),
        key: incident.key ?? keys.get(incident)!,
        fields: incident.fields,
        severityId: incident.severity.id,
        peakSeverityId: mostSevere(incident.severity, incident.sourcePeak).id,
        owningTeamId: incident.owningTeamId,
        source: incident.source,
        externalId: incident.externalId,
        sourcePayload: incident.sourcePayload,
        importFingerprint: incident.importFingerprint ?? null,
        lastImportId: incident.lastImportId ?? null,
        createdAt: incident.createdAt,
        updatedAt: incident.updatedAt,
      }));
      await this.writes.insert(rows);
      await this.writes.replaceServiceLinks(rows.map((row, i) => ({ incidentId: row.id, serviceIds: incidents[i].serviceIds })), false);
      await this.writes.recordSeverityChanges(incidents.flatMap((incident, i): SeverityChangeRow[] => incident.declared ? [{
        incidentId: rows[i].id, fromSeverityId: null, toSeverityId: incident.severity.id, changedAt: incident.fields.startedAt,
        changedBy: incident.declared.changedBy, reason: incident.declared.reason,
      }] : []));
      return rows.map((row) => ({ id: row.id, key: row.key }));
    });
  }

  /** Applies the changes (version bumped and updated_at touched on each), their service links and severity history. */
  update(changes: readonly IncidentChange[]): Promise<void> {
    if (changes.length === 0) return Promise.resolve();
    return this.transactions.run(async () => {
      await this.writes.update(changes.map((change): IncidentUpdateRow => {
        const { severity } = change;
        return {
          id: change.id,
          fields: change.fields,
          severityId: severity?.next.id,
          peakSeverityId: severity && mostSevere(severity.current.peak, severity.next, severity.sourcePeak).id,
          owningTeamId: change.owningTeamId,
          sourcePayload: change.sourcePayload,
          importFingerprint: change.importFingerprint,
          lastImportId: change.lastImportId,
        };
      }));
      const relinked = changes.filter((change) => change.serviceIds !== undefined);
      await this.writes.replaceServiceLinks(relinked.map((change) => ({ incidentId: change.id, serviceIds: change.serviceIds! })), true);
      await this.writes.recordSeverityChanges(changes.flatMap(({ id, severity }): SeverityChangeRow[] =>
        severity && severity.next.id !== severity.current.severityId ? [{
          incidentId: id, fromSeverityId: severity.current.severityId, toSeverityId: severity.next.id, changedAt: severity.changedAt,
          changedBy: severity.changedBy, reason: severity.reason,
        }] : []));
    });
  }

  /** Replaces the imported timeline entries of the incidents in `replacing` with `entries`. */
  replaceImportedTimeline(entries: readonly ImportedTimelineRow[], replacing: readonly string[]): Promise<void> {
    return this.transactions.run(() => this.writes.replaceImportedTimeline(entries, replacing));
  }

  /** Severity history written as a whole by the caller (demo data, whose incidents were created with `declared: null`). */
  recordSeverityHistory(changes: readonly SeverityChangeRow[]): Promise<void> {
    return this.transactions.run(() => this.writes.recordSeverityChanges(changes));
  }

  /** Keeps the key counters at or above keys the caller gave, so they are never handed out again. */
  raiseKeyCounters(counters: readonly { year: number; lastSeq: number }[]): Promise<void> {
    return this.transactions.run(() => this.writes.raiseKeyCounters(counters));
  }
}
