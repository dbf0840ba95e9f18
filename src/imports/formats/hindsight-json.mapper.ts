/**
 * Hindsight's own JSON: one incident in the API's shape (IncidentDto, camelCase), as another Hindsight's
 * `GET /api/v1/incidents` returns it, optionally with a `timeline` → a MappedIncident. Pure: no Nest, no
 * TypeORM, no I/O.
 *
 * | property                                          | Hindsight                                           |
 * |---------------------------------------------------|-----------------------------------------------------|
 * | `externalId`, else `key`                          | externalId (neither → FieldError on `externalId`)   |
 * | `source` (when not empty)                         | source of the MappedIncident                        |
 * | `title` (required)                                | title                                               |
 * | `severity` (required)                             | severity                                            |
 * | `peakSeverity` (when not empty)                   | peakSeverity                                        |
 * | `startedAt` (required)                            | startedAt                                           |
 * | `detectedAt` … `retroDoneAt`                      | same names (null or '' → null)                      |
 * | `functionality`, `state`, `audience`, `owningTeam`, `commander`, `investigator`, `comms`, `scribe`, `exclusionReason` | same names (null or '' → null) |
 * | `customerImpact`                                  | customerImpact (null → '')                          |
 * | `impactScope` (unknown/all/some/few)              | impactScope (null or '' → absent)                   |
 * | `services`, `knownCustomersImpacted`, `tags`      | same names (null → []; items trimmed, empties and repeats dropped) |
 * | `excludedFromMetrics` (true/false)                | excludedFromMetrics (null → false)                  |
 * | `timeline[]` `{occurredAt, kind, author, body}`   | timeline, oldest first (same instant: file order)   |
 * | `id`, `version`, `createdAt`, `updatedAt`, `status`, `sourcePayload`, anything else | sourcePayload only |
 *
 * A property the record does not have gives no field (the pipeline's defaults apply). Text values are trimmed
 * and go through the user's value map under the snake_case field name (`--value severity:3=SEV1`,
 * `--value owning_team:Payments=Payments Platform`; list items one by one); `peakSeverity` uses the `severity`
 * map unless it has its own. Ids, sources, instants and timeline entries are taken as they are.
 */
import { mapPeakSeverity, readImpactScope, requiredProblem, type HindsightCsvColumn } from './hindsight-csv.mapper.js';
import {
  FieldError, mapValue, type MapOptions, type MappedIncident, type MappedIncidentFields, type MappedTimelineEntry, type ValueMap,
} from './mapped-incident.js';
import { RecordFields } from './record-fields.js';

/** Properties read as text that may be cleared, each with its value-map key (the Hindsight CSV column). */
type NullableTextProperty = 'functionality' | 'state' | 'audience' | 'owningTeam' | 'commander' | 'investigator' | 'comms' | 'scribe' | 'exclusionReason';
const NULLABLE_TEXT: readonly (readonly [NullableTextProperty, HindsightCsvColumn])[] = [
  ['functionality', 'functionality'], ['state', 'state'], ['audience', 'audience'], ['owningTeam', 'owning_team'], ['commander', 'commander'],
  ['investigator', 'investigator'], ['comms', 'comms'], ['scribe', 'scribe'], ['exclusionReason', 'exclusion_reason'],
];

const LISTS: readonly (readonly ['services' | 'knownCustomersImpacted' | 'tags', HindsightCsvColumn])[] = [
  ['services', 'services'], ['knownCustomersImpacted', 'known_customers_impacted'], ['tags', 'tags'],
];

type OptionalMilestone = 'detectedAt' | 'acknowledgedAt' | 'investigatingAt' | 'identifiedAt' | 'mitigatedAt' | 'resolvedAt' | 'retroPrepAt' | 'retroDoneAt';
const OPTIONAL_MILESTONES: readonly OptionalMilestone[] = [
  'detectedAt', 'acknowledgedAt', 'investigatingAt', 'identifiedAt', 'mitigatedAt', 'resolvedAt', 'retroPrepAt', 'retroDoneAt',
];

type TimelineKind = MappedTimelineEntry['kind'];

/** Keyed and valued by kind, so the compiler checks the list against the contract's type. */
const TIMELINE_KINDS: { readonly [K in TimelineKind]: K } = {
  note: 'note', status_update: 'status_update', severity_change: 'severity_change', milestone: 'milestone', action: 'action',
};
const TIMELINE_KIND_LIST = Object.keys(TIMELINE_KINDS).join(', ');

/** Trimmed text after the value map under `field`; undefined when the property is absent, null when it is null. */
function textOf(record: RecordFields, key: string, field: string, values: ValueMap | undefined): string | null | undefined {
  if (record.get(key) === undefined) return undefined;
  const value = record.optionalString(key);
  return value === null ? null : mapValue(values, field, value.trim());
}

function requiredText(record: RecordFields, key: string, field: string, values: ValueMap | undefined): string {
  const text = textOf(record, key, field, values);
  if (!text) throw new FieldError(record.pathOf(key), record.get(key), requiredProblem(text));
  return text;
}

/** A list of text: items trimmed and value-mapped one by one, empties and repeats dropped; null gives []. */
function listOf(record: RecordFields, key: string, field: string, values: ValueMap | undefined): string[] | undefined {
  const value = record.get(key);
  if (value === undefined) return undefined;
  if (value === null) return [];
  if (!Array.isArray(value)) throw new FieldError(record.pathOf(key), value, 'is not a list (expected a list of text)');
  const items: string[] = [];
  value.forEach((item: unknown, index) => {
    if (typeof item !== 'string') throw new FieldError(`${record.pathOf(key)}[${index}]`, item, 'is not text');
    const mapped = mapValue(values, field, item.trim());
    if (mapped !== '' && !items.includes(mapped)) items.push(mapped);
  });
  return items;
}

/** Trimmed non-empty text, or null when absent, null or empty. */
function idOf(record: RecordFields, key: string): string | null {
  return record.optionalString(key)?.trim() || null;
}

function timelineEntry(entry: RecordFields, timezone: string | undefined): MappedTimelineEntry {
  const occurredAt = entry.requireInstant('occurredAt', timezone);
  const kind = entry.requireString('kind');
  if (!Object.hasOwn(TIMELINE_KINDS, kind)) throw new FieldError(entry.pathOf('kind'), kind, `is not a timeline kind (expected one of: ${TIMELINE_KIND_LIST})`);
  const author = entry.optionalString('author')?.trim() || null;
  return { occurredAt, kind: kind as TimelineKind, author, body: entry.requireString('body') };
}

/** One incident of a Hindsight JSON export (the API's shape) → a MappedIncident; see the table at the top of this file. */
export function mapHindsightJsonRecord(value: unknown, options: MapOptions): MappedIncident {
  const { values, timezone } = options;
  const record = RecordFields.of(value);

  const externalId = idOf(record, 'externalId') ?? idOf(record, 'key');
  if (externalId === null) {
    throw new FieldError('externalId', record.get('externalId'),
      'is missing and so is key: every record needs the id it has in its source, so that importing again updates instead of duplicating');
  }

  const title = requiredText(record, 'title', 'title', values);
  const severity = requiredText(record, 'severity', 'severity', values);
  const started = record.get('startedAt');
  if (started === undefined || started === null) throw new FieldError('startedAt', started, `${requiredProblem(started)}: when the impact began`);
  const fields: MappedIncidentFields = { title, severity, startedAt: record.requireInstant('startedAt', timezone) };

  const peak = mapPeakSeverity(values, record.optionalString('peakSeverity')?.trim() ?? '');
  if (peak) fields.peakSeverity = peak;

  for (const [property, column] of NULLABLE_TEXT) {
    const text = textOf(record, property, column, values);
    if (text !== undefined) fields[property] = text || null;
  }
  for (const [property, column] of LISTS) {
    const items = listOf(record, property, column, values);
    if (items !== undefined) fields[property] = items;
  }

  const impact = textOf(record, 'customerImpact', 'customer_impact', values);
  if (impact !== undefined) fields.customerImpact = impact ?? '';
  const scope = textOf(record, 'impactScope', 'impact_scope', values);
  if (scope) fields.impactScope = readImpactScope('impactScope', scope);
  const excluded = record.get('excludedFromMetrics');
  if (excluded !== undefined) {
    if (excluded !== null && typeof excluded !== 'boolean') throw new FieldError('excludedFromMetrics', excluded, 'is not true or false');
    fields.excludedFromMetrics = excluded === true;
  }

  for (const milestone of OPTIONAL_MILESTONES) {
    if (record.get(milestone) !== undefined) fields[milestone] = record.optionalInstant(milestone, timezone);
  }

  const timeline = record.objectList('timeline').map((entry) => timelineEntry(entry, timezone));
  timeline.sort((a, b) => Date.parse(a.occurredAt) - Date.parse(b.occurredAt));

  const incident: MappedIncident = { externalId, fields, timeline, sourcePayload: record.record };
  const source = idOf(record, 'source');
  if (source) incident.source = source;
  return incident;
}
