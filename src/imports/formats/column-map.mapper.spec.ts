import {
  checkColumnMapHeader, COLUMN_MAP_TARGETS, mapColumnMappedRow, parseColumnMap, parseValueMap, type ColumnMap,
} from './column-map.mapper.js';
import { HINDSIGHT_CSV_COLUMNS, mapHindsightCsvRow } from './hindsight-csv.mapper.js';
import { type MapOptions, type MappedIncident } from './mapped-incident.js';
import { thrownFieldError } from '../../../test/support/field-errors.js';

/** The example from the issue. */
const ISSUE_MAP = ['started_at=start_timestamp', 'resolved_at=resolved_timestamp', 'severity=incident_impact_level'];
const ISSUE_VALUES = ['severity:3=SEV1', 'severity:2=SEV2'];
const ISSUE_HEADER = ['incident_id', 'summary', 'start_timestamp', 'resolved_timestamp', 'incident_impact_level', 'external_id', 'tags'];

const asObject = (values: ReadonlyMap<string, ReadonlyMap<string, string>>) => Object.fromEntries([...values].map(([field, byValue]) => [field, Object.fromEntries(byValue)]));

const fieldErrorOf = thrownFieldError;

describe('COLUMN_MAP_TARGETS', () => {
  it('are the Hindsight CSV columns without the export-only key and status', () => {
    expect(COLUMN_MAP_TARGETS).toEqual(HINDSIGHT_CSV_COLUMNS.filter((column) => column !== 'key' && column !== 'status'));
    expect(COLUMN_MAP_TARGETS).toHaveLength(29);
  });
});

describe('parseColumnMap', () => {
  it('reads the example from the issue', () => {
    expect(parseColumnMap(ISSUE_MAP)).toEqual({ started_at: 'start_timestamp', resolved_at: 'resolved_timestamp', severity: 'incident_impact_level' });
  });

  it.each<[spec: string, map: ColumnMap]>([
    [' title =Summary', { title: 'Summary' }],
    ['customer_impact=What happened? (a=b)', { customer_impact: 'What happened? (a=b)' }],
    ['owning_team=Team Name', { owning_team: 'Team Name' }],
  ])('reads %j', (spec, map) => {
    expect(parseColumnMap([spec])).toEqual(map);
  });

  it('maps one source column to several targets', () => {
    expect(parseColumnMap(['started_at=opened', 'detected_at=opened'])).toEqual({ started_at: 'opened', detected_at: 'opened' });
  });

  it.each<[name: string, specs: string[], problem: RegExp]>([
    ['no equals sign', ['started_at'], /^--map "started_at": expected target=sourceColumn/],
    ['no target', ['=start_timestamp'], /^--map "=start_timestamp": expected target=sourceColumn/],
    ['no source column', ['started_at= '], /^--map "started_at= ": expected target=sourceColumn/],
    ['an unknown target', ['priority=prio'], /unknown field "priority" \(the fields are: title, severity, peak_severity, functionality, .*retro_done_at\)/],
    ['a camelCase target', ['startedAt=start'], /unknown field "startedAt"/],
    ['the export-only key', ['key=id'], /key is export-only.*external_id/],
    ['the derived status', ['status=state'], /status is derived from the milestones/],
    ['a target mapped twice', ['severity=impact', 'severity=priority'], /--map "severity=priority": severity is already mapped to column "impact"/],
    ['several problems at once', ['priority=p', 'started_at'], /^2 problems: --map "priority=p": unknown field.*; --map "started_at": expected/],
  ])('refuses %s', (_name, specs, problem) => {
    expect(() => parseColumnMap(specs)).toThrow(problem);
  });
});

describe('parseValueMap', () => {
  it('reads the example from the issue', () => {
    expect(asObject(parseValueMap(ISSUE_VALUES))).toEqual({ severity: { 3: 'SEV1', 2: 'SEV2' } });
  });

  it.each<[spec: string, field: string, from: string, to: string]>([
    ['impact_scope:partial=some', 'impact_scope', 'partial', 'some'],
    ['severity:=SEV3', 'severity', '', 'SEV3'],
    ['resolved_at:N/A=', 'resolved_at', 'N/A', ''],
    ['started_at:10:00=2026-03-01T10:00:00Z', 'started_at', '10:00', '2026-03-01T10:00:00Z'],
    ['customer_impact:a=b=c', 'customer_impact', 'a', 'b=c'],
    [' severity : P1 = SEV1 ', 'severity', 'P1', 'SEV1'],
    ['owning_team:Pay=Payments Platform', 'owning_team', 'Pay', 'Payments Platform'],
  ])('reads %j', (spec, field, from, to) => {
    expect(asObject(parseValueMap([spec]))).toEqual({ [field]: { [from]: to } });
  });

  it('accepts the same mapping twice', () => {
    expect(asObject(parseValueMap(['severity:3=SEV1', 'severity:3=SEV1']))).toEqual({ severity: { 3: 'SEV1' } });
  });

  it.each<[name: string, specs: string[], problem: RegExp]>([
    ['no colon', ['severity=SEV1'], /^--value "severity=SEV1": expected field:from=to/],
    ['no equals sign after the colon', ['severity:3'], /^--value "severity:3": expected field:from=to/],
    ['an equals sign only before the colon', ['severity=3:SEV1'], /^--value "severity=3:SEV1": expected field:from=to/],
    ['no field', [':3=SEV1'], /^--value ":3=SEV1": expected field:from=to/],
    ['an unknown field', ['priority:P1=SEV1'], /unknown field "priority" \(the fields are: title, severity/],
    ['the export-only key', ['key:a=b'], /key is export-only/],
    ['a conflicting mapping', ['severity:3=SEV1', 'severity:3=SEV2'], /--value "severity:3=SEV2": severity "3" is already mapped to "SEV1"/],
  ])('refuses %s', (_name, specs, problem) => {
    expect(() => parseValueMap(specs)).toThrow(problem);
  });
});

describe('checkColumnMapHeader', () => {
  it('keeps the explicit mappings and auto-maps the columns named like a target', () => {
    expect(checkColumnMapHeader(parseColumnMap(ISSUE_MAP), ISSUE_HEADER)).toEqual({
      started_at: 'start_timestamp', resolved_at: 'resolved_timestamp', severity: 'incident_impact_level', external_id: 'external_id', tags: 'tags',
    });
  });

  it.each<[name: string, map: ColumnMap, header: string[], effective: ColumnMap]>([
    ['a Hindsight export without key or status', {}, [...HINDSIGHT_CSV_COLUMNS],
      Object.fromEntries(COLUMN_MAP_TARGETS.map((target) => [target, target]))],
    ['an explicit mapping over a same-named column', { started_at: 'opened' }, ['external_id', 'opened', 'started_at'],
      { external_id: 'external_id', started_at: 'opened' }],
    ['a column mapped elsewhere is not auto-mapped', { started_at: 'detected_at', external_id: 'id' }, ['id', 'detected_at'],
      { started_at: 'detected_at', external_id: 'id' }],
    ['only exact names', { external_id: 'id', started_at: 'start' }, ['id', 'start', 'Title', 'severity '],
      { external_id: 'id', started_at: 'start' }],
  ])('%s', (_name, map, header, effective) => {
    expect(checkColumnMapHeader(map, header)).toEqual(effective);
  });

  it.each<[name: string, map: ColumnMap, header: string[], problem: RegExp]>([
    ['a mapped column the file lacks', { started_at: 'start_ts', external_id: 'id' }, ['id', 'start'],
      /^--map started_at=start_ts: the file has no column "start_ts" \(the file's columns: "id", "start"\)$/],
    ['no id column', { started_at: 'start' }, ['start', 'title'],
      /external_id has no column: add --map external_id=<column>/],
    ['no start column', { external_id: 'id' }, ['id', 'title'],
      /started_at has no column: add --map started_at=<column>/],
    ['a used column the header repeats', { external_id: 'id', started_at: 'start' }, ['id', 'start', 'start', 'note', 'note'],
      /^column "start" appears more than once in the header/],
    ['several problems at once', { severity: 'prio' }, ['x'],
      /^3 problems: --map severity=prio: the file has no column "prio"; external_id has no column.*; started_at has no column.*\(the file's columns: "x"\)$/],
  ])('refuses %s', (_name, map, header, problem) => {
    expect(() => checkColumnMapHeader(map, header)).toThrow(problem);
  });
});

describe('mapColumnMappedRow', () => {
  const effective = checkColumnMapHeader(parseColumnMap(ISSUE_MAP), ISSUE_HEADER);
  const options: MapOptions = { values: parseValueMap(ISSUE_VALUES) };
  const row = (cells: Record<string, string> = {}): Record<string, string> => ({
    incident_id: '77', summary: 'DB failover', start_timestamp: '2026-02-10T08:00:00Z', resolved_timestamp: '2026-02-10T09:15:00Z',
    incident_impact_level: '3', external_id: 'ops-77', tags: 'db|failover', ...cells,
  });
  const mapped = (cells?: Record<string, string>, extra: MapOptions = {}): MappedIncident =>
    mapColumnMappedRow(row(cells), effective, { ...options, ...extra });

  it('maps the issue example, titled after the id when there is no title column', () => {
    const source = row();
    const incident = mapColumnMappedRow(source, effective, options);
    expect(incident).toEqual({
      externalId: 'ops-77',
      fields: {
        title: 'Incident ops-77', severity: 'SEV1', startedAt: '2026-02-10T08:00:00.000Z', resolvedAt: '2026-02-10T09:15:00.000Z', tags: ['db', 'failover'],
      },
      timeline: [],
      sourcePayload: source,
    });
    expect(incident.sourcePayload).toBe(source);
  });

  it.each<[cells: Record<string, string>, fields: Record<string, unknown>]>([
    [{ incident_impact_level: '2' }, { severity: 'SEV2' }],
    [{ incident_impact_level: 'SEV3' }, { severity: 'SEV3' }],
    [{ resolved_timestamp: '' }, { resolvedAt: null }],
    [{ tags: ' db | | db ' }, { tags: ['db'] }],
  ])('applies the Hindsight CSV rules to %j', (cells, fields) => {
    expect(mapped(cells).fields).toMatchObject(fields);
  });

  it('reads local times in the named zone', () => {
    const incident = mapped({ start_timestamp: '2026-02-10 09:00', resolved_timestamp: '2026-07-10 10:15:00' }, { timezone: 'Europe/Berlin' });
    expect(incident.fields).toMatchObject({ startedAt: '2026-02-10T08:00:00.000Z', resolvedAt: '2026-07-10T08:15:00.000Z' });
  });

  it('takes the title from a mapped column', () => {
    const withTitle = checkColumnMapHeader(parseColumnMap([...ISSUE_MAP, 'title=summary']), ISSUE_HEADER);
    expect(mapColumnMappedRow(row(), withTitle, options).fields.title).toBe('DB failover');
  });

  it('maps a Hindsight export auto-mapped exactly as the Hindsight CSV mapper does, minus the key', () => {
    const exported: Record<string, string> = {
      key: 'INC-2026-0001', title: 'API errors', severity: 'SEV2', peak_severity: 'SEV1', status: 'resolved', functionality: 'API',
      state: 'erroring', audience: 'all customers', services: 'api|gateway', owning_team: 'Platform', customer_impact: '5xx on writes',
      impact_scope: 'all', known_customers_impacted: '', commander: 'Dana', investigator: '', comms: 'Sam', scribe: '', tags: 'api',
      source: 'pagerduty', external_id: 'PD42', excluded_from_metrics: 'false', exclusion_reason: '', started_at: '2026-03-01T09:00:00Z',
      detected_at: '2026-03-01T09:02:00Z', acknowledged_at: '', investigating_at: '', identified_at: '', mitigated_at: '2026-03-01T09:40:00Z',
      resolved_at: '2026-03-01T10:00:00Z', retro_prep_at: '', retro_done_at: '',
    };
    const autoMapped = checkColumnMapHeader({}, Object.keys(exported));
    expect(mapColumnMappedRow(exported, autoMapped, {})).toEqual(mapHindsightCsvRow(exported, {}));
    expect(() => mapColumnMappedRow({ ...exported, external_id: '' }, autoMapped, {})).toThrow(/^external_id: "" is empty: every row needs/);
  });

  it.each<[name: string, cells: Record<string, string>, extra: MapOptions, field: string, value: unknown, problem: RegExp]>([
    ['a bad start, named as the file names it', { start_timestamp: 'last Tuesday' }, {}, 'start_timestamp', 'last Tuesday', /not an ISO 8601 timestamp/],
    ['a local start without a zone', { start_timestamp: '2026-02-10 09:00' }, {}, 'start_timestamp', '2026-02-10 09:00', /no time zone offset/],
    ['an empty start', { start_timestamp: '' }, {}, 'start_timestamp', '', /is empty \(required\)/],
    ['an empty severity', { incident_impact_level: '' }, {}, 'incident_impact_level', '', /is empty \(required\)/],
    ['an empty id', { external_id: ' ' }, {}, 'external_id', '', /is empty: every row needs the id/],
  ])('refuses %s', (_name, cells, extra, field, value, problem) => {
    const error = fieldErrorOf(() => mapped(cells, extra));
    expect(error).toMatchObject({ field, value });
    expect(error.message).toMatch(problem);
  });

  it('needs a severity: a column, or a value for every incident', () => {
    const noSeverity = checkColumnMapHeader({ external_id: 'incident_id', started_at: 'start_timestamp' }, ISSUE_HEADER);
    const error = fieldErrorOf(() => mapColumnMappedRow(row(), noSeverity, {}));
    expect(error.field).toBe('severity');
    expect(error.message).toMatch(/has no column \(required\): map one with --map severity=<column>, or .* --value severity:=SEV3/);
    expect(mapColumnMappedRow(row(), noSeverity, { values: parseValueMap(['severity:=SEV3']) }).fields.severity).toBe('SEV3');
  });
});
