import {
  checkHindsightCsvHeader, HINDSIGHT_CSV_COLUMN_DOCS, HINDSIGHT_CSV_COLUMNS, mapHindsightCsvRow,
} from './hindsight-csv.mapper.js';
import { type MapOptions, type MappedIncident, type MappedIncidentFields, type ValueMap } from './mapped-incident.js';
import { thrownFieldError } from '../../../test/support/field-errors.js';

/** The header as documented in the brief and the README, character for character. */
const DOCUMENTED_HEADER = 'key,title,severity,peak_severity,status,functionality,state,audience,services,owning_team,customer_impact,'
  + 'impact_scope,known_customers_impacted,commander,investigator,comms,scribe,tags,source,external_id,excluded_from_metrics,'
  + 'exclusion_reason,started_at,detected_at,acknowledged_at,investigating_at,identified_at,mitigated_at,resolved_at,retro_prep_at,retro_done_at';

/** The smallest row that maps: the required columns plus an id. */
const MINIMAL = { external_id: 'ext-1', title: 'Checkout down', severity: 'SEV2', started_at: '2026-03-01T09:30:00Z' };
const MINIMAL_FIELDS: MappedIncidentFields = { title: 'Checkout down', severity: 'SEV2', startedAt: '2026-03-01T09:30:00.000Z' };

const values = (...specs: [field: string, from: string, to: string][]): ValueMap => {
  const map = new Map<string, Map<string, string>>();
  for (const [field, from, to] of specs) map.set(field, (map.get(field) ?? new Map()).set(from, to));
  return map;
};

function map(cells: Record<string, string>, options: MapOptions = {}): MappedIncident {
  return mapHindsightCsvRow({ ...MINIMAL, ...cells }, options);
}

const fieldErrorOf = thrownFieldError;

describe('HINDSIGHT_CSV_COLUMNS', () => {
  it('is the documented header, in order', () => {
    expect(HINDSIGHT_CSV_COLUMNS.join(',')).toBe(DOCUMENTED_HEADER);
  });

  it('has a one-line description for every column and nothing else', () => {
    expect(Object.keys(HINDSIGHT_CSV_COLUMN_DOCS)).toEqual([...HINDSIGHT_CSV_COLUMNS]);
    for (const doc of Object.values(HINDSIGHT_CSV_COLUMN_DOCS)) expect(doc).toMatch(/^[^\n]{10,}$/);
  });
});

describe('mapHindsightCsvRow', () => {
  it('maps a row with every column filled, keeping the row as the payload', () => {
    const row = {
      key: 'INC-2026-0042', title: ' Checkout is unavailable ', severity: 'SEV2', peak_severity: 'SEV1', status: 'closed',
      functionality: 'Checkout', state: 'unavailable', audience: 'EU customers', services: 'payments-api|checkout-web',
      owning_team: 'Payments', customer_impact: 'Card payments failed', impact_scope: 'some', known_customers_impacted: 'Acme Ltd|Globex',
      commander: 'Dana', investigator: 'Lee', comms: 'Sam', scribe: 'Kim', tags: 'database|customer-facing', source: 'statuspage',
      external_id: 'sp-123', excluded_from_metrics: 'no', exclusion_reason: '',
      started_at: '2026-03-01T09:30:00Z', detected_at: '2026-03-01T09:35:00Z', acknowledged_at: '2026-03-01T09:40:00Z',
      investigating_at: '2026-03-01T09:45:00Z', identified_at: '2026-03-01T10:00:00Z', mitigated_at: '2026-03-01T10:30:00Z',
      resolved_at: '2026-03-01T11:00:00Z', retro_prep_at: '2026-03-02T09:00:00Z', retro_done_at: '2026-03-03T15:00:00Z',
    };
    const mapped = mapHindsightCsvRow(row, {});
    expect(mapped).toEqual({
      externalId: 'sp-123',
      source: 'statuspage',
      fields: {
        title: 'Checkout is unavailable', severity: 'SEV2', peakSeverity: 'SEV1',
        functionality: 'Checkout', state: 'unavailable', audience: 'EU customers', services: ['payments-api', 'checkout-web'],
        owningTeam: 'Payments', customerImpact: 'Card payments failed', impactScope: 'some', knownCustomersImpacted: ['Acme Ltd', 'Globex'],
        commander: 'Dana', investigator: 'Lee', comms: 'Sam', scribe: 'Kim', tags: ['database', 'customer-facing'],
        excludedFromMetrics: false, exclusionReason: null,
        startedAt: '2026-03-01T09:30:00.000Z', detectedAt: '2026-03-01T09:35:00.000Z', acknowledgedAt: '2026-03-01T09:40:00.000Z',
        investigatingAt: '2026-03-01T09:45:00.000Z', identifiedAt: '2026-03-01T10:00:00.000Z', mitigatedAt: '2026-03-01T10:30:00.000Z',
        resolvedAt: '2026-03-01T11:00:00.000Z', retroPrepAt: '2026-03-02T09:00:00.000Z', retroDoneAt: '2026-03-03T15:00:00.000Z',
      },
      timeline: [],
      sourcePayload: row,
    });
    expect(mapped.sourcePayload).toBe(row);
  });

  it('gives no field for a column the file does not have', () => {
    const mapped = mapHindsightCsvRow(MINIMAL, {});
    expect(mapped.fields).toEqual(MINIMAL_FIELDS);
    expect(mapped.source).toBeUndefined();
  });

  it.each<[column: string, cell: string, fields: Partial<MappedIncidentFields>]>([
    ['peak_severity', 'SEV1', { peakSeverity: 'SEV1' }],
    ['peak_severity', '', {}],
    ['status', 'resolved', {}],
    ['functionality', 'Search', { functionality: 'Search' }],
    ['functionality', '', { functionality: null }],
    ['state', 'degraded', { state: 'degraded' }],
    ['state', '  ', { state: null }],
    ['audience', 'all customers', { audience: 'all customers' }],
    ['audience', '', { audience: null }],
    ['services', ' payments-api | | checkout-web |payments-api', { services: ['payments-api', 'checkout-web'] }],
    ['services', 'search', { services: ['search'] }],
    ['services', '', { services: [] }],
    ['services', '|', { services: [] }],
    ['owning_team', 'Payments', { owningTeam: 'Payments' }],
    ['owning_team', '', { owningTeam: null }],
    ['customer_impact', 'Searches timed out', { customerImpact: 'Searches timed out' }],
    ['customer_impact', '', { customerImpact: '' }],
    ['impact_scope', 'unknown', { impactScope: 'unknown' }],
    ['impact_scope', 'all', { impactScope: 'all' }],
    ['impact_scope', 'Some', { impactScope: 'some' }],
    ['impact_scope', 'FEW', { impactScope: 'few' }],
    ['impact_scope', '', {}],
    ['known_customers_impacted', 'Acme Ltd| Initech', { knownCustomersImpacted: ['Acme Ltd', 'Initech'] }],
    ['known_customers_impacted', '', { knownCustomersImpacted: [] }],
    ['commander', 'Dana', { commander: 'Dana' }],
    ['commander', '', { commander: null }],
    ['investigator', 'Lee', { investigator: 'Lee' }],
    ['investigator', '', { investigator: null }],
    ['comms', 'Sam', { comms: 'Sam' }],
    ['comms', '', { comms: null }],
    ['scribe', 'Kim', { scribe: 'Kim' }],
    ['scribe', '', { scribe: null }],
    ['tags', 'game-day|drill', { tags: ['game-day', 'drill'] }],
    ['tags', '', { tags: [] }],
    ['excluded_from_metrics', 'true', { excludedFromMetrics: true }],
    ['excluded_from_metrics', 'TRUE', { excludedFromMetrics: true }],
    ['excluded_from_metrics', 'Yes', { excludedFromMetrics: true }],
    ['excluded_from_metrics', '1', { excludedFromMetrics: true }],
    ['excluded_from_metrics', 'false', { excludedFromMetrics: false }],
    ['excluded_from_metrics', 'False', { excludedFromMetrics: false }],
    ['excluded_from_metrics', 'no', { excludedFromMetrics: false }],
    ['excluded_from_metrics', '0', { excludedFromMetrics: false }],
    ['excluded_from_metrics', '', { excludedFromMetrics: false }],
    ['exclusion_reason', 'Game day', { exclusionReason: 'Game day' }],
    ['exclusion_reason', '', { exclusionReason: null }],
    ['detected_at', '2026-03-01T09:35:00Z', { detectedAt: '2026-03-01T09:35:00.000Z' }],
    ['detected_at', '', { detectedAt: null }],
    ['acknowledged_at', '2026-03-01T10:40:00+01:00', { acknowledgedAt: '2026-03-01T09:40:00.000Z' }],
    ['acknowledged_at', '', { acknowledgedAt: null }],
    ['investigating_at', '2026-03-01 09:45:00Z', { investigatingAt: '2026-03-01T09:45:00.000Z' }],
    ['investigating_at', '', { investigatingAt: null }],
    ['identified_at', '2026-03-01T05:00:00-05:00', { identifiedAt: '2026-03-01T10:00:00.000Z' }],
    ['identified_at', '', { identifiedAt: null }],
    ['mitigated_at', '2026-03-01T10:30:00.250Z', { mitigatedAt: '2026-03-01T10:30:00.250Z' }],
    ['mitigated_at', '', { mitigatedAt: null }],
    ['resolved_at', '2026-03-01T11:00Z', { resolvedAt: '2026-03-01T11:00:00.000Z' }],
    ['resolved_at', '', { resolvedAt: null }],
    ['retro_prep_at', '2026-03-02T09:00:00Z', { retroPrepAt: '2026-03-02T09:00:00.000Z' }],
    ['retro_prep_at', '', { retroPrepAt: null }],
    ['retro_done_at', '2026-03-03T15:00:00Z', { retroDoneAt: '2026-03-03T15:00:00.000Z' }],
    ['retro_done_at', '', { retroDoneAt: null }],
  ])('%s %j', (column, cell, fields) => {
    expect(map({ [column]: cell }).fields).toEqual({ ...MINIMAL_FIELDS, ...fields });
  });

  it.each<[cells: Record<string, string>, externalId: string, source: string | undefined]>([
    [{ external_id: 'pd-P1', key: 'INC-2026-0042' }, 'pd-P1', undefined],
    [{ external_id: '', key: 'INC-2026-0042' }, 'INC-2026-0042', undefined],
    [{ external_id: ' sp-9 ', source: ' statuspage ' }, 'sp-9', 'statuspage'],
    [{ source: '' }, 'ext-1', undefined],
  ])('takes the id and source from %j', (cells, externalId, source) => {
    const mapped = map(cells);
    expect(mapped.externalId).toBe(externalId);
    expect(mapped.source).toBe(source);
  });

  it('uses key as the id when the file has no external_id column', () => {
    const { external_id: _id, ...withoutId } = MINIMAL;
    expect(mapHindsightCsvRow({ ...withoutId, key: 'INC-2025-0007' }, {}).externalId).toBe('INC-2025-0007');
  });

  describe('value maps, keyed by column', () => {
    it.each<[name: string, cells: Record<string, string>, values: ValueMap, fields: Partial<MappedIncidentFields>]>([
      ['severity', { severity: '3' }, values(['severity', '3', 'SEV1']), { severity: 'SEV1' }],
      ['an unmapped severity stays', { severity: 'SEV2' }, values(['severity', '3', 'SEV1']), { severity: 'SEV2' }],
      ['an empty severity', { severity: '' }, values(['severity', '', 'SEV3']), { severity: 'SEV3' }],
      ['the trimmed cell', { severity: ' 3 ' }, values(['severity', '3', 'SEV1']), { severity: 'SEV1' }],
      ['peak severity through the severity map', { severity: '2', peak_severity: '3' }, values(['severity', '3', 'SEV1'], ['severity', '2', 'SEV2']), { severity: 'SEV2', peakSeverity: 'SEV1' }],
      ['peak severity through its own map', { peak_severity: '3' }, values(['severity', '3', 'SEV1'], ['peak_severity', '3', 'SEV0']), { peakSeverity: 'SEV0' }],
      ['an empty peak severity is not filled from the severity map', { peak_severity: '' }, values(['severity', '', 'SEV3']), {}],
      ['impact scope', { impact_scope: 'partial' }, values(['impact_scope', 'partial', 'some']), { impactScope: 'some' }],
      ['a boolean', { excluded_from_metrics: 'drill' }, values(['excluded_from_metrics', 'drill', 'yes']), { excludedFromMetrics: true }],
      ['a placeholder timestamp to empty', { resolved_at: 'N/A' }, values(['resolved_at', 'N/A', '']), { resolvedAt: null }],
      ['a timestamp', { detected_at: 'start' }, values(['detected_at', 'start', '2026-03-01T09:31:00Z']), { detectedAt: '2026-03-01T09:31:00.000Z' }],
      ['owning team', { owning_team: 'Pay' }, values(['owning_team', 'Pay', 'Payments']), { owningTeam: 'Payments' }],
      ['list items one by one', { services: 'legacy-api|web|old-web' }, values(['services', 'legacy-api', 'payments-api'], ['services', 'old-web', 'web']), { services: ['payments-api', 'web'] }],
      ['a whole list cell first', { services: 'monolith|web' }, values(['services', 'monolith|web', 'api|web-app'], ['services', 'web', 'x']), { services: ['api', 'web-app'] }],
      ['a list item to nothing', { tags: 'internal|db' }, values(['tags', 'internal', '']), { tags: ['db'] }],
      ['an empty list cell', { tags: '' }, values(['tags', '', 'imported']), { tags: ['imported'] }],
      ['a missing column through the empty value', {}, values(['functionality', '', 'Checkout']), { functionality: 'Checkout' }],
    ])('%s', (_name, cells, valueMap, fields) => {
      expect(map(cells, { values: valueMap }).fields).toEqual({ ...MINIMAL_FIELDS, ...fields });
    });

    it.each<[Record<string, string>, ValueMap, string, string | undefined]>([
      [{ external_id: 'old-1' }, values(['external_id', 'old-1', 'new-1']), 'new-1', undefined],
      [{ source: 'pd' }, values(['source', 'pd', 'pagerduty']), 'ext-1', 'pagerduty'],
      [{}, values(['source', '', 'legacy-tool']), 'ext-1', 'legacy-tool'],
    ])('id and source %j', (cells, valueMap, externalId, source) => {
      const mapped = map(cells, { values: valueMap });
      expect(mapped.externalId).toBe(externalId);
      expect(mapped.source).toBe(source);
    });
  });

  describe('timestamps', () => {
    it.each<[cell: string, timezone: string | undefined, utc: string]>([
      ['2026-01-15T10:00:00Z', undefined, '2026-01-15T10:00:00.000Z'],
      ['2026-01-15T10:00:00Z', 'Europe/Berlin', '2026-01-15T10:00:00.000Z'],
      ['2026-01-15T10:00:00+05:30', 'Europe/Berlin', '2026-01-15T04:30:00.000Z'],
      ['2026-01-15 10:00:00', 'Europe/Berlin', '2026-01-15T09:00:00.000Z'],
      ['2026-07-15 10:00', 'Europe/Berlin', '2026-07-15T08:00:00.000Z'],
      ['2026-07-15T10:00:00.500', 'Europe/Berlin', '2026-07-15T08:00:00.500Z'],
      ['2026-10-25 01:30:00', 'Europe/Berlin', '2026-10-24T23:30:00.000Z'],
      ['2026-01-15 10:00:00', 'UTC', '2026-01-15T10:00:00.000Z'],
    ])('%s in %s is %s', (cell, timezone, utc) => {
      expect(map({ started_at: cell, mitigated_at: cell }, { timezone }).fields).toMatchObject({ startedAt: utc, mitigatedAt: utc });
    });

    it.each<[column: string, cell: string, timezone: string | undefined, problem: RegExp]>([
      ['started_at', '2026-01-15 10:00:00', undefined, /no time zone offset.*--timezone/],
      ['detected_at', '2026-01-15T10:00:00', undefined, /no time zone offset/],
      ['resolved_at', '2026-03-29 02:30:00', 'Europe/Berlin', /does not exist in Europe\/Berlin/],
      ['started_at', '15/01/2026 10:00', 'Europe/Berlin', /not an ISO 8601 timestamp/],
      ['retro_done_at', '2026-02-30T10:00:00Z', undefined, /not an ISO 8601 timestamp/],
      ['acknowledged_at', 'yesterday', 'Europe/Berlin', /not an ISO 8601 timestamp/],
      ['identified_at', '1767225600', undefined, /not an ISO 8601 timestamp/],
    ])('%s %j (zone %s) is refused', (column, cell, timezone, problem) => {
      const error = fieldErrorOf(() => map({ [column]: cell }, { timezone }));
      expect(error.field).toBe(column);
      expect(error.value).toBe(cell);
      expect(error.message).toMatch(problem);
    });
  });

  describe('refuses unreadable cells, naming the column and the value', () => {
    it.each<[name: string, cells: Record<string, string>, field: string, value: unknown, problem: RegExp]>([
      ['a boolean that is not one', { excluded_from_metrics: 'maybe' }, 'excluded_from_metrics', 'maybe', /true\/false, yes\/no or 1\/0/],
      ['a boolean spelled out', { excluded_from_metrics: 'y' }, 'excluded_from_metrics', 'y', /not a yes\/no value/],
      ['an unknown impact scope', { impact_scope: 'most' }, 'impact_scope', 'most', /one of: unknown, all, some, few/],
      ['an empty title', { title: '' }, 'title', '', /is empty \(required\)/],
      ['a blank severity', { severity: '  ' }, 'severity', '', /is empty \(required\)/],
      ['an empty start', { started_at: '' }, 'started_at', '', /is empty \(required\): when the impact began/],
      ['no id at all', { external_id: '' }, 'external_id', '', /is empty: every row needs the id/],
      ['no id and an empty key', { external_id: '', key: ' ' }, 'external_id', '', /is empty and so is key/],
    ])('%s', (_name, cells, field, value, problem) => {
      const error = fieldErrorOf(() => map(cells));
      expect(error).toMatchObject({ field, value });
      expect(error.message).toMatch(problem);
      expect(error.message.startsWith(`${field}: `)).toBe(true);
    });

    it.each<[missing: string, problem: RegExp]>([
      ['title', /^title: undefined is missing \(required\)/],
      ['severity', /^severity: undefined is missing \(required\)/],
      ['started_at', /^started_at: undefined is missing \(required\)/],
      ['external_id', /^external_id: undefined is missing: every row needs the id/],
    ])('a row without a %s cell', (missing, problem) => {
      const row: Record<string, string> = { ...MINIMAL };
      delete row[missing];
      expect(() => mapHindsightCsvRow(row, {})).toThrow(problem);
    });
  });
});

describe('checkHindsightCsvHeader', () => {
  it.each<[string, string[]]>([
    ['the full header', [...HINDSIGHT_CSV_COLUMNS]],
    ['the required columns and an id', ['title', 'severity', 'started_at', 'external_id']],
    ['the required columns and a key, in any order', ['started_at', 'key', 'severity', 'title']],
  ])('accepts %s', (_name, header) => {
    expect(() => checkHindsightCsvHeader(header)).not.toThrow();
  });

  it.each<[name: string, header: string[], problem: RegExp]>([
    ['an unknown column', ['external_id', 'title', 'severity', 'started_at', 'priority'], /unknown column "priority"/],
    ['two unknown columns', ['external_id', 'title', 'severity', 'started_at', 'priority', 'region'], /unknown columns "priority", "region"/],
    ['a misspelt column', ['external_id', 'Title', 'severity', 'started_at'], /unknown column "Title" \(did you mean "title"\?\).*missing required column "title"/],
    ['a column with spaces', ['external_id', 'title', 'severity', 'Started At'], /"Started At" \(did you mean "started_at"\?\)/],
    ['a missing required column', ['external_id', 'title', 'started_at'], /missing required column "severity"/],
    ['all required columns missing', ['external_id', 'tags'], /missing required columns "title", "severity", "started_at"/],
    ['a repeated column', ['external_id', 'title', 'severity', 'started_at', 'tags', 'tags'], /given more than once: "tags"/],
    ['no id column', ['title', 'severity', 'started_at'], /no "external_id" or "key" column/],
  ])('refuses %s', (_name, header, problem) => {
    expect(() => checkHindsightCsvHeader(header)).toThrow(problem);
    expect(() => checkHindsightCsvHeader(header)).toThrow(/The columns are: key, title, severity/);
  });
});
