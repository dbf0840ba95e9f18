/**
 * Any CSV through a column map: `--map target=sourceColumn` names the source column for a Hindsight CSV
 * column, `--value field:from=to` translates cell values. Each row is then read with exactly the Hindsight
 * CSV rules (hindsight-csv.mapper.ts), errors naming the source's own column. Pure: no Nest, no TypeORM, no I/O.
 *
 *   --map started_at=start_timestamp --map resolved_at=resolved_timestamp
 *   --map severity=incident_impact_level --value severity:3=SEV1 --value severity:2=SEV2
 *
 * Targets are the Hindsight CSV columns except the export-only `key` and `status`. A target left unmapped
 * whose own name is a column of the file is read from that column (auto-map), unless that column is
 * already mapped explicitly to another target. `external_id` and `started_at` need a column (checked with
 * the header); `severity` needs a column or a value for empty cells (`--value severity:=SEV3`, checked per
 * row, since the header check does not see the value map); without a `title` column the title is
 * `Incident <externalId>`.
 */
import { HINDSIGHT_CSV_COLUMNS, mapCsvRowWithColumns, repeatedColumns, type HindsightCsvColumn } from './hindsight-csv.mapper.js';
import type { MapOptions, MappedIncident, ValueMap } from './mapped-incident.js';

export type ColumnMapTarget = Exclude<HindsightCsvColumn, 'key' | 'status'>;

export const COLUMN_MAP_TARGETS: readonly ColumnMapTarget[] = HINDSIGHT_CSV_COLUMNS.filter(
  (column): column is ColumnMapTarget => column !== 'key' && column !== 'status',
);

/** Source column per target. */
export type ColumnMap = Readonly<Partial<Record<ColumnMapTarget, string>>>;

const TARGETS = new Set<string>(COLUMN_MAP_TARGETS);
const EXPORT_ONLY: Readonly<Record<string, string>> = {
  key: 'key is export-only (Hindsight assigns its own keys); map the source\'s id to external_id',
  status: 'status is derived from the milestones; map the milestone columns instead',
};

function targetProblem(target: string, spec: string, flag: '--map' | '--value'): string | null {
  if (TARGETS.has(target)) return null;
  if (Object.hasOwn(EXPORT_ONLY, target)) return `${flag} ${JSON.stringify(spec)}: ${EXPORT_ONLY[target]}`;
  return `${flag} ${JSON.stringify(spec)}: unknown field ${JSON.stringify(target)} (the fields are: ${COLUMN_MAP_TARGETS.join(', ')})`;
}

function fail(problems: readonly string[]): never {
  throw new Error(problems.length === 1 ? problems[0] : `${problems.length} problems: ${problems.join('; ')}`);
}

/** `--map target=sourceColumn` specs → a ColumnMap; every bad spec is named in one Error. */
export function parseColumnMap(specs: readonly string[]): ColumnMap {
  const map: Partial<Record<ColumnMapTarget, string>> = {};
  const problems: string[] = [];
  for (const spec of specs) {
    const equals = spec.indexOf('=');
    const target = spec.slice(0, equals).trim();
    const source = spec.slice(equals + 1);
    if (equals === -1 || target === '' || source.trim() === '') {
      problems.push(`--map ${JSON.stringify(spec)}: expected target=sourceColumn, e.g. --map started_at=start_timestamp`);
      continue;
    }
    const problem = targetProblem(target, spec, '--map');
    if (problem) {
      problems.push(problem);
      continue;
    }
    const earlier = map[target as ColumnMapTarget];
    if (earlier !== undefined) {
      problems.push(`--map ${JSON.stringify(spec)}: ${target} is already mapped to column ${JSON.stringify(earlier)}; map each field once`);
      continue;
    }
    map[target as ColumnMapTarget] = source;
  }
  if (problems.length > 0) fail(problems);
  return map;
}

/**
 * `--value field:from=to` specs → a ValueMap. Splits on the first `:` and the first `=` after it; `from` and
 * `to` are trimmed (cells are trimmed before mapping), an empty `from` maps empty cells. Giving the same
 * field and `from` two different `to` values is an error.
 */
export function parseValueMap(specs: readonly string[]): ValueMap {
  const values = new Map<string, Map<string, string>>();
  const problems: string[] = [];
  for (const spec of specs) {
    const colon = spec.indexOf(':');
    const equals = colon === -1 ? -1 : spec.indexOf('=', colon + 1);
    const field = spec.slice(0, colon).trim();
    if (colon === -1 || equals === -1 || field === '') {
      problems.push(`--value ${JSON.stringify(spec)}: expected field:from=to, e.g. --value severity:3=SEV1`);
      continue;
    }
    const problem = targetProblem(field, spec, '--value');
    if (problem) {
      problems.push(problem);
      continue;
    }
    const from = spec.slice(colon + 1, equals).trim();
    const to = spec.slice(equals + 1).trim();
    let byValue = values.get(field);
    if (!byValue) values.set(field, (byValue = new Map<string, string>()));
    const earlier = byValue.get(from);
    if (earlier !== undefined && earlier !== to) {
      problems.push(`--value ${JSON.stringify(spec)}: ${field} ${JSON.stringify(from)} is already mapped to ${JSON.stringify(earlier)}`);
      continue;
    }
    byValue.set(from, to);
  }
  if (problems.length > 0) fail(problems);
  return values;
}

const NEEDS_COLUMN: readonly (readonly [ColumnMapTarget, string])[] = [
  ['external_id', 'the column with each incident\'s id in the source, so that importing again updates instead of duplicating'],
  ['started_at', 'the column with the instant the impact began'],
];

/**
 * Checks a column map against the file's header once, before its rows, and returns the effective map: the
 * explicit mappings plus every unmapped target whose own name is a column not already mapped elsewhere.
 * Throws an Error naming each mapped column the file lacks (listing the file's columns), a required target
 * with no column, and a used column the header repeats.
 */
export function checkColumnMapHeader(map: ColumnMap, header: readonly string[]): ColumnMap {
  const columns = new Set(header);
  const problems: string[] = [];
  for (const target of COLUMN_MAP_TARGETS) {
    const source = map[target];
    if (source !== undefined && !columns.has(source)) problems.push(`--map ${target}=${source}: the file has no column ${JSON.stringify(source)}`);
  }
  const explicit = new Set(Object.values(map));
  const effective: Partial<Record<ColumnMapTarget, string>> = { ...map };
  for (const target of COLUMN_MAP_TARGETS) {
    if (effective[target] === undefined && columns.has(target) && !explicit.has(target)) effective[target] = target;
  }
  for (const [target, what] of NEEDS_COLUMN) {
    if (effective[target] === undefined) problems.push(`${target} has no column: add --map ${target}=<column> naming ${what}`);
  }
  const used = new Set(Object.values(effective));
  for (const column of repeatedColumns(header)) {
    if (used.has(column)) problems.push(`column ${JSON.stringify(column)} appears more than once in the header, so which one to read is ambiguous`);
  }
  if (problems.length > 0) fail([...problems.slice(0, -1), `${problems.at(-1)} (the file's columns: ${header.map((c) => JSON.stringify(c)).join(', ')})`]);
  return effective;
}

/**
 * One row of the file (header → cell text) → a MappedIncident, through the effective map from
 * checkColumnMapHeader, with exactly the Hindsight CSV rules. FieldErrors name the source column.
 */
export function mapColumnMappedRow(row: Readonly<Record<string, string>>, map: ColumnMap, options: MapOptions): MappedIncident {
  return mapCsvRowWithColumns(row, map, options);
}
