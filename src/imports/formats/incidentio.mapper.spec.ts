import { readFileSync } from 'node:fs';
import { InvalidInputError } from '../../common/errors.js';
import {
  DEFAULT_INCIDENTIO_CONFIG, INCIDENTIO_RECORDS_KEY, mapIncidentIoIncident, parseIncidentIoConfig, type IncidentIoConfig,
} from './incidentio.mapper.js';
import { FieldError, type MapOptions, type MappedIncident, type MappedIncidentFields, type ValueMap } from './mapped-incident.js';
import { severityErrorOf, thrownFieldError } from '../../../test/support/field-errors.js';

const fixtureJson = (name: string): unknown => JSON.parse(readFileSync(new URL(`../../../test/fixtures/imports/${name}`, import.meta.url), 'utf8'));

/** Hand-written `GET /v2/incidents` records: standard, live, test mode, retrospective with a custom severity, declined. */
const fixtureIncidents = (fixtureJson('incidentio-incidents.json') as Record<string, unknown>)[INCIDENTIO_RECORDS_KEY] as Record<string, unknown>[];
const fixtureById = (id: string) => fixtureIncidents.find((incident) => incident.id === id)!;
/** A user's config: "Mitigated at" replaces "Fixed at", an engagement timestamp, a custom severity, a technical lead. */
const fixtureConfig = parseIncidentIoConfig(fixtureJson('incidentio.config.json'));

const severityValues = (entries: [string, string][]): ValueMap => new Map([['severity', new Map(entries)]]);

const timestamp = (name: string, value: string | null) => ({ incident_timestamp: { id: `ts-${name}`, name, rank: 1 }, value: value === null ? null : { value } });
const assignment = (name: string, roleType: string, assignee: string | null) => ({
  role: { id: `role-${name}`, name, role_type: roleType, shortform: name.toLowerCase() },
  ...(assignee === null ? {} : { assignee: { id: `user-${assignee}`, name: assignee, email: `${assignee.toLowerCase()}@example.com` } }),
});
const customField = (name: string, values: unknown[]) => ({ custom_field: { id: `cf-${name}`, name, field_type: 'multi_select' }, values });

/** A minimal incident.io incident on fixed UTC instants. */
function incident(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: '01HZZZ0000000000000000TEST',
    reference: 'INC-7',
    name: 'Disk full on db-1',
    summary: 'Writes failed for ten minutes.',
    mode: 'standard',
    created_at: '2026-03-01T09:05:00Z',
    severity: { id: 'sev-major', name: 'Major', rank: 2 },
    incident_status: { id: 'st-closed', name: 'Closed', category: 'closed', rank: 6 },
    incident_timestamp_values: [timestamp('Impact started', '2026-03-01T09:00:00Z'), timestamp('Reported at', '2026-03-01T09:05:00Z')],
    incident_role_assignments: [],
    custom_field_entries: [],
    ...overrides,
  };
}

function map(record: unknown, options: MapOptions & { config?: IncidentIoConfig } = {}): MappedIncident {
  return mapIncidentIoIncident(record, { ...options, config: options.config ?? DEFAULT_INCIDENTIO_CONFIG });
}

const fieldErrorOf = (record: unknown, options: MapOptions & { config?: IncidentIoConfig } = {}): FieldError => thrownFieldError(() => map(record, options));

function configErrorOf(json: unknown): InvalidInputError {
  try {
    parseIncidentIoConfig(json);
  } catch (error) {
    if (error instanceof InvalidInputError) return error;
    throw error;
  }
  throw new Error('expected an InvalidInputError, but the config parsed');
}

const noMilestones = { investigatingAt: null, identifiedAt: null, mitigatedAt: null, resolvedAt: null, retroPrepAt: null, retroDoneAt: null };
const noRoles = { commander: null, investigator: null, comms: null, scribe: null };
const included = { excludedFromMetrics: false, exclusionReason: null };

describe('mapIncidentIoIncident on the fixture incidents with the default config', () => {
  it('names the wrapper key the reader splits on', () => {
    expect(INCIDENTIO_RECORDS_KEY).toBe('incidents');
    expect(fixtureIncidents).toHaveLength(5);
  });

  it.each<[string, MappedIncidentFields]>([
    // Every default timestamp; "Closed at" ignored; five roles, the technical lead unmapped; catalog and option values.
    ['01HQ7ZP8KX3V9M2N4B6C8D0E1F', {
      title: 'Card payments failing for EU customers', severity: 'SEV1',
      startedAt: '2026-03-02T09:58:00.000Z', detectedAt: '2026-03-02T10:14:22.481Z', acknowledgedAt: '2026-03-02T10:16:05.120Z',
      ...noMilestones, mitigatedAt: '2026-03-02T11:02:40.000Z', resolvedAt: '2026-03-02T11:45:00.000Z', retroDoneAt: '2026-03-04T15:30:00.000Z',
      services: ['checkout-api', 'payments-gateway'], owningTeam: 'Payments',
      customerImpact: 'Customers paying by card in the EU saw declines at checkout for about an hour.',
      commander: 'Dana Whitfield', investigator: null, comms: 'Priya Nair', scribe: 'Lee Chen', tags: [], ...included,
    }],
    // Live, no "Impact started": starts when reported (13:20 at +01:00); unset timestamps null; lead unassigned; no services field.
    ['01HQB4M6T2W8Y0A2C4E6G8J0K2', {
      title: 'Search results missing recent listings', severity: 'SEV2',
      startedAt: '2026-03-06T12:20:00.000Z', detectedAt: '2026-03-06T12:20:00.000Z', acknowledgedAt: '2026-03-06T12:31:12.000Z',
      ...noMilestones, owningTeam: 'Discovery', customerImpact: '', ...noRoles, tags: [], ...included,
    }],
    // Test mode: excluded.
    ['01HQD1N3P5R7T9V1X3Z5B7D9F1', {
      title: 'Test incident: paging drill', severity: 'SEV3',
      startedAt: '2026-03-09T15:00:04.902Z', detectedAt: '2026-03-09T15:00:04.902Z', acknowledgedAt: null,
      ...noMilestones, resolvedAt: '2026-03-09T15:12:30.000Z', owningTeam: null,
      customerImpact: 'Drill to check the on-call rota pages the right people.', ...noRoles, commander: 'Priya Nair', tags: [],
      excludedFromMetrics: true, exclusionReason: 'incident.io test incident',
    }],
    // Declined in triage: not an incident, excluded.
    ['01HQH5S7U9W1Y3A5C7E9G1J3K5', {
      title: 'Spike in 404s on the marketing site', severity: 'SEV3',
      startedAt: '2026-03-13T08:42:51.006Z', detectedAt: '2026-03-13T08:42:51.006Z', acknowledgedAt: null, ...noMilestones,
      owningTeam: null, customerImpact: 'Bots crawling removed pages; no customer impact.', ...noRoles, tags: [],
      excludedFromMetrics: true, exclusionReason: 'incident.io incident declined',
    }],
  ])('%s', (id, fields) => {
    const record = fixtureById(id);
    const mapped = map(record);
    expect(mapped.externalId).toBe(id);
    expect(mapped.fields).toEqual(fields);
    expect(mapped.timeline).toEqual([]);
    expect(mapped.sourcePayload).toBe(record);
  });

  it('keeps the custom severity the default config does not know as it is, with the error that says both ways to map it', () => {
    expect(map(fixtureById('01HQF8Q0S2U4W6Y8A0C2E4G6J8')).fields.severity).toBe('Sev 0 (all hands)');
    const error = severityErrorOf(() => map(fixtureById('01HQF8Q0S2U4W6Y8A0C2E4G6J8')));
    expect(error).toMatchObject({ field: 'severity.name', value: 'Sev 0 (all hands)' });
    expect(error.message).toContain('"severities" in the incident.io config');
    expect(error.message).toContain('--value severity:Sev 0 (all hands)=<level key>');
  });

  it('maps the retrospective incident once the user maps its severity: no detection time, the lead role is the commander', () => {
    const { fields } = map(fixtureById('01HQF8Q0S2U4W6Y8A0C2E4G6J8'), { values: severityValues([['Sev 0 (all hands)', 'SEV1']]) });
    expect(fields).toEqual({
      title: 'Data warehouse loads stalled overnight', severity: 'SEV1',
      startedAt: '2026-03-10T22:05:00.000Z', detectedAt: null, acknowledgedAt: null,
      ...noMilestones, mitigatedAt: '2026-03-10T23:40:00.000Z', resolvedAt: '2026-03-11T01:00:00.000Z',
      services: ['data-warehouse', 'reporting-api'], owningTeam: 'Data Platform',
      customerImpact: 'Reports showed data up to 22:00 until the loads caught up.',
      ...noRoles, commander: 'Lee Chen', tags: [], ...included,
    });
  });
});

describe('mapIncidentIoIncident on the fixture incidents with the fixture config', () => {
  it.each<[string, Partial<MappedIncidentFields>]>([
    // "Fixed at" switched off and no "Mitigated at" on this one: no mitigation; the technical lead investigates.
    ['01HQ7ZP8KX3V9M2N4B6C8D0E1F', { mitigatedAt: null, resolvedAt: '2026-03-02T11:45:00.000Z', investigator: 'Ahmed Yusuf', commander: 'Dana Whitfield' }],
    // The custom severity, "Mitigated at" instead of "Fixed at", the engagement timestamp.
    ['01HQF8Q0S2U4W6Y8A0C2E4G6J8', {
      severity: 'SEV1', investigatingAt: '2026-03-10T22:20:00.000Z', mitigatedAt: '2026-03-10T23:10:00.000Z',
      investigator: 'Ahmed Yusuf', commander: 'Lee Chen',
    }],
    // The defaults the config leaves alone still apply.
    ['01HQB4M6T2W8Y0A2C4E6G8J0K2', { severity: 'SEV2', detectedAt: '2026-03-06T12:20:00.000Z', acknowledgedAt: '2026-03-06T12:31:12.000Z', owningTeam: 'Discovery' }],
  ])('%s', (id, expected) => {
    expect(map(fixtureById(id), { config: fixtureConfig }).fields).toMatchObject(expected);
  });
});

describe('parseIncidentIoConfig', () => {
  it('gives the defaults for an empty config', () => {
    expect(parseIncidentIoConfig({})).toEqual(DEFAULT_INCIDENTIO_CONFIG);
  });

  it('has the documented defaults: a workspace\'s timestamp names, the older names as aliases, "Documented at" and "Closed at" unmapped', () => {
    expect(DEFAULT_INCIDENTIO_CONFIG).toEqual({
      timestamps: {
        'Impact started at': 'started_at', 'Reported at': 'detected_at', 'Accepted at': 'acknowledged_at', 'Identified at': 'identified_at',
        'Fixed at': 'mitigated_at', 'Resolved at': 'resolved_at', 'Documented at': null, 'Reviewed at': 'retro_done_at', 'Closed at': null,
        'Impact started': 'started_at', 'Post-incident review completed': 'retro_done_at',
      },
      severities: { Critical: 'SEV1', Major: 'SEV2', Minor: 'SEV3' },
      servicesField: 'Affected services',
      teamField: 'Team',
      roles: { 'Incident Lead': 'commander', 'Communications Lead': 'comms', Scribe: 'scribe' },
    });
  });

  it('merges the user config over the defaults name by name', () => {
    expect(fixtureConfig).toEqual({
      timestamps: {
        'Impact started at': 'started_at', 'Reported at': 'detected_at', 'Accepted at': 'acknowledged_at', 'Identified at': 'identified_at',
        'Fixed at': null, 'Resolved at': 'resolved_at', 'Documented at': null, 'Reviewed at': 'retro_done_at', 'Closed at': null,
        'Impact started': 'started_at', 'Post-incident review completed': 'retro_done_at',
        'Mitigated at': 'mitigated_at', 'First responder engaged': 'investigating_at',
      },
      severities: { Critical: 'SEV1', Major: 'SEV2', Minor: 'SEV3', 'Sev 0 (all hands)': 'SEV1' },
      servicesField: 'Affected services',
      teamField: 'Team',
      roles: { 'Incident Lead': 'commander', 'Communications Lead': 'comms', Scribe: 'scribe', 'Technical Lead': 'investigator' },
    });
  });

  it.each<[string, Record<string, unknown>, Partial<IncidentIoConfig>]>([
    ['other custom field names', { servicesField: 'Services', teamField: 'Owning team' }, { servicesField: 'Services', teamField: 'Owning team' }],
    ['null custom field names', { servicesField: null, teamField: null }, { servicesField: null, teamField: null }],
    ['a default severity replaced', { severities: { Minor: 'SEV4' } }, { severities: { Critical: 'SEV1', Major: 'SEV2', Minor: 'SEV4' } }],
  ])('accepts %s', (_name, json, expected) => {
    expect(parseIncidentIoConfig(json)).toMatchObject(expected);
  });

  it.each<[string, unknown, string, string]>([
    ['a config that is a list', [], 'incident.io config', 'must be a JSON object'],
    ['a config that is null', null, 'incident.io config', 'must be a JSON object'],
    ['a misspelt key', { timestamp: {} }, 'timestamp', 'the keys are timestamps, severities, servicesField, teamField, roles'],
    ['timestamps as a list', { timestamps: ['Impact started'] }, 'timestamps', 'must be an object'],
    ['an unknown milestone', { timestamps: { 'Fixed at': 'mitigated' } }, 'timestamps["Fixed at"]', 'use one of started_at, detected_at'],
    ['a camelCase milestone', { timestamps: { 'Fixed at': 'mitigatedAt' } }, 'timestamps["Fixed at"]', 'is not a milestone'],
    ['a numeric milestone', { timestamps: { 'Fixed at': 5 } }, 'timestamps["Fixed at"]', 'must be text'],
    ['an empty severity key', { severities: { Critical: '' } }, 'severities["Critical"]', 'must be text'],
    ['severities as text', { severities: 'SEV1' }, 'severities', 'must be an object'],
    ['an unknown role', { roles: { 'Tech Lead': 'lead' } }, 'roles["Tech Lead"]', 'use one of commander, investigator, comms, scribe'],
    ['a numeric services field', { servicesField: 5 }, 'servicesField', 'must be the name of an incident.io custom field'],
    ['an empty team field', { teamField: '' }, 'teamField', 'must be the name of an incident.io custom field'],
  ])('refuses %s, naming the key', (_name, json, field, problem) => {
    const error = configErrorOf(json);
    expect(error.field).toBe(field);
    expect(error.message).toContain(problem);
  });
});

describe('mapIncidentIoIncident milestones', () => {
  it.each<[string, unknown[], Partial<MappedIncidentFields>]>([
    ['started from "Impact started", detected from "Reported at"', [timestamp('Impact started', '2026-03-01T08:55:00Z'), timestamp('Reported at', '2026-03-01T09:01:00Z')],
      { startedAt: '2026-03-01T08:55:00.000Z', detectedAt: '2026-03-01T09:01:00.000Z' }],
    ['without "Impact started": started when reported', [timestamp('Reported at', '2026-03-01T09:01:00Z')],
      { startedAt: '2026-03-01T09:01:00.000Z', detectedAt: '2026-03-01T09:01:00.000Z' }],
    ['without either: created_at', [], { startedAt: '2026-03-01T09:05:00.000Z', detectedAt: '2026-03-01T09:05:00.000Z' }],
    ['unset values (null, absent, empty) are skipped', [
      timestamp('Impact started', null), { incident_timestamp: { name: 'Fixed at' } }, { incident_timestamp: { name: 'Resolved at' }, value: { value: '' } },
    ], { startedAt: '2026-03-01T09:05:00.000Z', mitigatedAt: null, resolvedAt: null }],
    ['unknown timestamp names are ignored, whatever their value', [timestamp('Closed at', '2026-03-03T10:00:00Z'), timestamp('Escalated at', 'not a time')],
      { ...noMilestones, acknowledgedAt: null }],
    ['every default milestone', [
      timestamp('Accepted at', '2026-03-01T09:06:00Z'), timestamp('Fixed at', '2026-03-01T09:40:00Z'),
      timestamp('Resolved at', '2026-03-01T10:00:00Z'), timestamp('Post-incident review completed', '2026-03-03T16:00:00+01:00'),
    ], {
      acknowledgedAt: '2026-03-01T09:06:00.000Z', mitigatedAt: '2026-03-01T09:40:00.000Z',
      resolvedAt: '2026-03-01T10:00:00.000Z', retroDoneAt: '2026-03-03T15:00:00.000Z',
    }],
    ['out of lifecycle order: kept as given (the pipeline flags it)', [timestamp('Fixed at', '2026-03-01T11:00:00Z'), timestamp('Resolved at', '2026-03-01T10:00:00Z')],
      { mitigatedAt: '2026-03-01T11:00:00.000Z', resolvedAt: '2026-03-01T10:00:00.000Z' }],
  ])('%s', (_name, timestamps, expected) => {
    expect(map(incident({ incident_timestamp_values: timestamps })).fields).toMatchObject(expected);
  });

  it('takes the earliest when two timestamps map to one milestone', () => {
    const config = parseIncidentIoConfig({ timestamps: { 'Mitigated at': 'mitigated_at' } });
    const timestamps = [timestamp('Fixed at', '2026-03-01T09:50:00Z'), timestamp('Mitigated at', '2026-03-01T09:30:00Z')];
    expect(map(incident({ incident_timestamp_values: timestamps }), { config }).fields.mitigatedAt).toBe('2026-03-01T09:30:00.000Z');
  });

  it('does not take created_at as the detection of a retrospective incident (recorded after the fact)', () => {
    const { fields } = map(incident({ mode: 'retrospective', created_at: '2026-03-08T12:00:00Z', incident_timestamp_values: [] }));
    expect([fields.startedAt, fields.detectedAt]).toEqual(['2026-03-08T12:00:00.000Z', null]);
  });

  it('reads timestamps without an offset in the named zone', () => {
    const { fields } = map(incident({
      created_at: '2026-03-01 10:05:00',
      incident_timestamp_values: [timestamp('Impact started', '2026-03-01T10:00:00'), timestamp('Resolved at', '2026-03-01 11:00:00')],
    }), { timezone: 'Europe/Berlin' });
    expect([fields.startedAt, fields.detectedAt, fields.resolvedAt]).toEqual(['2026-03-01T09:00:00.000Z', '2026-03-01T09:05:00.000Z', '2026-03-01T10:00:00.000Z']);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['created_at', { created_at: '2026-03-01 09:05:00' }, 'created_at'],
    ['a mapped timestamp', { incident_timestamp_values: [timestamp('Reported at', '2026-03-01T09:05:00Z'), timestamp('Impact started', '2026-03-01 09:00')] },
      'incident_timestamp_values[1].value.value'],
  ])('refuses %s without an offset when no zone is named', (_name, overrides, field) => {
    const error = fieldErrorOf(incident(overrides));
    expect(error.field).toBe(field);
    expect(error.message).toContain('--timezone');
  });
});

describe('mapIncidentIoIncident severity', () => {
  it.each<[string, Record<string, unknown>, ValueMap | undefined, IncidentIoConfig, string]>([
    ['Critical → SEV1', { severity: { name: 'Critical', rank: 3 } }, undefined, DEFAULT_INCIDENTIO_CONFIG, 'SEV1'],
    ['Minor → SEV3', { severity: { name: 'Minor', rank: 1 } }, undefined, DEFAULT_INCIDENTIO_CONFIG, 'SEV3'],
    ['the user map wins over the config', { severity: { name: 'Major' } }, severityValues([['Major', 'SEV1']]), DEFAULT_INCIDENTIO_CONFIG, 'SEV1'],
    ['a name only the config knows', { severity: { name: 'Sev 0 (all hands)' } }, undefined, fixtureConfig, 'SEV1'],
  ])('%s', (_name, overrides, values, config, severity) => {
    expect(map(incident(overrides), { values, config }).fields.severity).toBe(severity);
  });

  it.each<[string, Record<string, unknown>, IncidentIoConfig, string, unknown]>([
    ['an unknown name', { severity: { name: 'Catastrophic' } }, DEFAULT_INCIDENTIO_CONFIG, 'severity.name', 'Catastrophic'],
    ['a name the config switched off', { severity: { name: 'Minor' } }, parseIncidentIoConfig({ severities: { Minor: null } }), 'severity.name', 'Minor'],
    ['a name matching in another case only', { severity: { name: 'critical' } }, DEFAULT_INCIDENTIO_CONFIG, 'severity.name', 'critical'],
    ['no severity (still in triage)', { severity: null }, DEFAULT_INCIDENTIO_CONFIG, 'severity', null],
    ['a severity without a name', { severity: { rank: 2 } }, DEFAULT_INCIDENTIO_CONFIG, 'severity.name', undefined],
    ['a numeric severity name', { severity: { name: 2 } }, DEFAULT_INCIDENTIO_CONFIG, 'severity.name', 2],
    ['a severity that is text', { severity: 'Major' }, DEFAULT_INCIDENTIO_CONFIG, 'severity', 'Major'],
  ])('refuses %s (the import reports it when the name is no severity level either)', (_name, overrides, config, field, value) => {
    expect(severityErrorOf(() => map(incident(overrides), { config }))).toMatchObject({ field, value });
  });
});

describe('mapIncidentIoIncident roles, services and team', () => {
  it.each<[string, unknown[], IncidentIoConfig, Record<string, string | null>]>([
    ['default role names', [assignment('Incident Lead', 'lead', 'Dana'), assignment('Communications Lead', 'custom', 'Priya'), assignment('Scribe', 'custom', 'Lee')],
      DEFAULT_INCIDENTIO_CONFIG, { ...noRoles, commander: 'Dana', comms: 'Priya', scribe: 'Lee' }],
    ['a lead role under another name is the commander', [assignment('Incident Commander', 'lead', 'Sam')], DEFAULT_INCIDENTIO_CONFIG, { ...noRoles, commander: 'Sam' }],
    ['the reporter and unknown roles are no Hindsight role', [assignment('Reporter', 'reporter', 'Sam'), assignment('Technical Lead', 'custom', 'Ahmed')],
      DEFAULT_INCIDENTIO_CONFIG, noRoles],
    ['a role named in the config', [assignment('Technical Lead', 'custom', 'Ahmed')], fixtureConfig, { ...noRoles, investigator: 'Ahmed' }],
    ['the config name wins over the lead type', [assignment('Incident Lead', 'lead', 'Dana')], parseIncidentIoConfig({ roles: { 'Incident Lead': 'investigator' } }),
      { ...noRoles, investigator: 'Dana' }],
    ['a role switched off in the config, even the lead', [assignment('Incident Lead', 'lead', 'Dana')], parseIncidentIoConfig({ roles: { 'Incident Lead': null } }), noRoles],
    ['an unassigned role', [assignment('Incident Lead', 'lead', null), assignment('Scribe', 'custom', 'Lee')], DEFAULT_INCIDENTIO_CONFIG, { ...noRoles, scribe: 'Lee' }],
    ['the first of two people for one role', [assignment('Incident Lead', 'lead', 'Dana'), assignment('Deputy Lead', 'lead', 'Sam')], DEFAULT_INCIDENTIO_CONFIG,
      { ...noRoles, commander: 'Dana' }],
  ])('%s', (_name, assignments, config, roles) => {
    expect(map(incident({ incident_role_assignments: assignments }), { config }).fields).toMatchObject(roles);
  });

  it.each<[string, unknown[], IncidentIoConfig, string[] | undefined, string | null]>([
    ['catalog entries, options and text', [
      customField('Affected services', [{ value_catalog_entry: { id: 'ce1', name: 'db' } }, { value_option: { id: 'o1', value: 'api' } }, { value_text: 'queue' }]),
      customField('Team', [{ value_option: { id: 'o2', value: 'Storage' } }, { value_option: { id: 'o3', value: 'Platform' } }]),
    ], DEFAULT_INCIDENTIO_CONFIG, ['db', 'api', 'queue'], 'Storage'],
    ['a repeated service once', [customField('Affected services', [{ value_text: 'db' }, { value_catalog_entry: { name: 'db' } }])], DEFAULT_INCIDENTIO_CONFIG, ['db'], null],
    ['an empty services field: no services', [customField('Affected services', [])], DEFAULT_INCIDENTIO_CONFIG, [], null],
    ['other field names from the config', [customField('Services', [{ value_text: 'db' }]), customField('Squad', [{ value_text: 'Storage' }])],
      parseIncidentIoConfig({ servicesField: 'Services', teamField: 'Squad' }), ['db'], 'Storage'],
    ['fields switched off in the config', [customField('Affected services', [{ value_text: 'db' }]), customField('Team', [{ value_text: 'Storage' }])],
      parseIncidentIoConfig({ servicesField: null, teamField: null }), undefined, null],
    ['fields the config does not name are ignored, whatever their values', [customField('Customer segment', [{}])], DEFAULT_INCIDENTIO_CONFIG, undefined, null],
  ])('%s', (_name, entries, config, services, owningTeam) => {
    const { fields } = map(incident({ custom_field_entries: entries }), { config });
    expect(fields.services).toEqual(services);
    expect(Object.hasOwn(fields, 'services')).toBe(services !== undefined);
    expect(fields.owningTeam).toBe(owningTeam);
  });
});

describe('mapIncidentIoIncident with the timestamps of a new incident.io workspace', () => {
  const workspace = (values: Record<string, string | null>) => Object.entries(values).map(([name, value]) => timestamp(name, value));

  it('maps each default timestamp to its milestone and leaves "Documented at", "Closed at", "Declined at", "Merged at" and "Canceled at" out', () => {
    const { fields } = map(incident({
      incident_timestamp_values: workspace({
        'Reported at': '2026-03-01T09:05:00Z', 'Accepted at': '2026-03-01T09:07:00Z', 'Declined at': null, 'Merged at': null, 'Canceled at': null,
        'Resolved at': '2026-03-01T11:00:00Z', 'Impact started at': '2026-03-01T08:50:00Z', 'Identified at': '2026-03-01T09:40:00Z',
        'Fixed at': '2026-03-01T10:15:00Z', 'Documented at': '2026-03-02T16:00:00Z', 'Reviewed at': '2026-03-04T10:00:00Z', 'Closed at': '2026-03-05T09:00:00Z',
      }),
    }));
    expect(fields).toMatchObject({
      startedAt: '2026-03-01T08:50:00.000Z', detectedAt: '2026-03-01T09:05:00.000Z', acknowledgedAt: '2026-03-01T09:07:00.000Z', investigatingAt: null,
      identifiedAt: '2026-03-01T09:40:00.000Z', mitigatedAt: '2026-03-01T10:15:00.000Z', resolvedAt: '2026-03-01T11:00:00.000Z',
      retroPrepAt: null, retroDoneAt: '2026-03-04T10:00:00.000Z',
    });
  });

  it.each<[string, Record<string, string | null>, Partial<MappedIncidentFields>]>([
    ['"Impact started" (older workspaces)', { 'Impact started': '2026-03-01T08:40:00Z' }, { startedAt: '2026-03-01T08:40:00.000Z' }],
    ['"Post-incident review completed" (older workspaces)', { 'Post-incident review completed': '2026-03-03T12:00:00Z' }, { retroDoneAt: '2026-03-03T12:00:00.000Z' }],
    ['both names of the start: the earlier', { 'Impact started': '2026-03-01T08:40:00Z', 'Impact started at': '2026-03-01T08:45:00Z' }, { startedAt: '2026-03-01T08:40:00.000Z' }],
    ['"Documented at" alone: no retrospective milestone', { 'Documented at': '2026-03-02T16:00:00Z' }, { retroPrepAt: null, retroDoneAt: null }],
  ])('reads %s', (_name, values, expected) => {
    expect(map(incident({ incident_timestamp_values: workspace(values) })).fields).toMatchObject(expected);
  });

  it('lets a config map "Documented at" to the start of retrospective preparation', () => {
    const config = parseIncidentIoConfig({ timestamps: { 'Documented at': 'retro_prep_at' } });
    const { fields } = map(incident({ incident_timestamp_values: workspace({ 'Documented at': '2026-03-02T16:00:00Z' }) }), { config });
    expect(fields.retroPrepAt).toBe('2026-03-02T16:00:00.000Z');
  });
});

describe('mapIncidentIoIncident custom field values by field_type', () => {
  /** One value holding every variant at once, as incident.io's own API example does. */
  const everything = {
    value_catalog_entry: { id: 'ce1', name: 'Catalog name' }, value_option: { id: 'o1', value: 'Option value' },
    value_text: 'Text value', value_link: 'https://example.com/x', value_numeric: '12.5',
  };
  const typed = (fieldType: string | undefined, values: unknown[]) => ({
    custom_field: { id: 'cf-services', name: 'Affected services', ...(fieldType === undefined ? {} : { field_type: fieldType }) }, values,
  });
  const servicesOf = (fieldType: string | undefined, values: unknown[]) =>
    map(incident({ custom_field_entries: [typed(fieldType, values)] })).fields.services;

  it.each<[string, string | undefined, unknown[], string[]]>([
    ['a single_select: the option, not the catalog entry or text beside it', 'single_select', [everything], ['Option value']],
    ['a multi_select: each option', 'multi_select', [everything, { value_option: { value: 'Second' } }], ['Option value', 'Second']],
    ['a catalog-backed select: the catalog entry', 'multi_select', [{ value_catalog_entry: { name: 'payments-api' } }], ['payments-api']],
    ['a catalog field: the catalog entry first', 'catalog', [everything], ['Catalog name']],
    ['a text field: its text', 'text', [everything], ['Text value']],
    ['a link field: its link', 'link', [everything], ['https://example.com/x']],
    ['a numeric field: its number as text', 'numeric', [everything], ['12.5']],
    ['a numeric field with a JSON number', 'numeric', [{ value_numeric: 3 }], ['3']],
    ['a select value holding only text: the text', 'single_select', [{ value_text: 'search' }], ['search']],
    ['no field_type: the option first', undefined, [everything], ['Option value']],
    ['a field_type this import does not know: the option first', 'date', [everything], ['Option value']],
  ])('%s', (_name, fieldType, values, services) => {
    expect(servicesOf(fieldType, values)).toEqual(services);
  });

  it('refuses a value that holds no text in any variant, naming where it looked', () => {
    const error = fieldErrorOf(incident({ custom_field_entries: [typed('single_select', [{ value_option: null, value_catalog_entry: null }])] }));
    expect(error.field).toBe('custom_field_entries[0].values[0]');
    expect(error.message).toContain('has no value_option.value, value_catalog_entry.name, value_text, value_link, value_numeric');
  });
});

describe('mapIncidentIoIncident exclusion from metrics', () => {
  it.each<[string, Record<string, unknown>, boolean, string | null]>([
    ['standard mode', { mode: 'standard' }, false, null],
    ['retrospective mode', { mode: 'retrospective' }, false, null],
    ['no mode', { mode: undefined }, false, null],
    ['test mode', { mode: 'test' }, true, 'incident.io test incident'],
    ['tutorial mode', { mode: 'tutorial' }, true, 'incident.io tutorial incident'],
    ['declined', { incident_status: { name: 'Declined', category: 'declined' } }, true, 'incident.io incident declined'],
    ['merged into another', { incident_status: { name: 'Merged', category: 'merged' } }, true, 'incident.io incident merged'],
    ['canceled', { incident_status: { name: 'Canceled', category: 'canceled' } }, true, 'incident.io incident canceled'],
    ['live', { incident_status: { name: 'Investigating', category: 'live' } }, false, null],
    ['in triage', { incident_status: { name: 'Triage', category: 'triage' } }, false, null],
    ['a test that was declined: the mode says why', { mode: 'test', incident_status: { category: 'declined' } }, true, 'incident.io test incident'],
  ])('%s', (_name, overrides, excludedFromMetrics, exclusionReason) => {
    expect(map(incident(overrides)).fields).toMatchObject({ excludedFromMetrics, exclusionReason });
  });
});

describe('mapIncidentIoIncident refuses unreadable records', () => {
  it.each<[string, unknown, string]>([
    ['a record that is null', null, '(record)'],
    ['a record that is a list', [incident()], '(record)'],
    ['a record that is text', 'INC-7', '(record)'],
    ['a missing id', incident({ id: undefined }), 'id'],
    ['a numeric id', incident({ id: 7 }), 'id'],
    ['a missing name', incident({ name: undefined }), 'name'],
    ['an empty name', incident({ name: '' }), 'name'],
    ['a missing created_at', incident({ created_at: undefined }), 'created_at'],
    ['a created_at that is no date', incident({ created_at: 'last Tuesday' }), 'created_at'],
    ['a numeric summary', incident({ summary: 3 }), 'summary'],
    ['a numeric mode', incident({ mode: 1 }), 'mode'],
    ['timestamp values that are not a list', incident({ incident_timestamp_values: { 'Impact started': '2026-03-01T09:00:00Z' } }), 'incident_timestamp_values'],
    ['a timestamp value without a name', incident({ incident_timestamp_values: [{ incident_timestamp: { id: 'ts1' }, value: { value: '2026-03-01T09:00:00Z' } }] }),
      'incident_timestamp_values[0].incident_timestamp.name'],
    ['a mapped timestamp that is no date', incident({ incident_timestamp_values: [timestamp('Fixed at', 'soon')] }), 'incident_timestamp_values[0].value.value'],
    ['a mapped timestamp value that is text', incident({ incident_timestamp_values: [{ incident_timestamp: { name: 'Fixed at' }, value: '2026-03-01T09:00:00Z' }] }),
      'incident_timestamp_values[0].value'],
    ['role assignments that are not a list', incident({ incident_role_assignments: 'Dana' }), 'incident_role_assignments'],
    ['a role without a name', incident({ incident_role_assignments: [{ role: { role_type: 'lead' }, assignee: { name: 'Dana' } }] }), 'incident_role_assignments[0].role.name'],
    ['an assignee without a name', incident({ incident_role_assignments: [{ role: { name: 'Scribe' }, assignee: { id: 'u1' } }] }), 'incident_role_assignments[0].assignee.name'],
    ['custom field entries that are not a list', incident({ custom_field_entries: {} }), 'custom_field_entries'],
    ['a custom field without a name', incident({ custom_field_entries: [{ custom_field: {}, values: [] }] }), 'custom_field_entries[0].custom_field.name'],
    ['a services value without text', incident({ custom_field_entries: [customField('Affected services', [{ value_text: 'db' }, { value_option: null, value_link: '' }])] }),
      'custom_field_entries[0].values[1]'],
    ['a numeric team option', incident({ custom_field_entries: [customField('Team', [{ value_option: { value: 4 } }])] }), 'custom_field_entries[0].values[0].value_option.value'],
  ])('%s', (_name, record, field) => {
    expect(fieldErrorOf(record).field).toBe(field);
  });
});
