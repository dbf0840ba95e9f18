import { mapHindsightJsonRecord } from './hindsight-json.mapper.js';
import { type MapOptions, type MappedIncident, type MappedIncidentFields, type ValueMap } from './mapped-incident.js';
import { thrownFieldError } from '../../../test/support/field-errors.js';

/**
 * One incident as `GET /api/v1/incidents` returns it (IncidentDto, built field by field), plus the `timeline`
 * an export carries. It was imported into the other Hindsight from PagerDuty, so it has a source payload.
 */
function apiIncident(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: '1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e',
    key: 'INC-2026-0042',
    title: 'Checkout is unavailable for EU customers',
    functionality: 'Checkout',
    state: 'unavailable',
    audience: 'EU customers',
    severity: 'SEV2',
    peakSeverity: 'SEV1',
    status: 'closed',
    services: ['payments-api', 'checkout-web'],
    owningTeam: 'Payments',
    customerImpact: 'Customers could not pay by card',
    impactScope: 'some',
    knownCustomersImpacted: ['Acme Ltd'],
    commander: 'Dana',
    investigator: 'Lee',
    comms: 'Sam',
    scribe: null,
    tags: ['database', 'customer-facing'],
    source: 'pagerduty',
    externalId: 'Q2ZK3LJ9X8ABCD',
    sourcePayload: { id: 'Q2ZK3LJ9X8ABCD', urgency: 'high', title: 'Checkout down' },
    excludedFromMetrics: false,
    exclusionReason: null,
    startedAt: '2026-03-01T09:30:00.000Z',
    detectedAt: '2026-03-01T09:35:00.000Z',
    acknowledgedAt: '2026-03-01T09:40:00.000Z',
    investigatingAt: '2026-03-01T09:45:00.000Z',
    identifiedAt: null,
    mitigatedAt: '2026-03-01T10:30:00.000Z',
    resolvedAt: '2026-03-01T11:00:00.000Z',
    retroPrepAt: null,
    retroDoneAt: '2026-03-03T15:00:00.000Z',
    version: 7,
    createdAt: '2026-03-01T09:36:12.000Z',
    updatedAt: '2026-03-03T15:02:40.000Z',
    timeline: [
      { id: 'a1', incidentId: '1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e', incidentKey: 'INC-2026-0042', occurredAt: '2026-03-01T10:00:00.000Z', kind: 'status_update', author: 'Sam', body: 'Card payments failing; we are on it.', createdAt: '2026-03-01T10:00:05.000Z', updatedAt: '2026-03-01T10:00:05.000Z' },
      { id: 'a0', incidentId: '1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e', incidentKey: 'INC-2026-0042', occurredAt: '2026-03-01T09:50:00.000Z', kind: 'severity_change', author: null, body: 'SEV1 → SEV2', createdAt: '2026-03-01T09:50:01.000Z', updatedAt: '2026-03-01T09:50:01.000Z' },
    ],
    ...overrides,
  };
}

/** The smallest record that maps. */
const MINIMAL = { externalId: 'ext-1', title: 'Checkout down', severity: 'SEV2', startedAt: '2026-03-01T09:30:00Z' };
const MINIMAL_FIELDS: MappedIncidentFields = { title: 'Checkout down', severity: 'SEV2', startedAt: '2026-03-01T09:30:00.000Z' };

const values = (...specs: [field: string, from: string, to: string][]): ValueMap => {
  const map = new Map<string, Map<string, string>>();
  for (const [field, from, to] of specs) map.set(field, (map.get(field) ?? new Map()).set(from, to));
  return map;
};

function map(properties: Record<string, unknown>, options: MapOptions = {}): MappedIncident {
  return mapHindsightJsonRecord({ ...MINIMAL, ...properties }, options);
}

const fieldErrorOf = thrownFieldError;

describe('mapHindsightJsonRecord', () => {
  it('maps an API response record into the incident it describes, keeping the record whole', () => {
    const record = apiIncident();
    const mapped = mapHindsightJsonRecord(record, {});
    expect(mapped).toEqual({
      externalId: 'Q2ZK3LJ9X8ABCD',
      source: 'pagerduty',
      fields: {
        title: 'Checkout is unavailable for EU customers', severity: 'SEV2', peakSeverity: 'SEV1',
        functionality: 'Checkout', state: 'unavailable', audience: 'EU customers', services: ['payments-api', 'checkout-web'],
        owningTeam: 'Payments', customerImpact: 'Customers could not pay by card', impactScope: 'some', knownCustomersImpacted: ['Acme Ltd'],
        commander: 'Dana', investigator: 'Lee', comms: 'Sam', scribe: null, tags: ['database', 'customer-facing'],
        excludedFromMetrics: false, exclusionReason: null,
        startedAt: '2026-03-01T09:30:00.000Z', detectedAt: '2026-03-01T09:35:00.000Z', acknowledgedAt: '2026-03-01T09:40:00.000Z',
        investigatingAt: '2026-03-01T09:45:00.000Z', identifiedAt: null, mitigatedAt: '2026-03-01T10:30:00.000Z',
        resolvedAt: '2026-03-01T11:00:00.000Z', retroPrepAt: null, retroDoneAt: '2026-03-03T15:00:00.000Z',
      },
      timeline: [
        { occurredAt: '2026-03-01T09:50:00.000Z', kind: 'severity_change', author: null, body: 'SEV1 → SEV2' },
        { occurredAt: '2026-03-01T10:00:00.000Z', kind: 'status_update', author: 'Sam', body: 'Card payments failing; we are on it.' },
      ],
      sourcePayload: record,
    });
    expect(mapped.sourcePayload).toBe(record);
    expect(mapped.sourcePayload.sourcePayload).toBe(record.sourcePayload);
  });

  it('gives no field for a property the record does not have, and ignores what it does not read', () => {
    const mapped = map({ id: 'x', version: 3, status: 'active', createdAt: 'not read', updatedAt: 5, priority: 'P1' });
    expect(mapped.fields).toEqual(MINIMAL_FIELDS);
    expect(mapped.timeline).toEqual([]);
    expect(mapped.source).toBeUndefined();
  });

  it.each<[properties: Record<string, unknown>, fields: Partial<MappedIncidentFields>]>([
    [{ title: '  Padded  ' }, { title: 'Padded' }],
    [{ peakSeverity: null }, {}],
    [{ peakSeverity: '' }, {}],
    [{ functionality: 'Search', state: '', audience: null }, { functionality: 'Search', state: null, audience: null }],
    [{ owningTeam: 'SRE', commander: ' Dana ', investigator: '', comms: null, scribe: 'Kim' }, { owningTeam: 'SRE', commander: 'Dana', investigator: null, comms: null, scribe: 'Kim' }],
    [{ services: [' payments-api ', '', 'payments-api', 'web'] }, { services: ['payments-api', 'web'] }],
    [{ services: null, knownCustomersImpacted: [], tags: null }, { services: [], knownCustomersImpacted: [], tags: [] }],
    [{ customerImpact: null }, { customerImpact: '' }],
    [{ customerImpact: 'Slow pages' }, { customerImpact: 'Slow pages' }],
    [{ impactScope: 'all' }, { impactScope: 'all' }],
    [{ impactScope: 'Few' }, { impactScope: 'few' }],
    [{ impactScope: null }, {}],
    [{ impactScope: '' }, {}],
    [{ excludedFromMetrics: true, exclusionReason: 'Game day' }, { excludedFromMetrics: true, exclusionReason: 'Game day' }],
    [{ excludedFromMetrics: null }, { excludedFromMetrics: false }],
    [{ detectedAt: null, acknowledgedAt: '', investigatingAt: '2026-03-01T10:45:00+01:00' }, { detectedAt: null, acknowledgedAt: null, investigatingAt: '2026-03-01T09:45:00.000Z' }],
    [{ identifiedAt: '2026-03-01T10:00:00Z', mitigatedAt: '2026-03-01T10:30:00Z', resolvedAt: '2026-03-01T11:00:00Z' }, { identifiedAt: '2026-03-01T10:00:00.000Z', mitigatedAt: '2026-03-01T10:30:00.000Z', resolvedAt: '2026-03-01T11:00:00.000Z' }],
    [{ retroPrepAt: '2026-03-02T09:00:00Z', retroDoneAt: null }, { retroPrepAt: '2026-03-02T09:00:00.000Z', retroDoneAt: null }],
  ])('%j', (properties, fields) => {
    expect(map(properties).fields).toEqual({ ...MINIMAL_FIELDS, ...fields });
  });

  it.each<[properties: Record<string, unknown>, externalId: string, source: string | undefined]>([
    [{ externalId: 'pd-1', key: 'INC-2026-0001' }, 'pd-1', undefined],
    [{ externalId: null, key: 'INC-2026-0001', source: 'manual' }, 'INC-2026-0001', 'manual'],
    [{ externalId: '  ', key: 'INC-2026-0001' }, 'INC-2026-0001', undefined],
    [{ externalId: undefined, key: ' INC-2026-0002 ', source: '' }, 'INC-2026-0002', undefined],
  ])('takes the id and source from %j', (properties, externalId, source) => {
    const mapped = map(properties);
    expect(mapped.externalId).toBe(externalId);
    expect(mapped.source).toBe(source);
  });

  it('puts the timeline oldest first, keeping the file order of entries at the same instant', () => {
    const entry = (occurredAt: string, body: string) => ({ occurredAt, kind: 'note', author: '', body });
    const mapped = map({
      timeline: [entry('2026-03-01T10:00:00Z', 'c'), entry('2026-03-01T09:40:00Z', 'a'), entry('2026-03-01T11:00:00+01:00', 'b'), entry('2026-03-01T09:40:00Z', 'a2')],
    });
    expect(mapped.timeline.map((e) => e.body)).toEqual(['a', 'a2', 'c', 'b']);
    expect(mapped.timeline[0]).toEqual({ occurredAt: '2026-03-01T09:40:00.000Z', kind: 'note', author: null, body: 'a' });
  });

  it.each(['note', 'status_update', 'severity_change', 'milestone', 'action'])('reads timeline kind %s', (kind) => {
    expect(map({ timeline: [{ occurredAt: '2026-03-01T10:00:00Z', kind, body: 'x' }] }).timeline[0].kind).toBe(kind);
  });

  it.each<[name: string, properties: Record<string, unknown>, values: ValueMap, fields: Partial<MappedIncidentFields>]>([
    ['severity', { severity: '3' }, values(['severity', '3', 'SEV1']), { severity: 'SEV1' }],
    ['peak severity through the severity map', { severity: '2', peakSeverity: '3' }, values(['severity', '3', 'SEV1'], ['severity', '2', 'SEV2']), { severity: 'SEV2', peakSeverity: 'SEV1' }],
    ['peak severity through its own map', { peakSeverity: '3' }, values(['severity', '3', 'SEV1'], ['peak_severity', '3', 'SEV0']), { peakSeverity: 'SEV0' }],
    ['owning team', { owningTeam: 'Pay' }, values(['owning_team', 'Pay', 'Payments']), { owningTeam: 'Payments' }],
    ['impact scope', { impactScope: 'partial' }, values(['impact_scope', 'partial', 'some']), { impactScope: 'some' }],
    ['list items', { services: ['legacy-api', 'web'] }, values(['services', 'legacy-api', 'payments-api']), { services: ['payments-api', 'web'] }],
  ])('applies the value map to %s', (_name, properties, valueMap, fields) => {
    expect(map(properties, { values: valueMap }).fields).toEqual({ ...MINIMAL_FIELDS, ...fields });
  });

  it.each<[startedAt: string, timezone: string | undefined, utc: string]>([
    ['2026-01-15T10:00:00Z', 'Europe/Berlin', '2026-01-15T10:00:00.000Z'],
    ['2026-01-15T10:00:00', 'Europe/Berlin', '2026-01-15T09:00:00.000Z'],
    ['2026-07-15 10:00:00', 'Europe/Berlin', '2026-07-15T08:00:00.000Z'],
    ['2026-07-15T10:00:00+02:00', undefined, '2026-07-15T08:00:00.000Z'],
  ])('reads startedAt and timeline instants %s in %s as %s', (instant, timezone, utc) => {
    const mapped = map({ startedAt: instant, resolvedAt: instant, timeline: [{ occurredAt: instant, kind: 'note', body: 'x' }] }, { timezone });
    expect(mapped.fields.startedAt).toBe(utc);
    expect(mapped.fields.resolvedAt).toBe(utc);
    expect(mapped.timeline[0].occurredAt).toBe(utc);
  });

  it.each<[name: string, record: unknown, field: string, value: unknown, problem: RegExp]>([
    ['a list instead of a record', [MINIMAL], '(record)', [MINIMAL], /expected an object/],
    ['null instead of a record', null, '(record)', null, /expected an object/],
    ['text instead of a record', 'INC-1', '(record)', 'INC-1', /expected an object/],
    ['a numeric title', { ...MINIMAL, title: 42 }, 'title', 42, /expected text/],
    ['a missing title', { ...MINIMAL, title: undefined }, 'title', undefined, /is missing \(required\)/],
    ['an empty severity', { ...MINIMAL, severity: ' ' }, 'severity', ' ', /is empty \(required\)/],
    ['a null severity', { ...MINIMAL, severity: null }, 'severity', null, /is missing \(required\)/],
    ['a severity object', { ...MINIMAL, severity: { key: 'SEV1' } }, 'severity', { key: 'SEV1' }, /expected text/],
    ['a numeric peak severity', { ...MINIMAL, peakSeverity: 1 }, 'peakSeverity', 1, /expected text/],
    ['a missing start', { ...MINIMAL, startedAt: null }, 'startedAt', null, /is missing \(required\): when the impact began/],
    ['an epoch start', { ...MINIMAL, startedAt: 1767225600000 }, 'startedAt', 1767225600000, /not a timestamp/],
    ['a local start without a zone', { ...MINIMAL, startedAt: '2026-03-01T09:30:00' }, 'startedAt', '2026-03-01T09:30:00', /no time zone offset/],
    ['a bad milestone', { ...MINIMAL, resolvedAt: '2026-13-01T00:00:00Z' }, 'resolvedAt', '2026-13-01T00:00:00Z', /not an ISO 8601 timestamp/],
    ['a boolean milestone', { ...MINIMAL, detectedAt: true }, 'detectedAt', true, /not a timestamp/],
    ['services as text', { ...MINIMAL, services: 'payments-api' }, 'services', 'payments-api', /is not a list/],
    ['a number among services', { ...MINIMAL, services: ['a', 'b', 3] }, 'services[2]', 3, /is not text/],
    ['an object among tags', { ...MINIMAL, tags: [{ name: 'db' }] }, 'tags[0]', { name: 'db' }, /is not text/],
    ['a null customer', { ...MINIMAL, knownCustomersImpacted: ['Acme', null] }, 'knownCustomersImpacted[1]', null, /is not text/],
    ['a numeric owning team', { ...MINIMAL, owningTeam: 7 }, 'owningTeam', 7, /expected text/],
    ['a list of commanders', { ...MINIMAL, commander: ['Dana'] }, 'commander', ['Dana'], /expected text/],
    ['a numeric customer impact', { ...MINIMAL, customerImpact: 3 }, 'customerImpact', 3, /expected text/],
    ['an unknown impact scope', { ...MINIMAL, impactScope: 'most' }, 'impactScope', 'most', /one of: unknown, all, some, few/],
    ['a text boolean', { ...MINIMAL, excludedFromMetrics: 'yes' }, 'excludedFromMetrics', 'yes', /is not true or false/],
    ['a numeric boolean', { ...MINIMAL, excludedFromMetrics: 1 }, 'excludedFromMetrics', 1, /is not true or false/],
    ['a numeric source', { ...MINIMAL, source: 5 }, 'source', 5, /expected text/],
    ['a numeric id', { ...MINIMAL, externalId: 12345 }, 'externalId', 12345, /expected text/],
    ['no id and no key', { ...MINIMAL, externalId: null }, 'externalId', null, /is missing and so is key/],
    ['a timeline object', { ...MINIMAL, timeline: { entries: [] } }, 'timeline', { entries: [] }, /expected a list of objects/],
    ['a timeline entry that is text', { ...MINIMAL, timeline: ['note'] }, 'timeline[0]', 'note', /expected an object/],
    ['an unknown timeline kind', { ...MINIMAL, timeline: [{ occurredAt: '2026-03-01T10:00:00Z', kind: 'chat', body: 'x' }] }, 'timeline[0].kind', 'chat', /one of: note, status_update, severity_change, milestone, action/],
    ['a missing timeline kind', { ...MINIMAL, timeline: [{ occurredAt: '2026-03-01T10:00:00Z', body: 'x' }] }, 'timeline[0].kind', undefined, /missing/],
    ['a bad timeline instant', { ...MINIMAL, timeline: [{ occurredAt: '2026-03-01T10:00:00Z', kind: 'note', body: 'x' }, { occurredAt: 'soon', kind: 'note', body: 'y' }] }, 'timeline[1].occurredAt', 'soon', /not an ISO 8601 timestamp/],
    ['a blank timeline body', { ...MINIMAL, timeline: [{ occurredAt: '2026-03-01T10:00:00Z', kind: 'note', body: '  ' }] }, 'timeline[0].body', '  ', /empty/],
    ['a numeric timeline author', { ...MINIMAL, timeline: [{ occurredAt: '2026-03-01T10:00:00Z', kind: 'note', author: 9, body: 'x' }] }, 'timeline[0].author', 9, /expected text/],
  ])('refuses %s, naming the field and the value', (_name, record, field, value, problem) => {
    const error = fieldErrorOf(() => mapHindsightJsonRecord(record, {}));
    expect(error.field).toBe(field);
    expect(error.value).toEqual(value);
    expect(error.message).toMatch(problem);
  });
});
