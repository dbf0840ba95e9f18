/**
 * What the import form offers and how it becomes the multipart body of POST /api/v1/imports (the README's
 * "Importing history"). Pure: no React, no fetch, so the rules are tested directly.
 */
import type { components } from '../../../api/schema';
import { COLUMN_TARGETS } from './column-targets';

export { COLUMN_TARGETS };

export type ImportFormat = components['schemas']['StartImportDto']['format'];
export type Delimiter = NonNullable<components['schemas']['StartImportDto']['delimiter']>;
export type Encoding = NonNullable<components['schemas']['StartImportDto']['encoding']>;

interface FormatInfo {
  label: string;
  /** The file is CSV (delimiter and encoding apply). */
  csv: boolean;
  hint: string;
}

/** Every format the API takes, in the order the form lists them. */
export const FORMATS: Readonly<Record<ImportFormat, FormatInfo>> = {
  'hindsight-csv': { label: 'Hindsight CSV', csv: true, hint: 'One row per incident with Hindsight’s own column names (title, severity, started_at, …).' },
  'hindsight-json': { label: 'Hindsight JSON', csv: false, hint: 'The API’s incident shape: an array, NDJSON or a saved page of GET /api/v1/incidents.' },
  csv: { label: 'Any CSV (map the columns)', csv: true, hint: 'Any CSV: say which of your columns holds each Hindsight field. external_id and started_at are required.' },
  statuspage: { label: 'Atlassian Statuspage v2', csv: false, hint: 'incidents.json of the public status API.' },
  gcp: { label: 'Google Cloud status', csv: false, hint: 'incidents.json of status.cloud.google.com.' },
  pagerduty: { label: 'PagerDuty REST API v2', csv: false, hint: 'GET /incidents ({"incidents": […]}), optionally with log entries.' },
  'pagerduty-analytics': { label: 'PagerDuty analytics export', csv: false, hint: 'The raw-incident export, CSV or JSON; a CSV export needs the time zone.' },
  incidentio: { label: 'incident.io', csv: false, hint: 'GET /v2/incidents; the mapping config says how your timestamps, severities and roles map.' },
};

export const FORMAT_NAMES = Object.keys(FORMATS) as ImportFormat[];

export function isFormat(value: string): value is ImportFormat {
  return Object.hasOwn(FORMATS, value);
}

export type ColumnTarget = (typeof COLUMN_TARGETS)[number][0];
const TARGET_NAMES = new Set<string>(COLUMN_TARGETS.map(([name]) => name));

/** Target per column of the file ('' = not imported). */
export type ColumnMap = Readonly<Record<string, ColumnTarget | ''>>;

/**
 * The map a file starts with: a column named like a Hindsight field (ignoring case and surrounding spaces) is
 * read into it, as the API does by itself; each field once, to its first such column.
 */
export function initialColumnMap(header: readonly string[]): ColumnMap {
  const map: Record<string, ColumnTarget | ''> = {};
  const taken = new Set<string>();
  for (const column of header) {
    const name = column.trim().toLowerCase();
    if (TARGET_NAMES.has(name) && !taken.has(name)) {
      map[column] = name as ColumnTarget;
      taken.add(name);
    } else map[column] = '';
  }
  return map;
}

/** Fields mapped from more than one column: the form says so beside each such column (the API would refuse it). */
export function repeatedTargets(map: ColumnMap): Set<ColumnTarget> {
  const seen = new Set<ColumnTarget>();
  const repeated = new Set<ColumnTarget>();
  for (const target of Object.values(map)) {
    if (!target) continue;
    if (seen.has(target)) repeated.add(target);
    seen.add(target);
  }
  return repeated;
}

/** The required fields no column is mapped to. */
export function missingRequiredTargets(map: ColumnMap): ColumnTarget[] {
  const mapped = new Set(Object.values(map));
  return (['external_id', 'started_at'] as const).filter((target) => !mapped.has(target));
}

/** The map as the API's repeated `map` field: `target=column` for every mapped column. */
export function mapSpecs(map: ColumnMap): string[] {
  return Object.entries(map)
    .filter((entry): entry is [string, ColumnTarget] => entry[1] !== '')
    .map(([column, target]) => `${target}=${column}`);
}

/** Value replacements typed one per line (`severity:P1=SEV1`); blank lines are skipped, the rest sent as typed for the API to check. */
export function valueSpecs(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

/** What the form holds, besides the file. */
export interface ImportChoices {
  format: ImportFormat | '';
  source: string;
  timezone: string;
  delimiter: Delimiter;
  encoding: Encoding;
  values: string;
  config: string;
  columnMap: ColumnMap;
}

export const EMPTY_CHOICES: ImportChoices = {
  format: '', source: '', timezone: '', delimiter: 'auto', encoding: 'utf-8', values: '', config: '', columnMap: {},
};

/**
 * The multipart fields of POST /api/v1/imports for these choices, in order (the file goes last, so the API
 * reads every option before the upload). Options that do not apply to the format are left out; empty ones too.
 */
export function importFields(choices: ImportChoices, dryRun: boolean): [string, string][] {
  const fields: [string, string][] = [['format', choices.format]];
  if (choices.source.trim()) fields.push(['source', choices.source.trim()]);
  if (dryRun) fields.push(['dryRun', 'true']);
  if (choices.timezone.trim()) fields.push(['timezone', choices.timezone.trim()]);
  const format = isFormat(choices.format) ? FORMATS[choices.format] : undefined;
  if (format?.csv || choices.format === 'pagerduty-analytics') {
    if (choices.delimiter !== 'auto') fields.push(['delimiter', choices.delimiter]);
    if (choices.encoding !== 'utf-8') fields.push(['encoding', choices.encoding]);
  }
  if (choices.format === 'csv') for (const spec of mapSpecs(choices.columnMap)) fields.push(['map', spec]);
  for (const spec of valueSpecs(choices.values)) fields.push(['value', spec]);
  if (choices.format === 'incidentio' && choices.config.trim()) fields.push(['config', choices.config.trim()]);
  return fields;
}
