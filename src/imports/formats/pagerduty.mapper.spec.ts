import { readFileSync } from 'node:fs';
import { FieldError, type MapOptions, type MappedIncident, type MappedIncidentFields, type MappedTimelineEntry, type ValueMap } from './mapped-incident.js';
import { mapPagerDutyIncident, PAGERDUTY_RECORDS_KEY } from './pagerduty.mapper.js';
import { severityErrorOf, thrownFieldError } from '../../../test/support/field-errors.js';

/** Hand-written `GET /incidents` records: one with log entries (listed newest first), two without, one open, one with priority null. */
const fixture = JSON.parse(readFileSync(new URL('../../../test/fixtures/imports/pagerduty-incidents.json', import.meta.url), 'utf8')) as Record<string, unknown>;
const fixtureIncidents = fixture[PAGERDUTY_RECORDS_KEY] as Record<string, unknown>[];
const fixtureById = (id: string) => fixtureIncidents.find((incident) => incident.id === id)!;

const severityValues = (entries: [string, string][]): ValueMap => new Map([['severity', new Map(entries)]]);

/** A minimal open PagerDuty incident on fixed UTC instants. */
function incident(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 'PABC123',
    title: 'Disk full on db-1',
    created_at: '2026-03-01T09:00:00Z',
    status: 'triggered',
    urgency: 'high',
    priority: { id: 'PPRIO02', type: 'priority_reference', summary: 'P2' },
    service: { id: 'PSVC1', type: 'service_reference', summary: 'db' },
    teams: [],
    acknowledgements: [],
    ...overrides,
  };
}

const logEntry = (type: string, createdAt: string, extra: Record<string, unknown> = {}) => ({ type, created_at: createdAt, summary: `${type} summary`, ...extra });

function map(record: unknown, options: MapOptions = {}): MappedIncident {
  return mapPagerDutyIncident(record, options);
}

const fieldErrorOf = (record: unknown, options: MapOptions = {}): FieldError => thrownFieldError(() => map(record, options));

describe('mapPagerDutyIncident on the fixture incidents', () => {
  it('names the wrapper key the reader splits on', () => {
    expect(PAGERDUTY_RECORDS_KEY).toBe('incidents');
    expect(fixtureIncidents).toHaveLength(4);
  });

  it.each<[string, MappedIncidentFields, number]>([
    // Log entries: the first acknowledgement by time (09:15:40, listed after the re-ack at 09:47:02), the resolve entry.
    ['PQ4F7K2', {
      title: 'Checkout API error rate above 5%', severity: 'SEV1',
      startedAt: '2026-02-03T09:12:04.000Z', detectedAt: '2026-02-03T09:12:04.000Z',
      acknowledgedAt: '2026-02-03T09:15:40.000Z', mitigatedAt: '2026-02-03T10:02:17.000Z', resolvedAt: '2026-02-03T10:02:17.000Z',
      services: ['checkout-api'], owningTeam: 'Payments',
    }, 8],
    // No log entries, acknowledgements emptied on resolve: no acknowledgement known; resolved_at.
    ['PX8M2RD', {
      title: 'Search latency p99 above 2s', severity: 'SEV3',
      startedAt: '2026-02-10T14:03:11.000Z', detectedAt: '2026-02-10T14:03:11.000Z',
      acknowledgedAt: null, mitigatedAt: '2026-02-10T15:40:00.000Z', resolvedAt: '2026-02-10T15:40:00.000Z',
      services: ['search-api'], owningTeam: 'Discovery',
    }, 0],
    // Open, priority null: urgency high → SEV2; the earlier of two acknowledgements; no team.
    ['PR5T9WB', {
      title: 'Notification queue backlog growing', severity: 'SEV2',
      startedAt: '2026-02-14T22:27:30.000Z', detectedAt: '2026-02-14T22:27:30.000Z',
      acknowledgedAt: '2026-02-14T22:29:47.000Z', mitigatedAt: null, resolvedAt: null,
      services: ['notifications-worker'], owningTeam: null,
    }, 0],
    // Older shape without resolved_at: a resolved incident's last status change is its resolution; first of two teams.
    ['PK3J6NV', {
      title: 'Login page returns 502 for some users', severity: 'SEV2',
      startedAt: '2026-02-20T05:41:02.000Z', detectedAt: '2026-02-20T05:41:02.000Z',
      acknowledgedAt: null, mitigatedAt: '2026-02-20T06:18:45.000Z', resolvedAt: '2026-02-20T06:18:45.000Z',
      services: ['auth-gateway'], owningTeam: 'Identity',
    }, 0],
  ])('%s', (id, fields, timelineLength) => {
    const record = fixtureById(id);
    const mapped = map(record);
    expect(mapped.externalId).toBe(id);
    expect(mapped.source).toBeUndefined();
    expect(mapped.fields).toEqual(fields);
    expect(mapped.timeline).toHaveLength(timelineLength);
    expect(mapped.sourcePayload).toBe(record);
  });

  it('turns the log entries (listed newest first) into a timeline oldest first: notes from the note text, the rest actions', () => {
    expect(map(fixtureById('PQ4F7K2')).timeline).toEqual<MappedTimelineEntry[]>([
      { occurredAt: '2026-02-03T09:12:04.000Z', kind: 'action', author: 'Datadog', body: 'Triggered through the API' },
      { occurredAt: '2026-02-03T09:12:05.000Z', kind: 'action', author: null, body: 'Notified Dana Whitfield by push notification' },
      { occurredAt: '2026-02-03T09:15:40.000Z', kind: 'action', author: 'Dana Whitfield', body: 'Acknowledged by Dana Whitfield' },
      { occurredAt: '2026-02-03T09:31:10.000Z', kind: 'note', author: 'Dana Whitfield', body: 'Rolled back deploy 2026.02.03-2; card payments recovering' },
      { occurredAt: '2026-02-03T09:45:40.000Z', kind: 'action', author: null, body: 'Unacknowledged due to timeout' },
      { occurredAt: '2026-02-03T09:47:02.000Z', kind: 'action', author: 'Sam Okafor', body: 'Acknowledged by Sam Okafor' },
      { occurredAt: '2026-02-03T09:58:30.000Z', kind: 'note', author: 'Dana Whitfield', body: 'Error rate back under 0.1% since the rollback; watching before resolving' },
      { occurredAt: '2026-02-03T10:02:17.000Z', kind: 'action', author: 'Dana Whitfield', body: 'Resolved by Dana Whitfield' },
    ]);
  });
});

describe('mapPagerDutyIncident severity', () => {
  it.each<[string, Record<string, unknown>, ValueMap | undefined, string]>([
    ['P1 → SEV1', { priority: { summary: 'P1' } }, undefined, 'SEV1'],
    ['P2 → SEV2', { priority: { summary: 'P2' } }, undefined, 'SEV2'],
    ['P3 → SEV3', { priority: { summary: 'P3' } }, undefined, 'SEV3'],
    ['P4 → SEV3', { priority: { summary: 'P4' } }, undefined, 'SEV3'],
    ['P5 → SEV3', { priority: { summary: 'P5' } }, undefined, 'SEV3'],
    ['a full priority object without summary: its name', { priority: { id: 'PPRIO01', type: 'priority', name: 'P1', color: 'a8171c' } }, undefined, 'SEV1'],
    ['the priority wins over the urgency', { priority: { summary: 'P3' }, urgency: 'high' }, undefined, 'SEV3'],
    ['priority null, urgency high → SEV2', { priority: null, urgency: 'high' }, undefined, 'SEV2'],
    ['priority absent, urgency low → SEV3', { priority: undefined, urgency: 'low' }, undefined, 'SEV3'],
    ['the user map overrides a default priority', { priority: { summary: 'P2' } }, severityValues([['P2', 'SEV1']]), 'SEV1'],
    ['the user map names a custom priority', { priority: { summary: 'Sev-0' } }, severityValues([['Sev-0', 'SEV1']]), 'SEV1'],
    ['the user map overrides a default urgency', { priority: null, urgency: 'high' }, severityValues([['high', 'SEV1']]), 'SEV1'],
    ['the user map may map a value to itself', { priority: { summary: 'SEV2' } }, severityValues([['SEV2', 'SEV2']]), 'SEV2'],
  ])('%s', (_name, overrides, values, severity) => {
    expect(map(incident(overrides), { values }).fields.severity).toBe(severity);
  });

  it.each<[string, Record<string, unknown>, string, unknown, string]>([
    ['an unknown priority', { priority: { summary: 'Critical' } }, 'priority.summary', 'Critical', '--value severity:Critical=<level key>'],
    ['an unknown priority name', { priority: { name: 'Sev-0' } }, 'priority.name', 'Sev-0', '--value severity:Sev-0=<level key>'],
    ['an unknown urgency', { priority: null, urgency: 'medium' }, 'urgency', 'medium', '--value severity:medium=<level key>'],
    ['neither priority nor urgency', { priority: null, urgency: undefined }, 'urgency', null, 'no priority or urgency'],
    ['a priority without a name', { priority: { id: 'PPRIO09', type: 'priority_reference' } }, 'priority.summary', undefined, 'no name'],
  ])('%s is refused, naming the field and how to map it', (_name, overrides, field, value, hint) => {
    const error = severityErrorOf(() => map(incident(overrides)));
    expect(error).toMatchObject({ field, value });
    expect(error.message).toContain(hint);
  });
});

describe('mapPagerDutyIncident milestones', () => {
  it.each<[string, Record<string, unknown>, { acknowledgedAt: string | null; resolvedAt: string | null }]>([
    ['the first acknowledgement log entry by time, not by list position', {
      log_entries: [logEntry('acknowledge_log_entry', '2026-03-01T09:30:00Z'), logEntry('acknowledge_log_entry', '2026-03-01T09:05:00Z')],
    }, { acknowledgedAt: '2026-03-01T09:05:00.000Z', resolvedAt: null }],
    ['a log entry wins over the acknowledgements list', {
      log_entries: [logEntry('acknowledge_log_entry', '2026-03-01T09:05:00Z')],
      acknowledgements: [{ at: '2026-03-01T09:40:00Z' }],
    }, { acknowledgedAt: '2026-03-01T09:05:00.000Z', resolvedAt: null }],
    ['without an acknowledgement entry: the earliest acknowledgement', {
      log_entries: [logEntry('trigger_log_entry', '2026-03-01T09:00:00Z')],
      acknowledgements: [{ at: '2026-03-01T09:40:00Z' }, { at: '2026-03-01T09:10:00+01:00' }],
    }, { acknowledgedAt: '2026-03-01T08:10:00.000Z', resolvedAt: null }],
    ['the resolve entry wins over resolved_at', {
      status: 'resolved', resolved_at: '2026-03-01T11:00:00Z', last_status_change_at: '2026-03-01T11:00:00Z',
      log_entries: [logEntry('resolve_log_entry', '2026-03-01T10:59:58Z')],
    }, { acknowledgedAt: null, resolvedAt: '2026-03-01T10:59:58.000Z' }],
    ['resolved_at wins over the last status change', {
      status: 'resolved', resolved_at: '2026-03-01T11:00:00Z', last_status_change_at: '2026-03-01T11:30:00Z',
    }, { acknowledgedAt: null, resolvedAt: '2026-03-01T11:00:00.000Z' }],
    ['an open incident\'s last status change is not a resolution', {
      status: 'acknowledged', last_status_change_at: '2026-03-01T09:20:00Z', acknowledgements: [{ at: '2026-03-01T09:20:00Z' }],
    }, { acknowledgedAt: '2026-03-01T09:20:00.000Z', resolvedAt: null }],
    ['nothing known', { log_entries: null, acknowledgements: undefined }, { acknowledgedAt: null, resolvedAt: null }],
  ])('%s', (_name, overrides, expected) => {
    const { fields } = map(incident(overrides));
    expect({ acknowledgedAt: fields.acknowledgedAt, resolvedAt: fields.resolvedAt }).toEqual(expected);
    expect(fields.mitigatedAt).toBe(expected.resolvedAt);
    expect(fields.startedAt).toBe('2026-03-01T09:00:00.000Z');
    expect(fields.detectedAt).toBe('2026-03-01T09:00:00.000Z');
  });
});

describe('mapPagerDutyIncident timeline entries', () => {
  it.each<[string, Record<string, unknown>, Omit<MappedTimelineEntry, 'occurredAt'>]>([
    ['a note from channel.content', logEntry('annotate_log_entry', '2026-03-01T09:10:00Z', {
      summary: 'Note added', agent: { summary: 'Dana' }, channel: { type: 'note', summary: 'short', content: 'the whole note' },
    }), { kind: 'note', author: 'Dana', body: 'the whole note' }],
    ['a note from channel.summary', logEntry('annotate_log_entry', '2026-03-01T09:10:00Z', {
      summary: 'Note added', channel: { type: 'note', summary: 'Failing over to db-2' },
    }), { kind: 'note', author: null, body: 'Failing over to db-2' }],
    ['a note without channel text: the entry summary', logEntry('annotate_log_entry', '2026-03-01T09:10:00Z', { summary: 'Note added', channel: null }),
      { kind: 'note', author: null, body: 'Note added' }],
    ['an action by its agent', logEntry('escalate_log_entry', '2026-03-01T09:10:00Z', { summary: 'Escalated to Lee', agent: { type: 'user_reference', summary: 'Sam' } }),
      { kind: 'action', author: 'Sam', body: 'Escalated to Lee' }],
    ['an action without a summary: its type', { type: 'snooze_log_entry', created_at: '2026-03-01T09:10:00Z', agent: { summary: '' } },
      { kind: 'action', author: null, body: 'snooze_log_entry' }],
  ])('%s', (_name, entry, expected) => {
    expect(map(incident({ log_entries: [entry] })).timeline).toEqual([{ occurredAt: '2026-03-01T09:10:00.000Z', ...expected }]);
  });

  it('sorts entries out of order oldest first, across offsets', () => {
    const timeline = map(incident({
      log_entries: [
        logEntry('resolve_log_entry', '2026-03-01T10:00:00Z'),
        logEntry('trigger_log_entry', '2026-03-01T09:00:00Z'),
        logEntry('acknowledge_log_entry', '2026-03-01T10:30:00+01:00'),
      ],
    })).timeline;
    expect(timeline.map((entry) => [entry.occurredAt, entry.body])).toEqual([
      ['2026-03-01T09:00:00.000Z', 'trigger_log_entry summary'],
      ['2026-03-01T09:30:00.000Z', 'acknowledge_log_entry summary'],
      ['2026-03-01T10:00:00.000Z', 'resolve_log_entry summary'],
    ]);
  });
});

describe('mapPagerDutyIncident fields', () => {
  it.each<[string, Record<string, unknown>, Partial<MappedIncidentFields>]>([
    ['title falls back to summary', { title: undefined, summary: '[#7] Disk full' }, { title: '[#7] Disk full' }],
    ['a blank title falls back to summary', { title: ' ', summary: '[#7] Disk full' }, { title: '[#7] Disk full' }],
    ['the first team with a name', { teams: [{ id: 'PT1', type: 'team_reference', summary: '' }, { summary: 'Storage' }] }, { owningTeam: 'Storage' }],
    ['no teams: no owning team', { teams: undefined }, { owningTeam: null }],
  ])('%s', (_name, overrides, expected) => {
    expect(map(incident(overrides)).fields).toMatchObject(expected);
  });

  it.each([['null', null], ['absent', undefined], ['without a name', { id: 'PSVC1', type: 'service_reference' }]])('leaves services unset when the service is %s', (_name, service) => {
    expect(Object.hasOwn(map(incident({ service })).fields, 'services')).toBe(false);
  });

  it.each<[string, MapOptions, string]>([
    ['Europe/Berlin (UTC+1 in winter)', { timezone: 'Europe/Berlin' }, '2026-03-01T08:00:00.000Z'],
    ['America/New_York (UTC−5 in winter)', { timezone: 'America/New_York' }, '2026-03-01T14:00:00.000Z'],
  ])('reads a timestamp without an offset in the named zone: %s', (_name, options, startedAt) => {
    expect(map(incident({ created_at: '2026-03-01 09:00:00' }), options).fields.startedAt).toBe(startedAt);
  });

  it('refuses a timestamp without an offset when no zone is named', () => {
    const error = fieldErrorOf(incident({ created_at: '2026-03-01 09:00:00' }));
    expect(error).toMatchObject({ field: 'created_at', value: '2026-03-01 09:00:00' });
    expect(error.message).toContain('--timezone');
  });
});

describe('mapPagerDutyIncident refuses unreadable records', () => {
  it.each<[string, unknown, string]>([
    ['a record that is null', null, '(record)'],
    ['a record that is a list', [incident()], '(record)'],
    ['a record that is text', 'PABC123', '(record)'],
    ['a missing id', incident({ id: undefined }), 'id'],
    ['a numeric id', incident({ id: 123 }), 'id'],
    ['a missing title and summary', incident({ title: undefined, summary: undefined }), 'title'],
    ['a numeric title', incident({ title: 42 }), 'title'],
    ['a missing created_at', incident({ created_at: undefined }), 'created_at'],
    ['a created_at that is no date', incident({ created_at: 'yesterday' }), 'created_at'],
    ['an impossible created_at', incident({ created_at: '2026-02-30T09:00:00Z' }), 'created_at'],
    ['a numeric created_at', incident({ created_at: 1772355600 }), 'created_at'],
    ['log_entries that are not a list', incident({ log_entries: { type: 'trigger_log_entry' } }), 'log_entries'],
    ['a log entry that is not an object', incident({ log_entries: [logEntry('trigger_log_entry', '2026-03-01T09:00:00Z'), 'ack'] }), 'log_entries[1]'],
    ['a log entry without a type', incident({ log_entries: [{ created_at: '2026-03-01T09:00:00Z' }] }), 'log_entries[0].type'],
    ['a log entry with a bad created_at', incident({ log_entries: [logEntry('trigger_log_entry', '2026-03-01T09:00:00Z'), logEntry('resolve_log_entry', 'soon')] }), 'log_entries[1].created_at'],
    ['a log entry agent that is text', incident({ log_entries: [logEntry('trigger_log_entry', '2026-03-01T09:00:00Z', { agent: 'Datadog' })] }), 'log_entries[0].agent'],
    ['a numeric note text', incident({ log_entries: [logEntry('annotate_log_entry', '2026-03-01T09:00:00Z', { channel: { content: 7 } })] }), 'log_entries[0].channel.content'],
    ['acknowledgements that are not a list', incident({ acknowledgements: '2026-03-01T09:05:00Z' }), 'acknowledgements'],
    ['an acknowledgement without at', incident({ acknowledgements: [{ acknowledger: { summary: 'Dana' } }] }), 'acknowledgements[0].at'],
    ['a bad resolved_at', incident({ resolved_at: '2026-03-01' }), 'resolved_at'],
    ['a priority that is text', incident({ priority: 'P1' }), 'priority'],
    ['a numeric priority summary', incident({ priority: { summary: 1 } }), 'priority.summary'],
    ['a numeric urgency', incident({ priority: null, urgency: 1 }), 'urgency'],
    ['a service that is text', incident({ service: 'db' }), 'service'],
    ['a numeric service summary', incident({ service: { summary: 5 } }), 'service.summary'],
    ['teams that are not a list', incident({ teams: 'Storage' }), 'teams'],
    ['a numeric team summary', incident({ teams: [{ summary: 5 }] }), 'teams[0].summary'],
  ])('%s', (_name, record, field) => {
    expect(fieldErrorOf(record).field).toBe(field);
  });
});
