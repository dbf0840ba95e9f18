import { readFileSync } from 'node:fs';
import { mapGcpIncident } from './gcp.mapper.js';
import { FieldError, type MapOptions, type MappedIncident, type ValueMap } from './mapped-incident.js';
import { severityErrorOf, thrownFieldError } from '../../../test/support/field-errors.js';

/**
 * Three incidents in the shape of status.cloud.google.com/incidents.json (a top-level array; every field, updates
 * newest first, the first update a few seconds before `created`, one incident of several products, one with an
 * update posted a day after its end), written for these tests. The same checks on real records:
 * test/realdata/samples.realdata.spec.ts.
 */
const SAMPLE_FILE = new URL('../../../test/fixtures/imports/gcp-incidents.json', import.meta.url);
const sampleIncidents = JSON.parse(readFileSync(SAMPLE_FILE, 'utf8')) as Record<string, unknown>[];
const sampleById = (id: string) => sampleIncidents.find((incident) => incident.id === id)!;

const ISO_Z = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const values = (field: string, entries: [string, string][]): ValueMap => new Map([[field, new Map(entries)]]);

/** A minimal Google Cloud incident on fixed UTC instants; updates newest first, as the feed lists them. */
function incident(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 'gcp123',
    number: '123456789',
    begin: '2026-03-01T10:00:00+00:00',
    created: '2026-03-01T10:20:00+00:00',
    end: '2026-03-01T12:00:00+00:00',
    modified: '2026-03-01T12:05:00+00:00',
    external_desc: 'Elevated error rates in Cloud Storage',
    status_impact: 'SERVICE_DISRUPTION',
    severity: 'medium',
    service_name: 'Cloud Storage',
    affected_products: [{ title: 'Cloud Storage', id: 'p1' }],
    updates: [
      { created: '2026-03-01T12:00:00+00:00', when: '2026-03-01T12:00:00+00:00', status: 'AVAILABLE', text: 'Resolved.' },
      { created: '2026-03-01T10:20:00+00:00', when: '2026-03-01T10:20:00+00:00', status: 'SERVICE_DISRUPTION', text: 'Investigating.' },
    ],
    ...overrides,
  };
}

const update = (status: string, when: string | null, extra: Record<string, unknown> = {}) => ({ status, text: `${status} text`, created: when, when, ...extra });

function map(record: unknown, options: MapOptions = {}): MappedIncident {
  return mapGcpIncident(record, options);
}

const fieldErrorOf = (record: unknown, options: MapOptions = {}): FieldError => thrownFieldError(() => map(record, options));

describe('mapGcpIncident on a file in the status.cloud.google.com shape', () => {
  it('holds the three incidents', () => {
    expect(sampleIncidents.map((record) => record.id)).toEqual(['Xq81LmZt3VbN2cR7pK0d', 'Hw2s9KdE4uYp6TnA1qLm', 'Rb7Vc3Nx0ZsQ5jWe8yTk']);
  });

  it.each(sampleIncidents.map((record) => [record.id as string, record]))('%s maps with the invariants every record keeps', (_id, record) => {
    const mapped = map(record);
    const updates = record.updates as unknown[];
    expect(mapped.externalId).toBe(record.id);
    expect(mapped.fields.title).toBe(record.external_desc);
    expect(mapped.sourcePayload).toBe(record);
    expect(['SEV1', 'SEV2', 'SEV3']).toContain(mapped.fields.severity);
    expect(mapped.fields.startedAt).toBe(new Date(record.begin as string).toISOString());
    expect(mapped.fields.detectedAt).toBe(new Date(record.created as string).toISOString());
    expect(mapped.fields.resolvedAt).toBe(new Date(record.end as string).toISOString());
    expect(mapped.fields.mitigatedAt).toBe(mapped.fields.resolvedAt);
    expect(mapped.fields.services!.length).toBeGreaterThan(0);
    expect(new Set(mapped.fields.services).size).toBe(mapped.fields.services!.length);
    expect(mapped.timeline).toHaveLength(updates.length);
    for (const entry of mapped.timeline) {
      expect(entry).toMatchObject({ kind: 'status_update', author: null });
      expect(entry.occurredAt).toMatch(ISO_Z);
    }
    const times = mapped.timeline.map((entry) => Date.parse(entry.occurredAt));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(times[0]).toBeLessThan(times.at(-1)!);
  });

  it.each([
    ['Xq81LmZt3VbN2cR7pK0d', {
      title: '[Cloud Pub/Sub] Higher publish latency in some regions', severity: 'SEV3',
      startedAt: '2026-01-22T09:14:31.000Z', detectedAt: '2026-01-22T09:40:12.000Z',
      mitigatedAt: '2026-01-22T13:02:57.000Z', resolvedAt: '2026-01-22T13:02:57.000Z', services: ['Cloud Pub/Sub'],
    }, 4, '2026-01-22T09:40:03.000Z', 'SERVICE_INFORMATION: Summary: [Cloud Pub/Sub] Higher publish latency in some regions\nDescription: We are looking into higher publish latency for Cloud Pub/Sub.',
    '2026-01-22T13:02:57.000Z', 'AVAILABLE: Publish latency for Cloud Pub/Sub is back to normal for all affected users as of Thursday, 2026-01-22 05:02 US/Pacific.\nThank you for your patience'],
    ['Hw2s9KdE4uYp6TnA1qLm', {
      title: 'Intermittent failures creating Cloud Run services and slow Cloud Build triggers in a few regions.', severity: 'SEV3',
      startedAt: '2026-01-20T17:30:00.000Z', detectedAt: '2026-01-20T18:02:47.000Z',
      mitigatedAt: '2026-01-21T01:44:19.000Z', resolvedAt: '2026-01-21T01:44:19.000Z', services: ['Cloud Run', 'Cloud Build'],
    }, 5, '2026-01-20T18:02:40.000Z', 'SERVICE_INFORMATION: Summary: Intermittent failures creating Cloud Run services\nDescription:',
    '2026-01-21T01:44:19.000Z', 'AVAILABLE: We saw an issue with Cloud Run and Cloud Build starting Tuesday, 2026-01-20 09:30 US/Pacific.'],
    ['Rb7Vc3Nx0ZsQ5jWe8yTk', {
      title: 'Global: Cloud Load Balancing returned intermittent 502 errors for some HTTPS backends.', severity: 'SEV2',
      startedAt: '2026-01-15T06:41:00.000Z', detectedAt: '2026-01-15T07:58:22.000Z',
      mitigatedAt: '2026-01-15T08:35:00.000Z', resolvedAt: '2026-01-15T08:35:00.000Z', services: ['Cloud Load Balancing'],
    }, 4, '2026-01-15T07:58:16.000Z', 'SERVICE_DISRUPTION: Summary: Global: Cloud Load Balancing returned intermittent 502 errors\nDescription:',
    '2026-01-16T02:12:07.000Z', 'AVAILABLE: We are sorry for the trouble this disruption caused.'],
  ])('%s gives the hand-checked fields and timeline', (id, fields, entries, firstAt, firstBody, lastAt, lastBody) => {
    const mapped = map(sampleById(id));
    expect(mapped.externalId).toBe(id);
    expect(mapped.fields).toEqual(fields);
    expect(mapped.timeline).toHaveLength(entries);
    expect(mapped.timeline[0].occurredAt).toBe(firstAt);
    expect(mapped.timeline[0].body.startsWith(firstBody)).toBe(true);
    expect(mapped.timeline.at(-1)!.occurredAt).toBe(lastAt);
    expect(mapped.timeline.at(-1)!.body.startsWith(lastBody)).toBe(true);
  });
});

describe('mapGcpIncident fields', () => {
  it('maps a full record on fixed instants', () => {
    expect(map(incident())).toEqual({
      externalId: 'gcp123',
      fields: {
        title: 'Elevated error rates in Cloud Storage', severity: 'SEV2',
        startedAt: '2026-03-01T10:00:00.000Z', detectedAt: '2026-03-01T10:20:00.000Z',
        mitigatedAt: '2026-03-01T12:00:00.000Z', resolvedAt: '2026-03-01T12:00:00.000Z', services: ['Cloud Storage'],
      },
      timeline: [
        { occurredAt: '2026-03-01T10:20:00.000Z', kind: 'status_update', author: null, body: 'SERVICE_DISRUPTION: Investigating.' },
        { occurredAt: '2026-03-01T12:00:00.000Z', kind: 'status_update', author: null, body: 'AVAILABLE: Resolved.' },
      ],
      sourcePayload: expect.any(Object),
    });
  });

  it.each<[string, unknown]>([['null', null], ['absent', undefined], ['empty', '']])('an ongoing incident (end %s) has neither mitigatedAt nor resolvedAt', (_name, end) => {
    expect(map(incident({ end })).fields).toMatchObject({ mitigatedAt: null, resolvedAt: null });
  });

  it.each<[string, unknown]>([['null', null], ['absent', undefined]])('created %s leaves detectedAt null', (_name, created) => {
    expect(map(incident({ created })).fields).toMatchObject({ startedAt: '2026-03-01T10:00:00.000Z', detectedAt: null });
  });

  it('reads offsets other than UTC', () => {
    expect(map(incident({ begin: '2026-03-01T02:00:00-08:00' })).fields.startedAt).toBe('2026-03-01T10:00:00.000Z');
  });

  it('takes services from affected_products, not service_name', () => {
    const fields = map(incident({ service_name: 'Multiple Products', affected_products: [{ title: 'Cloud SQL' }, { title: 'Composer' }] })).fields;
    expect(fields.services).toEqual(['Cloud SQL', 'Composer']);
  });

  it.each<[string, unknown, string[]]>([
    ['duplicates collapse, first order kept', [{ title: 'Cloud SQL' }, { title: 'Composer' }, { title: 'Cloud SQL' }], ['Cloud SQL', 'Composer']],
    ['empty list', [], []],
    ['null', null, []],
    ['absent', undefined, []],
  ])('affected_products: %s', (_name, products, services) => {
    expect(map(incident({ affected_products: products })).fields.services).toEqual(services);
  });

  it('keeps the record whole as the source payload', () => {
    const record = incident({ most_recent_update: { status: 'AVAILABLE' }, uri: 'incidents/gcp123' });
    expect(map(record).sourcePayload).toBe(record);
  });
});

describe('mapGcpIncident severity', () => {
  it.each([
    ['high', 'SEV1'],
    ['medium', 'SEV2'],
    ['low', 'SEV3'],
  ])('severity %s defaults to %s', (severity, expected) => {
    expect(map(incident({ severity })).fields.severity).toBe(expected);
  });

  it.each<[string, string, ValueMap, string]>([
    ['a user mapping wins over the default', 'low', values('severity', [['low', 'SEV2']]), 'SEV2'],
    ['a mapping to a custom key', 'high', values('severity', [['high', 'P1']]), 'P1'],
    ['a mapping for a severity with no default', 'critical', values('severity', [['critical', 'SEV1']]), 'SEV1'],
    ['a mapping of another severity leaves the default', 'medium', values('severity', [['low', 'SEV1']]), 'SEV2'],
    ['a mapping of another field leaves the default', 'medium', values('services', [['medium', 'SEV1']]), 'SEV2'],
  ])('%s', (_name, severity, valueMap, expected) => {
    expect(map(incident({ severity }), { values: valueMap }).fields.severity).toBe(expected);
  });

  it.each<[string, string]>([
    ['an unknown severity', 'critical'],
    ['a differently cased severity', 'HIGH'],
    ['a prototype key', 'constructor'],
  ])('keeps %s with no mapping as it is, with the error that says how to map it when it names no level', (_name, severity) => {
    expect(map(incident({ severity })).fields.severity).toBe(severity);
    const error = severityErrorOf(() => map(incident({ severity })));
    expect(error.field).toBe('severity');
    expect(error.value).toBe(severity);
    expect(error.message).toContain(`--value severity:${severity}=`);
  });
});

describe('mapGcpIncident timeline', () => {
  it('sorts updates oldest first whatever the input order', () => {
    const timeline = map(incident({
      updates: [
        update('SERVICE_DISRUPTION', '2026-03-01T10:40:00+00:00'),
        update('AVAILABLE', '2026-03-01T12:00:00+00:00'),
        update('SERVICE_INFORMATION', '2026-03-01T10:20:00+00:00'),
        update('SERVICE_OUTAGE', '2026-03-01T11:00:00+00:00'),
      ],
    })).timeline;
    expect(timeline.map((entry) => [entry.occurredAt, entry.body])).toEqual([
      ['2026-03-01T10:20:00.000Z', 'SERVICE_INFORMATION: SERVICE_INFORMATION text'],
      ['2026-03-01T10:40:00.000Z', 'SERVICE_DISRUPTION: SERVICE_DISRUPTION text'],
      ['2026-03-01T11:00:00.000Z', 'SERVICE_OUTAGE: SERVICE_OUTAGE text'],
      ['2026-03-01T12:00:00.000Z', 'AVAILABLE: AVAILABLE text'],
    ]);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['when, over created', { created: '2026-03-01T10:30:00+00:00', when: '2026-03-01T10:25:00+00:00' }, '2026-03-01T10:25:00.000Z'],
    ['created, when when is null', { created: '2026-03-01T10:30:00+00:00', when: null }, '2026-03-01T10:30:00.000Z'],
    ['created, when when is absent', { created: '2026-03-01T10:30:00+00:00' }, '2026-03-01T10:30:00.000Z'],
  ])('an update occurs at %s', (_name, instants, occurredAt) => {
    const timeline = map(incident({ updates: [{ status: 'SERVICE_DISRUPTION', text: 'x', ...instants }] })).timeline;
    expect(timeline.map((entry) => entry.occurredAt)).toEqual([occurredAt]);
  });

  it.each<[string, unknown, string]>([
    ['text as given, line breaks kept', 'Summary: x\nDescription: y', 'SERVICE_OUTAGE: Summary: x\nDescription: y'],
    ['empty text', '', 'SERVICE_OUTAGE'],
    ['null text', null, 'SERVICE_OUTAGE'],
  ])('update body: %s', (_name, text, body) => {
    const timeline = map(incident({ updates: [{ status: 'SERVICE_OUTAGE', text, when: '2026-03-01T10:30:00Z' }] })).timeline;
    expect(timeline).toEqual([{ occurredAt: '2026-03-01T10:30:00.000Z', kind: 'status_update', author: null, body }]);
  });

  it.each<[string, unknown]>([['an empty list', []], ['null', null], ['absent', undefined]])('updates as %s give an empty timeline', (_name, updates) => {
    expect(map(incident({ updates })).timeline).toEqual([]);
  });
});

describe('mapGcpIncident time zones', () => {
  const local = { begin: '2026-07-01 10:00:00', created: '2026-07-01T10:20', end: '2026-12-01 09:00:00', updates: [update('AVAILABLE', '2026-07-01 11:00:00')] };

  it('refuses a timestamp without an offset when no time zone is named', () => {
    const error = fieldErrorOf(incident(local));
    expect(error.field).toBe('begin');
    expect(error.message).toContain('--timezone');
  });

  it('reads timestamps without an offset in the named zone (CEST in July, CET in December)', () => {
    const mapped = map(incident(local), { timezone: 'Europe/Berlin' });
    expect(mapped.fields).toMatchObject({
      startedAt: '2026-07-01T08:00:00.000Z', detectedAt: '2026-07-01T08:20:00.000Z',
      mitigatedAt: '2026-12-01T08:00:00.000Z', resolvedAt: '2026-12-01T08:00:00.000Z',
    });
    expect(mapped.timeline[0].occurredAt).toBe('2026-07-01T09:00:00.000Z');
  });
});

describe('mapGcpIncident refuses unreadable records', () => {
  it.each<[string, unknown, string, unknown]>([
    ['null', null, '(record)', null],
    ['a number', 7, '(record)', 7],
    ['a list', [incident()], '(record)', [incident()]],
    ['id missing', incident({ id: undefined }), 'id', undefined],
    ['id a number', incident({ id: 1526778062 }), 'id', 1526778062],
    ['external_desc missing', incident({ external_desc: null }), 'external_desc', null],
    ['external_desc empty', incident({ external_desc: '' }), 'external_desc', ''],
    ['external_desc an object', incident({ external_desc: { text: 'x' } }), 'external_desc', { text: 'x' }],
    ['begin missing', incident({ begin: undefined }), 'begin', undefined],
    ['begin not a timestamp', incident({ begin: '1 July 2022' }), 'begin', '1 July 2022'],
    ['created a number', incident({ created: 1656684302 }), 'created', 1656684302],
    ['end not a timestamp', incident({ end: 'ongoing' }), 'end', 'ongoing'],
    ['severity missing', incident({ severity: undefined }), 'severity', undefined],
    ['severity a number', incident({ severity: 1 }), 'severity', 1],
    ['affected_products not a list', incident({ affected_products: 'Cloud SQL' }), 'affected_products', 'Cloud SQL'],
    ['a product without a title', incident({ affected_products: [{ title: 'Cloud SQL' }, { id: 'p2' }] }), 'affected_products[1].title', undefined],
    ['updates not a list', incident({ updates: { status: 'AVAILABLE' } }), 'updates', { status: 'AVAILABLE' }],
    ['an update a string', incident({ updates: ['AVAILABLE'] }), 'updates[0]', 'AVAILABLE'],
    ['an update with neither when nor created', incident({ updates: [update('AVAILABLE', '2026-03-01T12:00:00Z'), update('SERVICE_OUTAGE', null)] }), 'updates[1].created', null],
    ['an update with a bad when', incident({ updates: [update('AVAILABLE', '2026-03-01T12:00:00Z', { when: 'now' })] }), 'updates[0].when', 'now'],
    ['an update status missing', incident({ updates: [{ text: 'x', when: '2026-03-01T12:00:00Z' }] }), 'updates[0].status', undefined],
    ['an update text a number', incident({ updates: [{ status: 'AVAILABLE', text: 42, when: '2026-03-01T12:00:00Z' }] }), 'updates[0].text', 42],
  ])('%s', (_name, record, field, value) => {
    const error = fieldErrorOf(record);
    expect(error.field).toBe(field);
    expect(error.value).toEqual(value);
    expect(error.message.startsWith(`${field}: `)).toBe(true);
  });
});
