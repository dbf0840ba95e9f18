/**
 * What importing a batch of records does to the incidents already stored: the rules of idempotent
 * re-import, in plain code. Pure: no Nest, no TypeORM, no I/O.
 */
import { createHash } from 'node:crypto';
import type { RankedSeverity } from '../incidents/severity-peak.js';
import type { MappedIncident, MappedIncidentFields, MappedTimelineEntry } from './formats/mapped-incident.js';

/** A severity level as the import resolves it. */
export interface SeverityRef extends RankedSeverity {
  key: string;
}

/** A record that passed every check, ready to plan and write once its service and team names are resolved. */
export interface PreparedIncident {
  record: number;
  source: string;
  externalId: string;
  fields: MappedIncidentFields;
  severity: SeverityRef;
  /** The source's own peak severity, when it has one. */
  peakSeverity: SeverityRef | null;
  /** undefined when the format does not carry the field: an update then keeps what the incident has. */
  owningTeamId: string | null | undefined;
  serviceIds: string[] | undefined;
  timeline: MappedTimelineEntry[];
  /** The source record as JSON text. */
  payload: string;
  fingerprint: string;
}

export type WriteOutcome = 'created' | 'updated' | 'unchanged';

/** An incident already stored under a record's (source, external id). */
export interface ExistingIncident {
  id: string;
  fingerprint: string | null;
  severityId: string;
  peak: RankedSeverity;
}

/** Each record's outcome, in order, and the records to create and to update (with the incident they update). */
export interface BatchPlan {
  outcomes: WriteOutcome[];
  created: PreparedIncident[];
  updated: { row: PreparedIncident; existing: ExistingIncident }[];
}

/** The key an incident is stored under for imports: source and external id. */
export const sourceKey = (source: string, externalId: string) => `${source}\u0000${externalId}`;

/**
 * An incident stored under the same (source, external id) with the same fingerprint is unchanged; with
 * another fingerprint it is updated; without one, the record creates it.
 */
export function planBatch(rows: readonly PreparedIncident[], existing: ReadonlyMap<string, ExistingIncident>): BatchPlan {
  const plan: BatchPlan = { outcomes: [], created: [], updated: [] };
  for (const row of rows) {
    const found = existing.get(sourceKey(row.source, row.externalId));
    if (!found) {
      plan.created.push(row);
      plan.outcomes.push('created');
    } else if (found.fingerprint === row.fingerprint) {
      plan.outcomes.push('unchanged');
    } else {
      plan.updated.push({ row, existing: found });
      plan.outcomes.push('updated');
    }
  }
  return plan;
}

/** What an import writes for a record, hashed: the same record imported again has the same fingerprint. */
export function fingerprint(source: string, mapped: MappedIncident, payload: string): string {
  return createHash('sha1')
    .update(source).update('\u0000').update(mapped.externalId).update('\u0000')
    .update(JSON.stringify(mapped.fields)).update('\u0000').update(JSON.stringify(mapped.timeline)).update('\u0000')
    .update(payload)
    .digest('base64');
}
