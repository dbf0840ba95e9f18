/**
 * Hindsight's own CSV: one row per incident under the documented header (HINDSIGHT_CSV_COLUMNS, the same
 * columns as the Excel incident sheet) → a MappedIncident. Pure: no Nest, no TypeORM, no I/O.
 *
 * | column                                          | Hindsight                                                  |
 * |-------------------------------------------------|------------------------------------------------------------|
 * | `external_id`, else `key`                       | externalId (neither → FieldError on `external_id`)         |
 * | `source` (when not empty)                       | source of the MappedIncident                               |
 * | `title` (required)                              | title                                                      |
 * | `severity` (required)                           | severity                                                   |
 * | `peak_severity` (when not empty)                | peakSeverity                                               |
 * | `functionality`, `state`, `audience`            | same names (empty → null)                                  |
 * | `services`, `known_customers_impacted`, `tags`  | services, knownCustomersImpacted, tags (split on `|`, trimmed, empties and repeats dropped; empty → []) |
 * | `owning_team`                                   | owningTeam (empty → null)                                  |
 * | `customer_impact`                               | customerImpact (empty → '')                                |
 * | `impact_scope` (unknown/all/some/few, any case) | impactScope (empty → absent)                               |
 * | `commander`, `investigator`, `comms`, `scribe`  | same names (empty → null)                                  |
 * | `excluded_from_metrics` (true/false/yes/no/1/0) | excludedFromMetrics (empty → false)                        |
 * | `exclusion_reason`                              | exclusionReason (empty → null)                             |
 * | `started_at` (required)                         | startedAt                                                  |
 * | `detected_at` … `retro_done_at`                 | detectedAt … retroDoneAt (empty → null)                    |
 * | `key`, `status`                                 | export-only: `key` only as the id fallback; `status` is derived, ignored |
 *
 * A column missing from the header gives no field at all (the pipeline's defaults apply); a column that is
 * there but empty gives the empty value shown above. Cells are trimmed, then go through the user's value
 * map under their column name (`--value severity:3=SEV1`); a map from the empty value also fills cells of a
 * column the file does not have. In list columns the value map applies to the whole cell and, when the whole
 * cell has no mapping, to each item (`--value services:legacy-api=payments-api`). `peak_severity` uses the
 * `severity` map unless it has its own. The timeline is empty: the CSV has no entries.
 *
 * The same rules serve any CSV through a column map (column-map.mapper.ts) via mapCsvRowWithColumns.
 */
import {
  FieldError, mapValue, readInstant, readOptionalInstant, type MapOptions, type MappedIncident, type MappedIncidentFields, type ValueMap,
} from './mapped-incident.js';

export const HINDSIGHT_CSV_COLUMNS = [
  'key', 'title', 'severity', 'peak_severity', 'status', 'functionality', 'state', 'audience', 'services', 'owning_team',
  'customer_impact', 'impact_scope', 'known_customers_impacted', 'commander', 'investigator', 'comms', 'scribe', 'tags',
  'source', 'external_id', 'excluded_from_metrics', 'exclusion_reason', 'started_at', 'detected_at', 'acknowledged_at',
  'investigating_at', 'identified_at', 'mitigated_at', 'resolved_at', 'retro_prep_at', 'retro_done_at',
] as const;

export type HindsightCsvColumn = (typeof HINDSIGHT_CSV_COLUMNS)[number];

export const HINDSIGHT_CSV_REQUIRED_COLUMNS: readonly HindsightCsvColumn[] = ['title', 'severity', 'started_at'];

/** One line per column, for the README and the CLI's help. */
export const HINDSIGHT_CSV_COLUMN_DOCS: Readonly<Record<HindsightCsvColumn, string>> = {
  key: 'Hindsight key (INC-2026-0042). Export-only: used as the id when external_id is empty',
  title: 'Short title (required)',
  severity: 'Severity level key, e.g. SEV2 (required)',
  peak_severity: 'Highest severity the incident had; empty = severity',
  status: 'Export-only: derived from the milestones, ignored on import',
  functionality: 'What is affected, as in "{functionality} is {state} for {audience}"',
  state: 'The state the functionality is in, e.g. unavailable',
  audience: 'Who is affected, e.g. EU customers',
  services: 'Names of the affected services, separated by |',
  owning_team: 'Name of the owning team',
  customer_impact: 'What customers experienced',
  impact_scope: 'How many customers were impacted: unknown, all, some or few',
  known_customers_impacted: 'Customers known to be impacted, separated by |',
  commander: 'Incident commander',
  investigator: 'Investigator / technical lead',
  comms: 'Communications lead',
  scribe: 'Scribe: keeps the record of what happened during the incident',
  tags: 'Labels, separated by |',
  source: 'System the incident was recorded in; with external_id it identifies the incident across imports',
  external_id: "The incident's id in its source system (empty = key); re-importing the same id updates instead of duplicating",
  excluded_from_metrics: 'Leave out of every metric (game days, drills): true/false, yes/no or 1/0; empty = false',
  exclusion_reason: 'Why it is excluded from the metrics',
  started_at: 'The affected system began having problems (required). ISO 8601 with an offset, or local time with --timezone',
  detected_at: 'Monitoring or a human noticed',
  acknowledged_at: 'The responsible responder acknowledged',
  investigating_at: 'First concrete step toward a fix',
  identified_at: 'Cause identified',
  mitigated_at: 'Users no longer see the problem (impact end)',
  resolved_at: 'Mitigation is durable; incident closed',
  retro_prep_at: 'Retrospective preparation started',
  retro_done_at: 'Retrospective complete, follow-ups identified',
};

type ImpactScope = NonNullable<MappedIncidentFields['impactScope']>;

/** Keyed and valued by scope, so the compiler checks the list against the contract's type. */
const IMPACT_SCOPES: { readonly [S in ImpactScope]: S } = { unknown: 'unknown', all: 'all', some: 'some', few: 'few' };
const IMPACT_SCOPE_LIST = Object.keys(IMPACT_SCOPES).join(', ');

/** An impact scope, case-insensitive; anything else throws a FieldError listing the allowed values. */
export function readImpactScope(field: string, text: string): ImpactScope {
  const key = text.toLowerCase();
  if (Object.hasOwn(IMPACT_SCOPES, key)) return IMPACT_SCOPES[key as ImpactScope];
  throw new FieldError(field, text, `is not an impact scope (expected one of: ${IMPACT_SCOPE_LIST})`);
}

/** true/false, yes/no, 1/0 in any case; empty is false. */
function readBoolean(field: string, text: string): boolean {
  if (text === '' || text === 'false') return false;
  if (text === 'true') return true;
  switch (text.toLowerCase()) {
    case 'false': case 'no': case '0': return false;
    case 'true': case 'yes': case '1': return true;
    default: throw new FieldError(field, text, 'is not a yes/no value (expected true/false, yes/no or 1/0; empty means false)');
  }
}

/**
 * A peak severity through the value map: its own map when the user gave one, else the severity map (the same
 * level keys) for a value that is not empty, since an empty peak severity means "same as severity".
 */
export function mapPeakSeverity(values: ValueMap | undefined, text: string): string {
  if (values?.has('peak_severity')) return mapValue(values, 'peak_severity', text);
  return text === '' ? text : mapValue(values, 'severity', text);
}

/** Problem text for a required value that is absent (undefined) or empty. */
export const requiredProblem = (text: unknown): string => (text === undefined || text === null ? 'is missing (required)' : 'is empty (required)');

/**
 * Which source column holds each Hindsight column. The Hindsight CSV reads every column under its own name;
 * a column map (column-map.mapper.ts) under the mapped name. A Hindsight column with no source column is absent.
 */
export type CsvColumns = Readonly<Partial<Record<HindsightCsvColumn, string>>>;

const OWN_COLUMNS: CsvColumns = Object.fromEntries(HINDSIGHT_CSV_COLUMNS.map((column) => [column, column]));

type CsvRow = Readonly<Record<string, string>>;

/** The trimmed cell holding `column`, or undefined when the row has no such cell. */
function cellText(row: CsvRow, columns: CsvColumns, column: HindsightCsvColumn): string | undefined {
  const source = columns[column];
  if (source === undefined) return undefined;
  const cell: unknown = row[source];
  return typeof cell === 'string' ? cell.trim() : undefined;
}

/** The cell after the user's value map; a map from '' also stands in for a missing cell. */
function mappedText(row: CsvRow, columns: CsvColumns, column: HindsightCsvColumn, values: ValueMap | undefined): string | undefined {
  const text = cellText(row, columns, column);
  if (values === undefined) return text;
  return text === undefined ? values.get(column)?.get('') : mapValue(values, column, text);
}

/** How errors name the column: as the source file does. */
const nameOf = (columns: CsvColumns, column: HindsightCsvColumn): string => columns[column] ?? column;

/** Items of a `|`-separated cell, trimmed, empties and repeats dropped; `byItem` maps single items. */
function addItems(items: string[], text: string, byItem: ReadonlyMap<string, string> | undefined): void {
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('|', start);
    if (end === -1) end = text.length;
    const item = text.slice(start, end).trim();
    start = end + 1;
    if (item === '') continue;
    const mapped = byItem?.get(item);
    if (mapped !== undefined) addItems(items, mapped, undefined);
    else if (!items.includes(item)) items.push(item);
  }
}

/** Text that may be cleared: an empty cell is null, a missing one undefined. */
function nullableText(row: CsvRow, columns: CsvColumns, column: HindsightCsvColumn, values: ValueMap | undefined): string | null | undefined {
  const text = mappedText(row, columns, column, values);
  return text === '' ? null : text;
}

/** A milestone: an ISO instant, null for an empty cell, undefined for a missing one. */
function instantOf(row: CsvRow, columns: CsvColumns, column: HindsightCsvColumn, options: MapOptions): string | null | undefined {
  const text = mappedText(row, columns, column, options.values);
  return text === undefined ? undefined : readOptionalInstant(nameOf(columns, column), text, options.timezone);
}

/** A list column: the value map on the whole cell first, else on each item; an empty cell is [], a missing one undefined. */
function listOf(row: CsvRow, columns: CsvColumns, column: HindsightCsvColumn, values: ValueMap | undefined): string[] | undefined {
  const text = cellText(row, columns, column);
  const byValue = values?.get(column);
  const whole = byValue?.get(text ?? '');
  if (whole === undefined && text === undefined) return undefined;
  const items: string[] = [];
  if (whole !== undefined) addItems(items, whole, undefined);
  else addItems(items, text!, byValue);
  return items;
}

/**
 * One CSV row → a MappedIncident under the Hindsight CSV rules, reading each Hindsight column from the source
 * column `columns` names. Without a `title` column the title is `Incident <externalId>`.
 */
export function mapCsvRowWithColumns(row: CsvRow, columns: CsvColumns, options: MapOptions): MappedIncident {
  const { values, timezone } = options;

  const externalId = mappedText(row, columns, 'external_id', values) || mappedText(row, columns, 'key', values);
  if (!externalId) {
    const cell = cellText(row, columns, 'external_id');
    const andKey = cellText(row, columns, 'key') === undefined ? '' : ' and so is key';
    throw new FieldError(nameOf(columns, 'external_id'), cell, `is ${cell === undefined ? 'missing' : 'empty'}${andKey}: every row needs `
      + 'the id it has in its source, so that importing the file again updates these incidents instead of duplicating them');
  }

  let title = mappedText(row, columns, 'title', values);
  if (title === undefined && columns.title === undefined) title = `Incident ${externalId}`;
  if (!title) throw new FieldError(nameOf(columns, 'title'), title, requiredProblem(title));

  const severity = mappedText(row, columns, 'severity', values);
  if (!severity) {
    throw new FieldError(nameOf(columns, 'severity'), severity, columns.severity === undefined
      ? 'has no column (required): map one with --map severity=<column>, or give every incident one with --value severity:=SEV3'
      : requiredProblem(severity));
  }

  const started = mappedText(row, columns, 'started_at', values);
  if (!started) throw new FieldError(nameOf(columns, 'started_at'), started, `${requiredProblem(started)}: when the impact began`);

  const fields: MappedIncidentFields = { title, severity, startedAt: readInstant(nameOf(columns, 'started_at'), started, timezone) };

  const peakCell = cellText(row, columns, 'peak_severity');
  const peak = peakCell === undefined ? values?.get('peak_severity')?.get('') : mapPeakSeverity(values, peakCell);
  if (peak) fields.peakSeverity = peak;

  // One named store per field, always in this order, so rows with the same columns share one object shape.
  // (A loop over a column → field table makes every store a megamorphic keyed one: ~0.5 µs more per row.)
  const functionality = nullableText(row, columns, 'functionality', values);
  if (functionality !== undefined) fields.functionality = functionality;
  const state = nullableText(row, columns, 'state', values);
  if (state !== undefined) fields.state = state;
  const audience = nullableText(row, columns, 'audience', values);
  if (audience !== undefined) fields.audience = audience;
  const services = listOf(row, columns, 'services', values);
  if (services !== undefined) fields.services = services;
  const owningTeam = nullableText(row, columns, 'owning_team', values);
  if (owningTeam !== undefined) fields.owningTeam = owningTeam;
  const customerImpact = mappedText(row, columns, 'customer_impact', values);
  if (customerImpact !== undefined) fields.customerImpact = customerImpact;
  const scope = mappedText(row, columns, 'impact_scope', values);
  if (scope) fields.impactScope = readImpactScope(nameOf(columns, 'impact_scope'), scope);
  const customers = listOf(row, columns, 'known_customers_impacted', values);
  if (customers !== undefined) fields.knownCustomersImpacted = customers;
  const commander = nullableText(row, columns, 'commander', values);
  if (commander !== undefined) fields.commander = commander;
  const investigator = nullableText(row, columns, 'investigator', values);
  if (investigator !== undefined) fields.investigator = investigator;
  const comms = nullableText(row, columns, 'comms', values);
  if (comms !== undefined) fields.comms = comms;
  const scribe = nullableText(row, columns, 'scribe', values);
  if (scribe !== undefined) fields.scribe = scribe;
  const tags = listOf(row, columns, 'tags', values);
  if (tags !== undefined) fields.tags = tags;
  const excluded = mappedText(row, columns, 'excluded_from_metrics', values);
  if (excluded !== undefined) fields.excludedFromMetrics = readBoolean(nameOf(columns, 'excluded_from_metrics'), excluded);
  const exclusionReason = nullableText(row, columns, 'exclusion_reason', values);
  if (exclusionReason !== undefined) fields.exclusionReason = exclusionReason;

  const detectedAt = instantOf(row, columns, 'detected_at', options);
  if (detectedAt !== undefined) fields.detectedAt = detectedAt;
  const acknowledgedAt = instantOf(row, columns, 'acknowledged_at', options);
  if (acknowledgedAt !== undefined) fields.acknowledgedAt = acknowledgedAt;
  const investigatingAt = instantOf(row, columns, 'investigating_at', options);
  if (investigatingAt !== undefined) fields.investigatingAt = investigatingAt;
  const identifiedAt = instantOf(row, columns, 'identified_at', options);
  if (identifiedAt !== undefined) fields.identifiedAt = identifiedAt;
  const mitigatedAt = instantOf(row, columns, 'mitigated_at', options);
  if (mitigatedAt !== undefined) fields.mitigatedAt = mitigatedAt;
  const resolvedAt = instantOf(row, columns, 'resolved_at', options);
  if (resolvedAt !== undefined) fields.resolvedAt = resolvedAt;
  const retroPrepAt = instantOf(row, columns, 'retro_prep_at', options);
  if (retroPrepAt !== undefined) fields.retroPrepAt = retroPrepAt;
  const retroDoneAt = instantOf(row, columns, 'retro_done_at', options);
  if (retroDoneAt !== undefined) fields.retroDoneAt = retroDoneAt;

  const incident: MappedIncident = { externalId, fields, timeline: [], sourcePayload: row };
  const source = mappedText(row, columns, 'source', values);
  if (source) incident.source = source;
  return incident;
}

/** One row of a Hindsight CSV (header → cell text) → a MappedIncident; see the table at the top of this file. */
export function mapHindsightCsvRow(row: CsvRow, options: MapOptions): MappedIncident {
  return mapCsvRowWithColumns(row, OWN_COLUMNS, options);
}

const SPELLING = /[\s-]+/g;
const KNOWN = new Set<string>(HINDSIGHT_CSV_COLUMNS);

/** Columns given more than once in a header (a CSV row keeps only one of them). */
export function repeatedColumns(header: readonly string[]): string[] {
  return [...new Set(header.filter((column, index) => header.indexOf(column) !== index))];
}

const quoted = (names: readonly string[]): string => names.map((name) => JSON.stringify(name)).join(', ');

/**
 * Checks a Hindsight CSV header once, before its rows: throws an Error naming unknown columns (with the
 * intended name when only case or spacing differs), missing required columns, repeated columns, and a
 * header with neither `external_id` nor `key`.
 */
export function checkHindsightCsvHeader(header: readonly string[]): void {
  const problems: string[] = [];
  const unknown = header.filter((column) => !KNOWN.has(column));
  if (unknown.length > 0) {
    const named = unknown.map((column) => {
      const meant = column.trim().toLowerCase().replace(SPELLING, '_');
      return KNOWN.has(meant) ? `${JSON.stringify(column)} (did you mean ${JSON.stringify(meant)}?)` : JSON.stringify(column);
    });
    problems.push(`unknown column${unknown.length > 1 ? 's' : ''} ${named.join(', ')}`);
  }
  const missing = HINDSIGHT_CSV_REQUIRED_COLUMNS.filter((column) => !header.includes(column));
  if (missing.length > 0) problems.push(`missing required column${missing.length > 1 ? 's' : ''} ${quoted(missing)}`);
  const repeated = repeatedColumns(header);
  if (repeated.length > 0) problems.push(`column${repeated.length > 1 ? 's' : ''} given more than once: ${quoted(repeated)}`);
  if (!header.includes('external_id') && !header.includes('key')) {
    problems.push('no "external_id" or "key" column: every row needs an id so that importing the file again updates instead of duplicating');
  }
  if (problems.length > 0) {
    throw new Error(`Hindsight CSV header: ${problems.join('; ')}. The columns are: ${HINDSIGHT_CSV_COLUMNS.join(', ')}`);
  }
}
