import { readFileSync } from 'node:fs';
import { FieldError, type MapOptions, type MappedIncident, type ValueMap } from './mapped-incident.js';
import { mapStatuspageIncident, STATUSPAGE_RECORDS_KEY } from './statuspage.mapper.js';
import { severityErrorOf, thrownFieldError } from '../../../test/support/field-errors.js';

/**
 * Four incidents in the shape of `/api/v2/incidents.json` as githubstatus.com serves it (every field, updates
 * newest first, `started_at` a few ms before `created_at`, one incident monitored before it resolved and without
 * components), written for these tests. The same checks on real records: test/realdata/samples.realdata.spec.ts.
 */
const SAMPLE_FILE = new URL('../../../test/fixtures/imports/statuspage-incidents.json', import.meta.url);
const sample = JSON.parse(readFileSync(SAMPLE_FILE, 'utf8')) as Record<string, unknown>;
const sampleIncidents = sample[STATUSPAGE_RECORDS_KEY] as Record<string, unknown>[];
const sampleById = (id: string) => sampleIncidents.find((incident) => incident.id === id)!;

const ISO_Z = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const values = (field: string, entries: [string, string][]): ValueMap => new Map([[field, new Map(entries)]]);

/** A minimal Statuspage incident on fixed UTC instants; updates newest first, as the API lists them. */
function incident(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 'abc123',
    name: 'Elevated API errors',
    status: 'resolved',
    impact: 'major',
    created_at: '2026-03-01T10:05:00.000Z',
    started_at: '2026-03-01T10:00:00.000Z',
    monitoring_at: null,
    resolved_at: '2026-03-01T12:00:00.000Z',
    components: [{ id: 'c1', name: 'API' }],
    incident_updates: [
      { status: 'resolved', body: 'Fixed.', created_at: '2026-03-01T12:00:00.000Z', display_at: '2026-03-01T12:00:00.000Z' },
      { status: 'identified', body: 'A bad deploy.', created_at: '2026-03-01T10:30:00.000Z', display_at: '2026-03-01T10:30:00.000Z' },
      { status: 'investigating', body: 'Looking into it.', created_at: '2026-03-01T10:06:00.000Z', display_at: '2026-03-01T10:06:00.000Z' },
    ],
    ...overrides,
  };
}

const update = (status: string, createdAt: string, extra: Record<string, unknown> = {}) => ({ status, body: `${status} text`, created_at: createdAt, ...extra });

function map(record: unknown, options: MapOptions = {}): MappedIncident {
  return mapStatuspageIncident(record, options);
}

const fieldErrorOf = (record: unknown, options: MapOptions = {}): FieldError => thrownFieldError(() => map(record, options));

describe('mapStatuspageIncident on a file in the githubstatus.com shape', () => {
  it('names the wrapper key the reader splits on', () => {
    expect(STATUSPAGE_RECORDS_KEY).toBe('incidents');
    expect(sampleIncidents).toHaveLength(4);
  });

  it.each(sampleIncidents.map((record) => [record.id as string, record]))('%s maps with the invariants every record keeps', (_id, record) => {
    const mapped = map(record);
    const updates = record.incident_updates as unknown[];
    expect(mapped.externalId).toBe(record.id);
    expect(mapped.fields.title).toBe(record.name);
    expect(mapped.sourcePayload).toBe(record);
    expect(['SEV1', 'SEV2', 'SEV3']).toContain(mapped.fields.severity);
    expect(mapped.fields.detectedAt).toBe(new Date(record.created_at as string).toISOString());
    expect(Date.parse(mapped.fields.startedAt)).toBeLessThanOrEqual(Date.parse(mapped.fields.detectedAt!));
    expect(mapped.fields.resolvedAt).toBe(new Date(record.resolved_at as string).toISOString());
    for (const instant of [mapped.fields.startedAt, mapped.fields.investigatingAt, mapped.fields.mitigatedAt]) expect(instant).toMatch(ISO_Z);
    expect(new Set(mapped.fields.services).size).toBe(mapped.fields.services!.length);
    expect(mapped.timeline).toHaveLength(updates.length);
    for (const entry of mapped.timeline) {
      expect(entry).toMatchObject({ kind: 'status_update', author: null });
      expect(entry.occurredAt).toMatch(ISO_Z);
    }
    const times = mapped.timeline.map((entry) => Date.parse(entry.occurredAt));
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it.each([
    ['q7c2m4x9t1ab', {
      title: 'Delayed builds on hosted runners', severity: 'SEV3',
      startedAt: '2026-02-18T08:12:40.302Z', detectedAt: '2026-02-18T08:12:40.310Z', investigatingAt: '2026-02-18T08:12:40.356Z',
      identifiedAt: null, mitigatedAt: '2026-02-18T10:47:05.118Z', resolvedAt: '2026-02-18T10:47:05.118Z', services: ['Runners'],
    }, 3, 'investigating: We are investigating reports of delayed builds on hosted runners.', 'resolved: This incident has been resolved.'],
    ['k3v9p0d2w8cd', {
      title: 'Incident with Runners', severity: 'SEV2',
      startedAt: '2026-02-16T14:05:21.765Z', detectedAt: '2026-02-16T14:05:21.772Z', investigatingAt: '2026-02-16T14:05:21.810Z',
      identifiedAt: null, mitigatedAt: '2026-02-16T15:31:09.640Z', resolvedAt: '2026-02-16T15:31:09.640Z', services: ['Runners'],
    }, 5, 'investigating: We are investigating reports of degraded availability for Runners.', 'resolved: This incident has been resolved.'],
    ['h5n1z7y3r6ef', {
      title: 'Incident with Object Storage', severity: 'SEV3',
      startedAt: '2026-02-12T22:48:10.198Z', detectedAt: '2026-02-12T22:48:10.205Z', investigatingAt: '2026-02-12T22:48:10.251Z',
      identifiedAt: null, mitigatedAt: '2026-02-13T00:41:58.360Z', resolvedAt: '2026-02-13T00:41:58.360Z', services: ['Object Storage'],
    }, 4, 'investigating: We are investigating reports of degraded performance for Object Storage.', 'resolved: This incident has been resolved.'],
    ['b2t6s8j4m0gh', {
      title: 'Errors on the account settings page', severity: 'SEV3',
      startedAt: '2026-02-03T16:20:14.505Z', detectedAt: '2026-02-03T16:20:14.512Z', investigatingAt: '2026-02-03T16:20:14.560Z',
      identifiedAt: null, mitigatedAt: '2026-02-03T17:26:02.417Z', resolvedAt: '2026-02-03T17:39:48.905Z', services: [],
    }, 4, 'investigating: We are investigating errors on the account settings page.', 'resolved: This incident has been resolved'],
  ])('%s gives the hand-checked fields and timeline', (id, fields, entries, firstBody, lastBody) => {
    const mapped = map(sampleById(id));
    expect(mapped.externalId).toBe(id);
    expect(mapped.fields).toEqual(fields);
    expect(mapped.timeline).toHaveLength(entries);
    expect(mapped.timeline[0].body).toBe(firstBody);
    expect(mapped.timeline[0].occurredAt).toBe(fields.investigatingAt);
    expect(mapped.timeline.at(-1)!.body).toBe(lastBody);
    expect(mapped.timeline.at(-1)!.occurredAt).toBe(fields.resolvedAt);
  });
});

describe('mapStatuspageIncident milestones', () => {
  it('maps a full record on fixed instants', () => {
    expect(map(incident())).toEqual({
      externalId: 'abc123',
      fields: {
        title: 'Elevated API errors', severity: 'SEV2',
        startedAt: '2026-03-01T10:00:00.000Z', detectedAt: '2026-03-01T10:05:00.000Z',
        investigatingAt: '2026-03-01T10:06:00.000Z', identifiedAt: '2026-03-01T10:30:00.000Z',
        mitigatedAt: '2026-03-01T12:00:00.000Z', resolvedAt: '2026-03-01T12:00:00.000Z', services: ['API'],
      },
      timeline: [
        { occurredAt: '2026-03-01T10:06:00.000Z', kind: 'status_update', author: null, body: 'investigating: Looking into it.' },
        { occurredAt: '2026-03-01T10:30:00.000Z', kind: 'status_update', author: null, body: 'identified: A bad deploy.' },
        { occurredAt: '2026-03-01T12:00:00.000Z', kind: 'status_update', author: null, body: 'resolved: Fixed.' },
      ],
      sourcePayload: expect.any(Object),
    });
  });

  it.each<[string, unknown, string]>([
    ['started_at earlier than created_at', '2026-03-01T09:50:00Z', '2026-03-01T09:50:00.000Z'],
    ['started_at later than created_at (the earlier wins)', '2026-03-01T10:20:00Z', '2026-03-01T10:05:00.000Z'],
    ['started_at null', null, '2026-03-01T10:05:00.000Z'],
    ['started_at absent', undefined, '2026-03-01T10:05:00.000Z'],
    ['started_at with an offset', '2026-03-01T11:55:00+02:00', '2026-03-01T09:55:00.000Z'],
  ])('startedAt with %s', (_name, startedAt, expected) => {
    expect(map(incident({ started_at: startedAt })).fields.startedAt).toBe(expected);
  });

  it.each<[string, Record<string, unknown>, string | null]>([
    ['monitoring_at wins over a monitoring update', {
      monitoring_at: '2026-03-01T11:10:00Z',
      incident_updates: [update('monitoring', '2026-03-01T11:00:00Z')],
    }, '2026-03-01T11:10:00.000Z'],
    ['the first monitoring update by time when monitoring_at is null', {
      incident_updates: [update('monitoring', '2026-03-01T11:40:00Z'), update('monitoring', '2026-03-01T11:20:00Z'), update('investigating', '2026-03-01T10:10:00Z')],
    }, '2026-03-01T11:20:00.000Z'],
    ['resolved_at when nothing was monitored', { incident_updates: [update('investigating', '2026-03-01T10:10:00Z')] }, '2026-03-01T12:00:00.000Z'],
    ['null while unresolved and unmonitored', { resolved_at: null, incident_updates: [update('investigating', '2026-03-01T10:10:00Z')] }, null],
  ])('mitigatedAt is %s', (_name, overrides, expected) => {
    expect(map(incident(overrides)).fields.mitigatedAt).toBe(expected);
  });

  it('takes investigatingAt and identifiedAt from the earliest update of each status, whatever the input order', () => {
    const fields = map(incident({
      incident_updates: [
        update('identified', '2026-03-01T10:40:00Z'),
        update('investigating', '2026-03-01T10:07:00Z'),
        update('identified', '2026-03-01T10:35:00Z'),
        update('investigating', '2026-03-01T10:15:00Z'),
      ],
    })).fields;
    expect(fields.investigatingAt).toBe('2026-03-01T10:07:00.000Z');
    expect(fields.identifiedAt).toBe('2026-03-01T10:35:00.000Z');
  });

  it('uses created_at, not display_at, for milestones', () => {
    const fields = map(incident({
      incident_updates: [update('investigating', '2026-03-01T10:07:00Z', { display_at: '2026-03-01T10:01:00Z' })],
    })).fields;
    expect(fields.investigatingAt).toBe('2026-03-01T10:07:00.000Z');
  });

  it('leaves investigatingAt, identifiedAt and resolvedAt null when the record has none', () => {
    const fields = map(incident({ resolved_at: null, incident_updates: [] })).fields;
    expect(fields).toMatchObject({ investigatingAt: null, identifiedAt: null, mitigatedAt: null, resolvedAt: null });
  });
});

describe('mapStatuspageIncident severity', () => {
  it.each([
    ['critical', 'SEV1'],
    ['major', 'SEV2'],
    ['minor', 'SEV3'],
    ['none', 'SEV3'],
  ])('impact %s defaults to %s', (impact, severity) => {
    expect(map(incident({ impact })).fields.severity).toBe(severity);
  });

  it.each<[string, string, ValueMap, string]>([
    ['a user mapping wins over the default', 'minor', values('severity', [['minor', 'SEV2']]), 'SEV2'],
    ['a mapping to a custom key', 'critical', values('severity', [['critical', 'P0']]), 'P0'],
    ['a mapping for an impact with no default', 'maintenance', values('severity', [['maintenance', 'SEV3']]), 'SEV3'],
    ['a mapping of another impact leaves the default', 'major', values('severity', [['minor', 'SEV1']]), 'SEV2'],
    ['a mapping of another field leaves the default', 'major', values('team', [['major', 'SEV1']]), 'SEV2'],
    ['a mapping that keeps the value as is', 'major', values('severity', [['major', 'major']]), 'major'],
  ])('%s', (_name, impact, valueMap, severity) => {
    expect(map(incident({ impact }), { values: valueMap }).fields.severity).toBe(severity);
  });

  it.each<[string, unknown]>([
    ['maintenance', 'maintenance'],
    ['a misspelt impact', 'Critical'],
    ['a prototype key', 'toString'],
  ])('keeps %s with no mapping as it is, with the error that says how to map it when it names no level', (_name, impact) => {
    expect(map(incident({ impact })).fields.severity).toBe(impact);
    const error = severityErrorOf(() => map(incident({ impact })));
    expect(error.field).toBe('impact');
    expect(error.value).toBe(impact);
    expect(error.message).toContain(`--value severity:${impact as string}=`);
  });
});

describe('mapStatuspageIncident services and timeline', () => {
  it.each<[string, unknown, string[]]>([
    ['duplicates collapse, first order kept', [{ name: 'API' }, { name: 'Web' }, { name: 'API' }, { name: 'Git' }], ['API', 'Web', 'Git']],
    ['empty list', [], []],
    ['null', null, []],
    ['absent', undefined, []],
  ])('components: %s', (_name, components, services) => {
    expect(map(incident({ components })).fields.services).toEqual(services);
  });

  it('sorts updates given out of order oldest first, at display_at else created_at', () => {
    const timeline = map(incident({
      incident_updates: [
        update('investigating', '2026-03-01T10:06:00Z'),
        update('resolved', '2026-03-01T12:00:00Z'),
        update('identified', '2026-03-01T10:45:00Z', { display_at: '2026-03-01T10:30:00Z' }),
        update('monitoring', '2026-03-01T11:00:00Z', { display_at: null }),
      ],
    })).timeline;
    expect(timeline.map((entry) => [entry.occurredAt, entry.body])).toEqual([
      ['2026-03-01T10:06:00.000Z', 'investigating: investigating text'],
      ['2026-03-01T10:30:00.000Z', 'identified: identified text'],
      ['2026-03-01T11:00:00.000Z', 'monitoring: monitoring text'],
      ['2026-03-01T12:00:00.000Z', 'resolved: resolved text'],
    ]);
  });

  it('keeps the reverse of the feed order for updates at the same instant (the feed lists newest first)', () => {
    const timeline = map(incident({
      incident_updates: [update('resolved', '2026-03-01T12:00:00Z'), update('monitoring', '2026-03-01T12:00:00Z')],
    })).timeline;
    expect(timeline.map((entry) => entry.body)).toEqual(['monitoring: monitoring text', 'resolved: resolved text']);
  });

  it.each<[string, unknown, string]>([
    ['text as given, line breaks and spaces kept', 'Line one.\n  Line two. ', 'investigating: Line one.\n  Line two. '],
    ['empty text', '', 'investigating'],
    ['null text', null, 'investigating'],
    ['absent text', undefined, 'investigating'],
  ])('update body: %s', (_name, body, expected) => {
    const timeline = map(incident({ incident_updates: [{ status: 'investigating', body, created_at: '2026-03-01T10:06:00Z' }] })).timeline;
    expect(timeline).toEqual([{ occurredAt: '2026-03-01T10:06:00.000Z', kind: 'status_update', author: null, body: expected }]);
  });

  it('keeps the record whole as the source payload', () => {
    const record = incident({ shortlink: 'https://stspg.io/x', page_id: 'p1' });
    expect(map(record).sourcePayload).toBe(record);
  });
});

describe('mapStatuspageIncident time zones', () => {
  const local = {
    created_at: '2026-03-01 10:30:00', started_at: '2026-03-01T10:20', monitoring_at: null, resolved_at: '2026-07-01 12:00:00',
    incident_updates: [update('investigating', '2026-03-01 10:31:00')],
  };

  it('refuses a timestamp without an offset when no time zone is named', () => {
    const error = fieldErrorOf(incident(local));
    expect(error.field).toBe('created_at');
    expect(error.message).toContain('--timezone');
  });

  it('reads timestamps without an offset in the named zone (CET in March, CEST in July)', () => {
    const fields = map(incident(local), { timezone: 'Europe/Berlin' }).fields;
    expect(fields).toMatchObject({
      startedAt: '2026-03-01T09:20:00.000Z', detectedAt: '2026-03-01T09:30:00.000Z',
      investigatingAt: '2026-03-01T09:31:00.000Z', resolvedAt: '2026-07-01T10:00:00.000Z',
    });
  });

  it('keeps explicit offsets as they are when a zone is named', () => {
    expect(map(incident(), { timezone: 'Europe/Berlin' }).fields.detectedAt).toBe('2026-03-01T10:05:00.000Z');
  });
});

describe('mapStatuspageIncident refuses unreadable records', () => {
  it.each<[string, unknown, string, unknown]>([
    ['null', null, '(record)', null],
    ['a number', 42, '(record)', 42],
    ['text', 'incident', '(record)', 'incident'],
    ['a list', [incident()], '(record)', [incident()]],
    ['id missing', incident({ id: undefined }), 'id', undefined],
    ['id empty', incident({ id: '' }), 'id', ''],
    ['id a number', incident({ id: 12345 }), 'id', 12345],
    ['name missing', incident({ name: null }), 'name', null],
    ['name blank', incident({ name: '   ' }), 'name', '   '],
    ['name a number', incident({ name: 7 }), 'name', 7],
    ['impact missing', incident({ impact: undefined }), 'impact', undefined],
    ['impact a number', incident({ impact: 2 }), 'impact', 2],
    ['created_at missing', incident({ created_at: undefined }), 'created_at', undefined],
    ['created_at not a timestamp', incident({ created_at: 'yesterday' }), 'created_at', 'yesterday'],
    ['created_at a number', incident({ created_at: 1772359500000 }), 'created_at', 1772359500000],
    ['started_at an impossible date', incident({ started_at: '2026-02-30T10:00:00Z' }), 'started_at', '2026-02-30T10:00:00Z'],
    ['monitoring_at a boolean', incident({ monitoring_at: true }), 'monitoring_at', true],
    ['resolved_at not a timestamp', incident({ resolved_at: 'soon' }), 'resolved_at', 'soon'],
    ['components not a list', incident({ components: { name: 'API' } }), 'components', { name: 'API' }],
    ['a component not an object', incident({ components: [{ name: 'API' }, 'Web'] }), 'components[1]', 'Web'],
    ['a component without a name', incident({ components: [{ id: 'c9' }] }), 'components[0].name', undefined],
    ['updates not a list', incident({ incident_updates: 'resolved' }), 'incident_updates', 'resolved'],
    ['an update null', incident({ incident_updates: [update('resolved', '2026-03-01T12:00:00Z'), null] }), 'incident_updates[1]', null],
    ['an update without created_at', incident({ incident_updates: [update('resolved', '2026-03-01T12:00:00Z'), update('investigating', '2026-03-01T10:06:00Z'), { status: 'investigating', body: 'x' }] }), 'incident_updates[2].created_at', undefined],
    ['an update with a bad display_at', incident({ incident_updates: [update('investigating', '2026-03-01T10:06:00Z', { display_at: 'later' })] }), 'incident_updates[0].display_at', 'later'],
    ['an update status a number', incident({ incident_updates: [{ status: 3, body: 'x', created_at: '2026-03-01T10:06:00Z' }] }), 'incident_updates[0].status', 3],
    ['an update body a list', incident({ incident_updates: [{ status: 'investigating', body: ['x'], created_at: '2026-03-01T10:06:00Z' }] }), 'incident_updates[0].body', ['x']],
  ])('%s', (_name, record, field, value) => {
    const error = fieldErrorOf(record);
    expect(error.field).toBe(field);
    expect(error.value).toEqual(value);
    expect(error.message.startsWith(`${field}: `)).toBe(true);
  });
});
