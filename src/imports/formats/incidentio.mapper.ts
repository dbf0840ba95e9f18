/**
 * incident.io API v2: one element of `incidents` in `GET /v2/incidents` → a MappedIncident. Each
 * organisation names its own timestamps, severities, roles and custom fields, so those are read through an
 * IncidentIoConfig (defaults below, merged with the user's config file). Pure: no Nest, no TypeORM, no I/O.
 *
 * | incident.io                                                     | Hindsight                              |
 * |-----------------------------------------------------------------|----------------------------------------|
 * | `id`                                                            | externalId                             |
 * | `name`                                                          | title                                  |
 * | `incident_timestamp_values[]` named in `config.timestamps`      | that milestone (earliest when several map to one) |
 * | the `started_at` timestamp, else the `detected_at` one, else `created_at` | startedAt                    |
 * | the `detected_at` timestamp, else `created_at` (not for `retrospective` incidents: recorded after the fact) | detectedAt |
 * | `severity.name` (value map, then `config.severities`, else as it is: `SEV 2` names a level) | severity       |
 * | values of the custom field `config.servicesField`               | services (field absent: not set)       |
 * | first value of the custom field `config.teamField`              | owningTeam (else null)                 |
 * | `incident_role_assignments[]` by role name in `config.roles`, else role_type `lead` → commander | commander, investigator, comms, scribe |
 * | `summary`                                                       | customerImpact (else '')               |
 * | `mode` `test`/`tutorial`; status category `declined`/`merged`/`canceled` | excludedFromMetrics + exclusionReason |
 *
 * A custom field value's text is read by the field's `field_type`: a `single_select`/`multi_select` value's option
 * `value` (its catalog entry's `name` for a catalog-backed select), a `text`, `link` or `numeric` value's
 * `value_text`, `value_link` or `value_numeric`; a value without its type's slot gives what else it holds (see slotsOf).
 * Timestamps, roles and custom fields the config does not name are ignored (they stay in sourcePayload).
 * The list endpoint carries no updates, so the timeline is empty; tags are empty.
 */
import { InvalidInputError } from '../../common/errors.js';
import type { Milestone } from '../../incidents/milestones.js';
import { earliest, FieldError, mapValue, type MapOptions, type MappedIncident } from './mapped-incident.js';
import { RecordFields, type MappedSeverity } from './record-fields.js';

/** The key of the incident list in a `GET /v2/incidents` response (`{ incidents: [...], pagination_meta }`). */
export const INCIDENTIO_RECORDS_KEY = 'incidents';

/** Milestone names as written in the config file → the incident field they fill. */
const MILESTONE_FIELDS = {
  started_at: 'startedAt',
  detected_at: 'detectedAt',
  acknowledged_at: 'acknowledgedAt',
  investigating_at: 'investigatingAt',
  identified_at: 'identifiedAt',
  mitigated_at: 'mitigatedAt',
  resolved_at: 'resolvedAt',
  retro_prep_at: 'retroPrepAt',
  retro_done_at: 'retroDoneAt',
} as const satisfies Record<string, Milestone>;

export type IncidentIoMilestone = keyof typeof MILESTONE_FIELDS;

const ROLES = ['commander', 'investigator', 'comms', 'scribe'] as const;
export type IncidentIoRole = (typeof ROLES)[number];

/**
 * How an organisation's incident.io names map to Hindsight. A null value leaves a name unmapped (so a
 * user's config can switch a default off): a null timestamp or severity is ignored, a null role is not
 * assigned even when it is the `lead` role, a null field name reads no custom field.
 */
export interface IncidentIoConfig {
  /** incident.io timestamp name (`incident_timestamp.name`) → milestone. */
  timestamps: Readonly<Record<string, IncidentIoMilestone | null>>;
  /** incident.io severity name → severity level key. */
  severities: Readonly<Record<string, string | null>>;
  /** Custom field whose values name the affected services. */
  servicesField: string | null;
  /** Custom field whose first value names the owning team. */
  teamField: string | null;
  /** incident.io role name → Hindsight role. A role of type `lead` not named here is the commander. */
  roles: Readonly<Record<string, IncidentIoRole | null>>;
}

/**
 * The defaults follow the timestamps a new incident.io workspace has (the lifecycle's statuses Investigating → Fixing
 * → Monitoring, then the post-incident flow Documenting → Reviewing; each status sets a timestamp the first time an
 * incident enters the next one):
 * - `Impact started at`: set by a responder to when impact began → started_at;
 * - `Reported at`: the incident was declared → detected_at; `Accepted at`: accepted out of triage → acknowledged_at;
 * - `Identified at`: the move to Fixing, the cause is known → identified_at;
 * - `Fixed at`: the move to Monitoring, a fix is out → mitigated_at; `Resolved at`: the incident is over → resolved_at;
 * - `Reviewed at`: the Reviewing step is done (debrief held, follow-ups reviewed) → retro_done_at, the retrospective
 *   complete with its follow-ups identified;
 * - `Documented at` stays unmapped (null): it is when the write-up was finished, not when retrospective preparation
 *   started (retro_prep_at), which no default timestamp records; `Closed at` stays unmapped: closing an incident is not
 *   completing its retrospective; `Declined at`, `Merged at` and `Canceled at` are not milestones (the status category
 *   excludes such incidents from the metrics).
 * The names of older workspaces (`Impact started`, `Post-incident review completed`) stay as aliases; when two
 * timestamps of one incident map to one milestone, the earliest counts.
 */
export const DEFAULT_INCIDENTIO_CONFIG: IncidentIoConfig = Object.freeze({
  timestamps: Object.freeze({
    'Impact started at': 'started_at',
    'Reported at': 'detected_at',
    'Accepted at': 'acknowledged_at',
    'Identified at': 'identified_at',
    'Fixed at': 'mitigated_at',
    'Resolved at': 'resolved_at',
    'Documented at': null,
    'Reviewed at': 'retro_done_at',
    'Closed at': null,
    'Impact started': 'started_at',
    'Post-incident review completed': 'retro_done_at',
  } as const),
  severities: Object.freeze({ Critical: 'SEV1', Major: 'SEV2', Minor: 'SEV3' }),
  servicesField: 'Affected services',
  teamField: 'Team',
  roles: Object.freeze({ 'Incident Lead': 'commander', 'Communications Lead': 'comms', Scribe: 'scribe' } as const),
});

const CONFIG_KEYS = ['timestamps', 'severities', 'servicesField', 'teamField', 'roles'] as const;

/** Status categories of incidents that did not happen as incidents: left out of the metrics. */
const NOT_INCIDENTS = new Set(['declined', 'merged', 'canceled']);
const EXCLUDED_MODES = new Set(['test', 'tutorial']);

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The map at `key` of a user's config: each value null (unmapped) or text that `accepts`, else `problem`. */
function readConfigMap<T extends string>(
  json: Record<string, unknown>,
  key: string,
  example: string,
  accepts: (value: string) => value is T,
  problem: string,
): Record<string, T | null> {
  const map = json[key];
  if (map === undefined) return {};
  if (!isObject(map)) throw new InvalidInputError(key, map, `must be an object such as ${example}`);
  return Object.fromEntries(Object.entries(map).map(([name, value]): [string, T | null] => {
    const field = `${key}[${JSON.stringify(name)}]`;
    if (value === null) return [name, null];
    if (typeof value !== 'string' || value.trim() === '') throw new InvalidInputError(field, value, `must be text as in ${example}, or null to leave it unmapped`);
    if (!accepts(value)) throw new InvalidInputError(field, value, problem);
    return [name, value];
  }));
}

function readFieldName(json: Record<string, unknown>, key: string, fallback: string | null): string | null {
  if (!Object.hasOwn(json, key)) return fallback;
  const value = json[key];
  if (value === null) return null;
  if (typeof value !== 'string' || value.trim() === '') throw new InvalidInputError(key, value, 'must be the name of an incident.io custom field, or null to read none');
  return value;
}

const isMilestone = (value: string): value is IncidentIoMilestone => Object.hasOwn(MILESTONE_FIELDS, value);
const isRole = (value: string): value is IncidentIoRole => (ROLES as readonly string[]).includes(value);

/**
 * A user's incident.io config file (parsed JSON) validated and merged over DEFAULT_INCIDENTIO_CONFIG, key
 * by key (a user's `timestamps` entry replaces the default for that name only). Throws an
 * InvalidInputError naming the offending key.
 */
export function parseIncidentIoConfig(json: unknown): IncidentIoConfig {
  if (!isObject(json)) throw new InvalidInputError('incident.io config', json, 'must be a JSON object such as {"timestamps": {"Impact started": "started_at"}}');
  for (const key of Object.keys(json)) {
    if (!(CONFIG_KEYS as readonly string[]).includes(key)) throw new InvalidInputError(key, json[key], `is not an incident.io config key; the keys are ${CONFIG_KEYS.join(', ')}`);
  }
  const timestamps = readConfigMap(json, 'timestamps', '{"Impact started": "started_at"}', isMilestone,
    `is not a milestone; use one of ${Object.keys(MILESTONE_FIELDS).join(', ')}`);
  const severities = readConfigMap(json, 'severities', '{"Critical": "SEV1"}', (_value): _value is string => true, '');
  const roles = readConfigMap(json, 'roles', '{"Incident Lead": "commander"}', isRole, `is not a role; use one of ${ROLES.join(', ')}`);
  const defaults = DEFAULT_INCIDENTIO_CONFIG;
  return {
    timestamps: { ...defaults.timestamps, ...timestamps },
    severities: { ...defaults.severities, ...severities },
    servicesField: readFieldName(json, 'servicesField', defaults.servicesField),
    teamField: readFieldName(json, 'teamField', defaults.teamField),
    roles: { ...defaults.roles, ...roles },
  };
}

/** `map[name]` when `map` has it as its own key (`undefined` when it does not, null when unmapped). */
function lookup<T>(map: Readonly<Record<string, T>>, name: string): T | undefined {
  return Object.hasOwn(map, name) ? map[name] : undefined;
}

/** The object at `key`, or null when it is null or absent. */
function optionalObject(fields: RecordFields, key: string): RecordFields | null {
  const value = fields.get(key);
  return value === null || value === undefined ? null : RecordFields.of(value, fields.pathOf(key));
}

function nonBlank(text: string | null | undefined): string | null {
  return text === null || text === undefined || text.trim() === '' ? null : text;
}

function readMilestones(incident: RecordFields, config: IncidentIoConfig, timezone: string | undefined): Partial<Record<Milestone, string>> {
  const milestones: Partial<Record<Milestone, string>> = {};
  for (const entry of incident.objectList('incident_timestamp_values')) {
    const name = RecordFields.of(entry.get('incident_timestamp'), entry.pathOf('incident_timestamp')).requireString('name');
    const column = lookup(config.timestamps, name);
    if (!column) continue;
    const value = optionalObject(entry, 'value')?.optionalInstant('value', timezone) ?? null;
    if (value === null) continue;
    const field = MILESTONE_FIELDS[column];
    milestones[field] = earliest(milestones[field], value)!;
  }
  return milestones;
}

/** The severity through the value map, then the config; a name neither maps is kept as it is (it may name a level itself). */
function readSeverity(incident: RecordFields, config: IncidentIoConfig, options: MapOptions): MappedSeverity {
  const severity = optionalObject(incident, 'severity');
  if (severity === null) throw new FieldError('severity', incident.get('severity'), 'is missing: the incident has no severity to import');
  const name = severity.requireString('name');
  if (options.values?.get('severity')?.has(name)) return { severity: mapValue(options.values, 'severity', name) };
  const level = lookup(config.severities, name);
  if (level) return { severity: level };
  const known = Object.entries(config.severities).filter(([, to]) => to !== null).map(([from, to]) => `${from} → ${to}`).join(', ');
  return {
    severity: name,
    unmappedSeverity: new FieldError(severity.pathOf('name'), name,
      `has no severity mapping; add it to "severities" in the incident.io config or map it with --value severity:${name}=<level key> (mapped: ${known})`),
  };
}

function readRoles(incident: RecordFields, config: IncidentIoConfig): Record<IncidentIoRole, string | null> {
  const people: Record<IncidentIoRole, string | null> = { commander: null, investigator: null, comms: null, scribe: null };
  for (const assignment of incident.objectList('incident_role_assignments')) {
    const role = RecordFields.of(assignment.get('role'), assignment.pathOf('role'));
    const roleName = role.requireString('name');
    const named = lookup(config.roles, roleName);
    const target = named === undefined ? (role.optionalString('role_type') === 'lead' ? 'commander' : null) : named;
    const assignee = nonBlank(optionalObject(assignment, 'assignee')?.requireString('name'));
    if (target !== null && assignee !== null && people[target] === null) people[target] = assignee;
  }
  return people;
}

/** Where a custom field value keeps its text, by what the value holds: its option, catalog entry, text, link or number. */
type ValueSlot = 'option' | 'catalog' | 'text' | 'link' | 'numeric';

const SLOT_FIELDS: Record<ValueSlot, string> = {
  option: 'value_option.value', catalog: 'value_catalog_entry.name', text: 'value_text', link: 'value_link', numeric: 'value_numeric',
};

const ALL_SLOTS: readonly ValueSlot[] = ['option', 'catalog', 'text', 'link', 'numeric'];

/**
 * The slots a value of this `field_type` is read from, first match wins: a select field's option (a catalog-backed
 * select holds a catalog entry instead), a catalog field's entry, a text, link or numeric field's own value; then,
 * for a value that holds none of those, whatever else it holds (option, catalog entry, text, link, number), so that a
 * value is only refused when it holds no text at all.
 */
function slotsOf(fieldType: string | null): readonly ValueSlot[] {
  const own: readonly ValueSlot[] = fieldType === 'single_select' || fieldType === 'multi_select' ? ['option', 'catalog']
    : fieldType === 'text' || fieldType === 'link' || fieldType === 'numeric' ? [fieldType]
    : fieldType !== null && fieldType.includes('catalog') ? ['catalog', 'option']
    : [];
  return [...own, ...ALL_SLOTS.filter((slot) => !own.includes(slot))];
}

function readSlot(value: RecordFields, slot: ValueSlot): string | null {
  switch (slot) {
    case 'option':
      return nonBlank(optionalObject(value, 'value_option')?.optionalString('value'));
    case 'catalog':
      return nonBlank(optionalObject(value, 'value_catalog_entry')?.optionalString('name'));
    case 'text':
      return nonBlank(value.optionalString('value_text'));
    case 'link':
      return nonBlank(value.optionalString('value_link'));
    case 'numeric': {
      const number = value.get('value_numeric');
      return typeof number === 'number' && Number.isFinite(number) ? String(number) : nonBlank(value.optionalString('value_numeric'));
    }
  }
}

/** The texts of the custom field `name`'s values, read by the field's `field_type`, or null when the incident has no entry for it. */
function customFieldTexts(incident: RecordFields, name: string | null): string[] | null {
  if (name === null) return null;
  const entries = incident.objectList('custom_field_entries');
  let field: RecordFields | undefined;
  const entry = entries.find((e) => (field = RecordFields.of(e.get('custom_field'), e.pathOf('custom_field'))).requireString('name') === name);
  if (!entry || !field) return null;
  const slots = slotsOf(nonBlank(field.optionalString('field_type')));
  return entry.objectList('values').map((value, index) => {
    for (const slot of slots) {
      const text = readSlot(value, slot);
      if (text !== null) return text;
    }
    throw new FieldError(`${entry.pathOf('values')}[${index}]`, value.record, `has no ${slots.map((slot) => SLOT_FIELDS[slot]).join(', ')}`);
  });
}

function readExclusion(incident: RecordFields): { excludedFromMetrics: boolean; exclusionReason: string | null } {
  const mode = incident.optionalString('mode');
  if (mode !== null && EXCLUDED_MODES.has(mode)) return { excludedFromMetrics: true, exclusionReason: `incident.io ${mode} incident` };
  const category = optionalObject(incident, 'incident_status')?.optionalString('category') ?? null;
  if (category !== null && NOT_INCIDENTS.has(category)) return { excludedFromMetrics: true, exclusionReason: `incident.io incident ${category}` };
  return { excludedFromMetrics: false, exclusionReason: null };
}

export function mapIncidentIoIncident(record: unknown, options: MapOptions & { config: IncidentIoConfig }): MappedIncident {
  const incident = RecordFields.of(record);
  const { timezone, config } = options;
  const externalId = incident.requireString('id');
  const title = incident.requireString('name');
  const createdAt = incident.requireInstant('created_at', timezone);
  const retrospective = incident.optionalString('mode') === 'retrospective';
  const milestones = readMilestones(incident, config, timezone);
  const services = customFieldTexts(incident, config.servicesField);

  const { severity, unmappedSeverity } = readSeverity(incident, config, options);

  return {
    externalId,
    fields: {
      title,
      severity,
      startedAt: milestones.startedAt ?? milestones.detectedAt ?? createdAt,
      detectedAt: milestones.detectedAt ?? (retrospective ? null : createdAt),
      acknowledgedAt: milestones.acknowledgedAt ?? null,
      investigatingAt: milestones.investigatingAt ?? null,
      identifiedAt: milestones.identifiedAt ?? null,
      mitigatedAt: milestones.mitigatedAt ?? null,
      resolvedAt: milestones.resolvedAt ?? null,
      retroPrepAt: milestones.retroPrepAt ?? null,
      retroDoneAt: milestones.retroDoneAt ?? null,
      ...(services === null ? {} : { services: [...new Set(services)] }),
      owningTeam: customFieldTexts(incident, config.teamField)?.[0] ?? null,
      customerImpact: incident.optionalString('summary') ?? '',
      ...readRoles(incident, config),
      tags: [],
      ...readExclusion(incident),
    },
    timeline: [],
    sourcePayload: incident.record,
    ...(unmappedSeverity ? { unmappedSeverity } : {}),
  };
}
