/**
 * Turning the records of an import file into batches: each record mapped by its format's mapper, its free texts
 * fitted to the API's length limits (import-shortening.ts), checked with the API's rules, its severity resolved
 * (severity-lookup.ts); a good record joins the batch (with a `shortened` note when a text was cut, a `flagged` one
 * when its milestones are out of order), a bad one becomes a rejection with its record and line number, field, value
 * and original text. Pure: no Nest, no TypeORM, no I/O — the pipeline (ImportPipeline) writes the batches.
 */
import { findOrderViolation, MILESTONES, milestoneColumn, type Milestones } from '../incidents/milestones.js';
import { describeValue, FieldError, type MappedIncident } from './formats/mapped-incident.js';
import type { ImportIssueKind } from './import-issue.entity.js';
import { fingerprint, sourceKey, type PreparedIncident } from './import-plan.js';
import { describeShortened, fitToLimits } from './import-shortening.js';
import { validateMappedIncident } from './import-validation.js';
import type { ReadResult } from './readers/source-record.js';
import { SeenKeys } from './seen-keys.js';
import type { SeverityLookup } from './severity-lookup.js';

/** Records written per transaction: a crash loses at most the batch in flight, never part of an incident. */
export const IMPORT_BATCH_SIZE = 1000;
/**
 * A batch is also written once its records' source text reaches this many characters (records of megabytes, e.g.
 * a 10 MB cell kept in source_payload or in a rejected record's text): memory stays bounded by bytes, not only by records.
 */
export const IMPORT_BATCH_CHARS = 16 * 1024 * 1024;

export interface ImportIssueRow {
  kind: ImportIssueKind;
  record: number;
  line: number | null;
  externalId: string | null;
  field: string | null;
  value: string | null;
  message: string;
  raw: string | null;
}

export interface ImportCounts {
  recordsRead: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
  flagged: number;
  /** Imported with free text cut to the API's length limits (the whole text kept in the source payload). */
  shortened: number;
}

export const zeroCounts = (): ImportCounts => ({ recordsRead: 0, created: 0, updated: 0, unchanged: 0, rejected: 0, flagged: 0, shortened: 0 });

/** Records read since the last batch: the good ones to write, the issues to record, their counts (outcomes are counted when written). */
export interface PendingBatch {
  rows: PreparedIncident[];
  issues: ImportIssueRow[];
  counts: ImportCounts;
}

export interface RecordBatcherOptions {
  importId: string;
  /** The import's source name; records of formats that name their own source keep theirs unless `sourceForced`. */
  source: string;
  sourceForced: boolean;
  mapper: (record: unknown) => MappedIncident;
  /** The severity levels, and how a record's spelling of one resolves (severityLookup). */
  severities: SeverityLookup;
  /** Where a mapper's own failure is reported (the record is rejected and kept either way). */
  warn: (message: string) => void;
}

/** Collects the records of one import file into batches; see the file's comment. */
export class RecordBatcher {
  private batch: PendingBatch = { rows: [], issues: [], counts: zeroCounts() };
  /** Characters of source text (payloads, rejected records' text) in the pending batch. */
  private chars = 0;
  /** (source, external id) → record number of its first occurrence in this file. */
  private readonly seen = new SeenKeys();

  constructor(private readonly options: RecordBatcherOptions) {}

  /** Whether the pending batch is due to be written (IMPORT_BATCH_SIZE records or issues, or IMPORT_BATCH_CHARS of text). */
  get full(): boolean {
    return this.batch.rows.length >= IMPORT_BATCH_SIZE || this.batch.issues.length >= IMPORT_BATCH_SIZE || this.chars >= IMPORT_BATCH_CHARS;
  }

  /** Hands over the pending batch and starts the next one. */
  take(): PendingBatch {
    const batch = this.batch;
    this.batch = { rows: [], issues: [], counts: zeroCounts() };
    this.chars = 0;
    return batch;
  }

  /** Maps and checks one record; a good one joins the pending batch, a bad one becomes a rejection. */
  accept(result: ReadResult<unknown>): void {
    this.batch.counts.recordsRead++;
    const where = { record: result.record, line: result.line ?? null };
    if (!result.ok) return this.reject(where, null, null, null, result.problem, result.raw);
    if (hasNul(result.raw)) {
      return this.reject(where, null, null, null, `record ${result.record} contains a NUL character (U+0000), which PostgreSQL cannot store; remove it (shown as \uFFFD in the rejected-records file)`, result.raw);
    }
    let read: MappedIncident;
    try {
      read = this.options.mapper(result.value);
    } catch (error) {
      if (error instanceof FieldError) return this.reject(where, null, error.field, error.value, error.message, result.raw);
      // A mapper bug must not stop the import or lose the record: it is rejected, kept, and logged.
      this.options.warn(`Record ${result.record} of import ${this.options.importId} could not be mapped: ${(error as Error).stack ?? String(error)}`);
      return this.reject(where, null, null, null, `record ${result.record} could not be read: ${(error as Error).message}`, result.raw);
    }
    const fitted = fitToLimits(read);
    const mapped = fitted.incident;
    const source = this.options.sourceForced ? this.options.source : (mapped.source ?? this.options.source);
    const invalid = validateMappedIncident(mapped, source);
    if (invalid) return this.reject(where, mapped.externalId, invalid.field, invalid.value, `${invalid.field}: ${describeValue(invalid.value)} ${invalid.problem}`, result.raw);

    const severity = this.options.severities.resolve(mapped.fields.severity);
    if (!severity) {
      const unmapped = mapped.unmappedSeverity;
      if (unmapped) return this.reject(where, mapped.externalId, unmapped.field, unmapped.value, unmapped.message, result.raw);
      return this.reject(where, mapped.externalId, 'severity', mapped.fields.severity, this.unknownSeverity(mapped.fields.severity), result.raw);
    }
    const peakKey = mapped.fields.peakSeverity;
    const peak = peakKey === undefined ? null : this.options.severities.resolve(peakKey);
    if (peak === null && peakKey !== undefined) return this.reject(where, mapped.externalId, 'peak_severity', peakKey, this.unknownSeverity(peakKey), result.raw);

    const first = this.seen.firstOrAdd(sourceKey(source, mapped.externalId), result.record);
    if (first !== undefined) {
      return this.reject(where, mapped.externalId, 'external_id', mapped.externalId, `external_id: ${describeValue(mapped.externalId)} appears again in this file (first in record ${first}); each incident must appear once`, result.raw);
    }

    const violation = findOrderViolation(milestonesOf(mapped));
    if (violation) {
      const { earlier, later } = violation;
      const [laterField, earlierField] = [milestoneColumn(later.field), milestoneColumn(earlier.field)];
      this.issue({
        kind: 'flagged', ...where, externalId: mapped.externalId, field: laterField, value: later.value.toISOString(),
        message: `${laterField} (${later.value.toISOString()}) is before ${earlierField} (${earlier.value.toISOString()}): imported and listed under data quality; left out of a metric only where these two milestones are its start and end`,
        raw: null,
      });
      this.batch.counts.flagged++;
    }
    if (fitted.shortened.length > 0) {
      const [first] = fitted.shortened;
      this.issue({
        kind: 'shortened', ...where, externalId: mapped.externalId, field: first.field, value: first.original.slice(0, 1000),
        message: describeShortened(fitted), raw: null,
      });
      this.batch.counts.shortened++;
    }
    const payload = JSON.stringify(mapped.sourcePayload);
    this.chars += payload.length;
    this.batch.rows.push({
      record: result.record, source, externalId: mapped.externalId, fields: mapped.fields, severity, peakSeverity: peak,
      owningTeamId: undefined, serviceIds: undefined, timeline: mapped.timeline, payload,
      fingerprint: fingerprint(source, mapped, payload),
    });
  }

  private unknownSeverity(key: string): string {
    const known = this.options.severities.keys.join(', ');
    return `severity: ${describeValue(key)} is not a severity level (known: ${known}); map it with --value severity:${key}=<level>`;
  }

  private reject(where: { record: number; line: number | null }, externalId: string | null, field: string | null, value: unknown, message: string, raw: string | null): void {
    const text = value === undefined || value === null ? null : typeof value === 'string' ? value : describeValue(value);
    this.issue({ kind: 'rejected', ...where, externalId, field, value: text === null ? null : text.slice(0, 1000), message, raw });
    this.batch.counts.rejected++;
  }

  /** PostgreSQL text cannot hold U+0000: an issue's texts keep the rest, with U+FFFD in its place. */
  private issue(issue: ImportIssueRow): void {
    const clean = (text: string | null) => (text === null ? null : text.replace(/\u0000/g, '\uFFFD'));
    this.batch.issues.push({ ...issue, value: clean(issue.value), message: clean(issue.message)!, raw: clean(issue.raw) });
    this.chars += issue.raw?.length ?? 0;
  }
}

/** A NUL character, raw in CSV text or escaped in JSON text (`\\u0000` not preceded by an escaping backslash). */
function hasNul(raw: string | null): boolean {
  return raw !== null && (raw.includes('\u0000') || /(?:^|[^\\])(?:\\\\)*\\u0000/.test(raw));
}

function milestonesOf(mapped: MappedIncident): Milestones {
  const milestones: Milestones = {};
  for (const m of MILESTONES) {
    const value = mapped.fields[m];
    if (value) milestones[m] = new Date(value);
  }
  return milestones;
}
