/**
 * What every import format's mapper produces from one source record, and the small value helpers the
 * mappers share. Pure: no Nest, no TypeORM, no I/O.
 *
 * A mapper turns one record of its format (a parsed JSON object, or a CSV row as header → cell text)
 * into a MappedIncident, or throws a FieldError naming the field (in the source record's own terms,
 * e.g. `started_at` or `incident_updates[2].created_at`) and the offending value. The shared pipeline
 * then validates the incident with the API's rules, resolves severity/service/team names and writes it.
 */
import { DateTime } from 'luxon';
import { inAcceptedYears, instantProblem, parseInstantOrNull, YEAR_RANGE_PROBLEM } from '../../common/instant.js';
import type { TimelineKind } from '../../incidents/timeline/timeline-entry.entity.js';

/** The incident fields in the API's camelCase names (see IncidentFieldsDto); instants as ISO strings with `Z`. */
export interface MappedIncidentFields {
  title: string;
  /** A severity level key (e.g. `SEV1`); the pipeline rejects keys that do not exist. */
  severity: string;
  /** Highest severity the incident had, when the source knows it (Hindsight's own exports); defaults to `severity`. */
  peakSeverity?: string;
  startedAt: string;
  detectedAt?: string | null;
  acknowledgedAt?: string | null;
  investigatingAt?: string | null;
  identifiedAt?: string | null;
  mitigatedAt?: string | null;
  resolvedAt?: string | null;
  retroPrepAt?: string | null;
  retroDoneAt?: string | null;
  functionality?: string | null;
  state?: string | null;
  audience?: string | null;
  /** Service names; the pipeline creates services that do not exist yet. */
  services?: string[];
  /** Team name; the pipeline creates a team that does not exist yet. */
  owningTeam?: string | null;
  customerImpact?: string;
  impactScope?: 'unknown' | 'all' | 'some' | 'few';
  knownCustomersImpacted?: string[];
  commander?: string | null;
  investigator?: string | null;
  comms?: string | null;
  scribe?: string | null;
  tags?: string[];
  excludedFromMetrics?: boolean;
  exclusionReason?: string | null;
}

export interface MappedTimelineEntry {
  /** ISO instant with `Z`. */
  occurredAt: string;
  kind: TimelineKind;
  author: string | null;
  body: string;
}

export interface MappedIncident {
  /** The record's id in the source system: with the source name, the key that makes re-imports idempotent. */
  externalId: string;
  /** Overrides the import's source name for this record (Hindsight CSV/JSON rows carry their own `source`). */
  source?: string;
  fields: MappedIncidentFields;
  /** Entries the source holds for this incident (status updates, notes), oldest first. */
  timeline: MappedTimelineEntry[];
  /** The source record, whole, as stored in `source_payload`. */
  sourcePayload: Record<string, unknown>;
  /**
   * Set when `fields.severity` is the source's own name, which neither the user's value map nor the format's defaults
   * translate (a PagerDuty priority `SEV-2`): the import takes it when it names a severity level (severity-lookup.ts),
   * and otherwise rejects the record with this error, which names the source field and how to map the value.
   */
  unmappedSeverity?: FieldError;
}

/** `--value severity:3=SEV1` → values.get('severity').get('3') === 'SEV1'. Keys are target field names (snake_case). */
export type ValueMap = ReadonlyMap<string, ReadonlyMap<string, string>>;

export interface MapOptions {
  /** IANA zone for timestamps that carry no offset; without it such timestamps are refused. */
  timezone?: string;
  /** Value replacements per target field, applied before the format's own defaults. */
  values?: ValueMap;
}

/** One field of one record could not be read. `field` is named as in the source record. */
export class FieldError extends Error {
  constructor(
    readonly field: string,
    readonly value: unknown,
    readonly problem: string,
  ) {
    super(`${field}: ${describeValue(value)} ${problem}`);
    this.name = 'FieldError';
  }
}

/** A value as shown in an error message: strings quoted, long values cut to 200 characters. */
export function describeValue(value: unknown): string {
  // JSON.stringify gives undefined only for functions and symbols, which no parsed record holds; their own text then.
  // eslint-disable-next-line @typescript-eslint/no-base-to-string
  const text = value === undefined ? 'undefined' : JSON.stringify(value) ?? String(value);
  return text.length > 200 ? `${text.slice(0, 200)}… (${text.length} characters)` : text;
}

const LOCAL_TIMESTAMP = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?$/;

/**
 * An instant as an ISO string with `Z`. Accepts ISO 8601 with an offset (`Z`, `+01:00`, `+0100`) or,
 * when `timezone` is given, a local `YYYY-MM-DD HH:MM[:SS[.fff]]` (space or `T`) read in that zone.
 * Anything else throws a FieldError naming the field. A local time that does not exist in the zone (a
 * spring-forward gap) is refused rather than shifted.
 */
export function readInstant(field: string, value: unknown, timezone?: string): string {
  if (typeof value !== 'string') throw new FieldError(field, value, 'is not a timestamp (expected text such as 2026-03-01T09:30:00Z)');
  const text = value.trim();
  const withOffset = parseInstantOrNull(text.replace(' ', 'T'));
  if (withOffset) return withOffset.toISOString();
  if (instantProblem(text.replace(' ', 'T')) === YEAR_RANGE_PROBLEM) throw new FieldError(field, value, YEAR_RANGE_PROBLEM);
  if (LOCAL_TIMESTAMP.test(text)) {
    if (!timezone) throw new FieldError(field, value, 'has no time zone offset; add one (e.g. 2026-03-01T09:30:00Z) or name the zone the file uses (--timezone Europe/Berlin)');
    const local = DateTime.fromISO(text.replace(' ', 'T'), { zone: timezone });
    if (!local.isValid) throw new FieldError(field, value, `is not a valid time in ${timezone} (${local.invalidExplanation ?? local.invalidReason})`);
    if (local.toFormat("yyyy-MM-dd'T'HH:mm") !== text.replace(' ', 'T').slice(0, 16)) {
      throw new FieldError(field, value, `does not exist in ${timezone} (clocks skip it at the daylight-saving change)`);
    }
    if (!inAcceptedYears(local.toJSDate())) throw new FieldError(field, value, YEAR_RANGE_PROBLEM);
    return local.toUTC().toISO();
  }
  throw new FieldError(field, value, 'is not an ISO 8601 timestamp (e.g. 2026-03-01T09:30:00Z or 2026-03-01T10:30:00+01:00)');
}

/** Like readInstant, but null/undefined/empty text give null. */
export function readOptionalInstant(field: string, value: unknown, timezone?: string): string | null {
  if (value === null || value === undefined || (typeof value === 'string' && value.trim() === '')) return null;
  return readInstant(field, value, timezone);
}

/** The value-map replacement for `field` (snake_case target name), else the value itself. */
export function mapValue(values: ValueMap | undefined, field: string, value: string): string {
  return values?.get(field)?.get(value) ?? value;
}

/** Earliest of the instants (ISO strings); null when none. */
export function earliest(...instants: (string | null | undefined)[]): string | null {
  const present = instants.filter((i): i is string => typeof i === 'string');
  return present.length === 0 ? null : present.reduce((a, b) => (Date.parse(b) < Date.parse(a) ? b : a));
}
