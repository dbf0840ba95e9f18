import { readFileSync } from 'node:fs';
import { FieldError, type MapOptions, type MappedIncident, type MappedIncidentFields, type ValueMap } from './mapped-incident.js';
import { mapPagerDutyAnalyticsIncident } from './pagerduty-analytics.mapper.js';
import { severityErrorOf, thrownFieldError } from '../../../test/support/field-errors.js';

const fixtureText = (name: string) => readFileSync(new URL(`../../../test/fixtures/imports/${name}`, import.meta.url), 'utf8');

/** The CSV fixture as the CSV reader hands it over: header → cell text. Its cells hold no quotes or commas. */
function csvRows(text: string): Record<string, string>[] {
  const [header, ...lines] = text.trim().split('\n');
  const columns = header.split(',');
  return lines.map((line) => Object.fromEntries(line.split(',').map((cell, index) => [columns[index], cell])));
}

/** The same five rows, once as CSV text cells and once as JSON with numbers, nulls and booleans. */
const fromCsv = csvRows(fixtureText('pagerduty-analytics.csv'));
const fromJson = JSON.parse(fixtureText('pagerduty-analytics.json')) as Record<string, unknown>[];

const severityValues = (entries: [string, string][]): ValueMap => new Map([['severity', new Map(entries)]]);

/** A minimal analytics row as CSV text on fixed UTC instants: acknowledged after 2 min, resolved after 1 h. */
function row(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 'PABC123',
    incident_number: '7',
    description: 'Disk full on db-1',
    created_at: '2026-03-01T09:00:00Z',
    resolved_at: '',
    seconds_to_first_ack: '120',
    seconds_to_resolve: '3600',
    seconds_to_engage: '',
    urgency: 'high',
    priority_name: 'P2',
    service_name: 'db',
    team_name: 'Storage',
    major: 'false',
    ...overrides,
  };
}

function map(record: unknown, options: MapOptions = {}): MappedIncident {
  return mapPagerDutyAnalyticsIncident(record, options);
}

const fieldErrorOf = (record: unknown, options: MapOptions = {}): FieldError => thrownFieldError(() => map(record, options));

const expectedById: Record<string, MappedIncidentFields> = {
  // Both ends given; 09:12:04 + 216 s = 09:15:40.
  PQ4F7K2: {
    title: 'Checkout API error rate above 5%', severity: 'SEV1',
    startedAt: '2026-02-03T09:12:04.000Z', detectedAt: '2026-02-03T09:12:04.000Z', acknowledgedAt: '2026-02-03T09:15:40.000Z',
    mitigatedAt: '2026-02-03T10:02:17.000Z', resolvedAt: '2026-02-03T10:02:17.000Z', services: ['checkout-api'], owningTeam: 'Payments',
  },
  // created_at at +01:00; no resolved_at: 14:03:11Z + 5809 s (1 h 36 min 49 s) = 15:40:00Z; + 428 s = 14:10:19Z.
  PX8M2RD: {
    title: 'Search latency p99 above 2s', severity: 'SEV3',
    startedAt: '2026-02-10T14:03:11.000Z', detectedAt: '2026-02-10T14:03:11.000Z', acknowledgedAt: '2026-02-10T14:10:19.000Z',
    mitigatedAt: '2026-02-10T15:40:00.000Z', resolvedAt: '2026-02-10T15:40:00.000Z', services: ['search-api'], owningTeam: 'Discovery',
  },
  // Open, no priority: urgency high → SEV2; no team.
  PR5T9WB: {
    title: 'Notification queue backlog growing', severity: 'SEV2',
    startedAt: '2026-02-14T22:27:30.000Z', detectedAt: '2026-02-14T22:27:30.000Z', acknowledgedAt: '2026-02-14T22:29:47.000Z',
    mitigatedAt: null, resolvedAt: null, services: ['notifications-worker'], owningTeam: null,
  },
  // Never acknowledged.
  PK3J6NV: {
    title: 'Login page returns 502 for some users', severity: 'SEV2',
    startedAt: '2026-02-20T05:41:02.000Z', detectedAt: '2026-02-20T05:41:02.000Z', acknowledgedAt: null,
    mitigatedAt: '2026-02-20T06:18:45.000Z', resolvedAt: '2026-02-20T06:18:45.000Z', services: ['auth-gateway'], owningTeam: 'Identity',
  },
  // Fractional seconds to acknowledge: 03:00:12 + 45.5 s.
  PW2N8CQ: {
    title: 'Nightly export job failed', severity: 'SEV3',
    startedAt: '2026-02-22T03:00:12.000Z', detectedAt: '2026-02-22T03:00:12.000Z', acknowledgedAt: '2026-02-22T03:00:57.500Z',
    mitigatedAt: '2026-02-22T03:25:00.000Z', resolvedAt: '2026-02-22T03:25:00.000Z', services: ['data-export'], owningTeam: null,
  },
};

describe('mapPagerDutyAnalyticsIncident on the fixture rows', () => {
  it('has the same rows in the CSV and the JSON fixture', () => {
    expect(fromCsv.map((r) => r.id)).toEqual(Object.keys(expectedById));
    expect(fromJson.map((r) => r.id)).toEqual(Object.keys(expectedById));
    expect(typeof fromJson[0].seconds_to_first_ack).toBe('number');
  });

  it.each(Object.entries(expectedById).flatMap(([id, fields]): [string, string, Record<string, unknown>, MappedIncidentFields][] => [
    ['CSV', id, fromCsv.find((r) => r.id === id)!, fields],
    ['JSON', id, fromJson.find((r) => r.id === id)!, fields],
  ]))('%s %s', (_format, id, record, fields) => {
    const mapped = map(record);
    expect(mapped.externalId).toBe(id);
    expect(mapped.fields).toEqual(fields);
    expect(mapped.timeline).toEqual([]);
    expect(mapped.sourcePayload).toBe(record);
  });
});

describe('mapPagerDutyAnalyticsIncident durations', () => {
  it.each<[string, unknown, string | null]>([
    ['text seconds', '120', '2026-03-01T09:02:00.000Z'],
    ['a number', 120, '2026-03-01T09:02:00.000Z'],
    ['zero', 0, '2026-03-01T09:00:00.000Z'],
    ['decimal text', '0.25', '2026-03-01T09:00:00.250Z'],
    ['text with spaces around it', ' 60 ', '2026-03-01T09:01:00.000Z'],
    ['a large number (over a day)', 90061, '2026-03-02T10:01:01.000Z'],
    ['empty text: not acknowledged', '', null],
    ['blank text: not acknowledged', '  ', null],
    ['null: not acknowledged', null, null],
    ['absent: not acknowledged', undefined, null],
  ])('seconds_to_first_ack as %s', (_name, seconds, acknowledgedAt) => {
    expect(map(row({ seconds_to_first_ack: seconds })).fields.acknowledgedAt).toBe(acknowledgedAt);
  });

  it.each<[string, Record<string, unknown>, string | null]>([
    ['resolved_at wins over seconds_to_resolve', { resolved_at: '2026-03-01T09:59:59Z', seconds_to_resolve: '3600' }, '2026-03-01T09:59:59.000Z'],
    ['without resolved_at: created_at + seconds_to_resolve', { resolved_at: '', seconds_to_resolve: 7200 }, '2026-03-01T11:00:00.000Z'],
    ['resolved_at with an offset', { resolved_at: '2026-03-01T11:30:00+01:00', seconds_to_resolve: null }, '2026-03-01T10:30:00.000Z'],
    ['neither: open', { resolved_at: null, seconds_to_resolve: '' }, null],
  ])('%s', (_name, overrides, resolvedAt) => {
    const { fields } = map(row(overrides));
    expect(fields.resolvedAt).toBe(resolvedAt);
    expect(fields.mitigatedAt).toBe(resolvedAt);
  });

  it.each<[string, string, unknown]>([
    ['negative text', 'seconds_to_first_ack', '-5'],
    ['a negative number', 'seconds_to_first_ack', -5],
    ['words', 'seconds_to_first_ack', 'two minutes'],
    ['a unit', 'seconds_to_first_ack', '120s'],
    ['exponent notation', 'seconds_to_first_ack', '1e3'],
    ['a boolean', 'seconds_to_first_ack', true],
    ['infinity', 'seconds_to_first_ack', Number.POSITIVE_INFINITY],
    ['a list', 'seconds_to_resolve', [3600]],
    ['negative seconds to resolve even with resolved_at', 'seconds_to_resolve', '-1'],
  ])('refuses %s', (_name, field, value) => {
    const error = fieldErrorOf(row({ resolved_at: '2026-03-01T10:00:00Z', [field]: value }));
    expect(error).toMatchObject({ field, value });
    expect(error.message).toContain('seconds ≥ 0');
  });
});

describe('mapPagerDutyAnalyticsIncident severity', () => {
  it.each<[string, Record<string, unknown>, ValueMap | undefined, string]>([
    ['priority P1', { priority_name: 'P1' }, undefined, 'SEV1'],
    ['priority P4', { priority_name: 'P4' }, undefined, 'SEV3'],
    ['the priority wins over the urgency', { priority_name: 'P3', urgency: 'high' }, undefined, 'SEV3'],
    ['empty priority: urgency high', { priority_name: '', urgency: 'high' }, undefined, 'SEV2'],
    ['null priority: urgency low', { priority_name: null, urgency: 'low' }, undefined, 'SEV3'],
    ['the user map overrides a default priority', { priority_name: 'P2' }, severityValues([['P2', 'SEV1']]), 'SEV1'],
    ['the user map names a custom priority', { priority_name: 'Sev 0' }, severityValues([['Sev 0', 'SEV1']]), 'SEV1'],
    ['the user map overrides an urgency', { priority_name: '', urgency: 'low' }, severityValues([['low', 'SEV2']]), 'SEV2'],
  ])('%s', (_name, overrides, values, severity) => {
    expect(map(row(overrides), { values }).fields.severity).toBe(severity);
  });

  it.each<[string, Record<string, unknown>, string, unknown, string]>([
    ['an unknown priority', { priority_name: 'Critical' }, 'priority_name', 'Critical', '--value severity:Critical=<level key>'],
    ['an unknown urgency', { priority_name: '', urgency: 'medium' }, 'urgency', 'medium', '--value severity:medium=<level key>'],
    ['neither', { priority_name: '', urgency: '' }, 'urgency', null, 'no priority or urgency'],
  ])('refuses %s, naming the field and how to map it', (_name, overrides, field, value, hint) => {
    const error = severityErrorOf(() => map(row(overrides)));
    expect(error).toMatchObject({ field, value });
    expect(error.message).toContain(hint);
  });

  it.each([['SEV-2'], ['Sev 2'], ['sev2']])('keeps priority %s as it is, for the import to resolve', (priority) => {
    const mapped = map(row({ priority_name: priority }));
    expect(mapped.fields.severity).toBe(priority);
    expect(mapped.unmappedSeverity).toMatchObject({ field: 'priority_name', value: priority });
  });
});

describe('mapPagerDutyAnalyticsIncident fields', () => {
  it.each<[string, Record<string, unknown>, Partial<MappedIncidentFields>]>([
    ['title when description is empty', { description: '', title: 'Disk full' }, { title: 'Disk full' }],
    ['title when description is absent', { description: undefined, title: 'Disk full' }, { title: 'Disk full' }],
    ['description wins over title', { description: 'Disk full on db-1', title: 'other' }, { title: 'Disk full on db-1' }],
    ['empty team: none', { team_name: '' }, { owningTeam: null }],
  ])('%s', (_name, overrides, expected) => {
    expect(map(row(overrides)).fields).toMatchObject(expected);
  });

  it.each([['empty', ''], ['null', null], ['absent', undefined]])('leaves services unset when service_name is %s', (_name, service) => {
    expect(Object.hasOwn(map(row({ service_name: service })).fields, 'services')).toBe(false);
  });

  it('reads a timestamp without an offset in the named zone, and everything after it from there', () => {
    const { fields } = map(row({ created_at: '2026-03-01 10:00:00' }), { timezone: 'Europe/Berlin' });
    expect([fields.startedAt, fields.acknowledgedAt, fields.resolvedAt]).toEqual(['2026-03-01T09:00:00.000Z', '2026-03-01T09:02:00.000Z', '2026-03-01T10:00:00.000Z']);
  });

  it('refuses a timestamp without an offset when no zone is named', () => {
    const error = fieldErrorOf(row({ created_at: '2026-03-01 10:00:00' }));
    expect(error).toMatchObject({ field: 'created_at', value: '2026-03-01 10:00:00' });
    expect(error.message).toContain('--timezone');
  });
});

describe('mapPagerDutyAnalyticsIncident refuses unreadable rows', () => {
  it.each<[string, unknown, string]>([
    ['a row that is null', null, '(record)'],
    ['a row that is a list', ['PABC123'], '(record)'],
    ['a row that is a number', 7, '(record)'],
    ['an empty id', row({ id: '' }), 'id'],
    ['a missing id', row({ id: undefined }), 'id'],
    ['a numeric id', row({ id: 7 }), 'id'],
    ['no description or title', row({ description: '', title: '' }), 'description'],
    ['a numeric description', row({ description: 5 }), 'description'],
    ['an empty created_at', row({ created_at: '' }), 'created_at'],
    ['a created_at that is no date', row({ created_at: '03/01/2026 09:00' }), 'created_at'],
    ['a bad resolved_at', row({ resolved_at: 'n/a' }), 'resolved_at'],
    ['a numeric priority', row({ priority_name: 1 }), 'priority_name'],
    ['a numeric service', row({ service_name: 5 }), 'service_name'],
    ['a boolean team', row({ team_name: false }), 'team_name'],
  ])('%s', (_name, record, field) => {
    expect(fieldErrorOf(record).field).toBe(field);
  });
});
