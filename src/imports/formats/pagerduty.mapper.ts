/**
 * PagerDuty REST API v2: one incident as `GET /incidents` returns it, optionally carrying a `log_entries`
 * list as `GET /incidents/{id}/log_entries` returns it → a MappedIncident. Pure: no Nest, no TypeORM, no I/O.
 *
 * | PagerDuty                                                              | Hindsight                    |
 * |------------------------------------------------------------------------|------------------------------|
 * | `id`                                                                   | externalId                   |
 * | `title`, else `summary`                                                | title                        |
 * | `created_at`                                                           | startedAt and detectedAt     |
 * | first `acknowledge_log_entry`, else earliest `acknowledgements[].at`   | acknowledgedAt (else null)   |
 * | first `resolve_log_entry`, else `resolved_at`, else `last_status_change_at` when `status` is `resolved` | resolvedAt (else null) |
 * | the same as resolvedAt (PagerDuty has no mitigation milestone)         | mitigatedAt                  |
 * | `priority.summary` ?? `priority.name` (value map, then P1 → SEV1, P2 → SEV2, P3–P5 → SEV3, else as it is); without a priority `urgency` (value map, then high → SEV2, low → SEV3) | severity |
 * | `service.summary`                                                      | services (absent: not set)   |
 * | first `teams[].summary`                                                | owningTeam (else null)       |
 * | `log_entries[]`                                                        | timeline, oldest first       |
 *
 * A log entry's timeline entry: at its `created_at`, author `agent.summary` (else null); an
 * `annotate_log_entry` is a `note` whose body is the note text (`channel.content`, else `channel.summary`,
 * else the entry's `summary`), every other type an `action` whose body is the entry's `summary` (else its
 * `type`). Everything else (`status`, `assignments`, `escalation_policy`…) stays in sourcePayload only.
 */
import { earliest, FieldError, type MapOptions, type MappedIncident, type MappedTimelineEntry, type ValueMap } from './mapped-incident.js';
import { mapSeverityWithDefaults, oldestFirst, RecordFields, type MappedSeverity } from './record-fields.js';

/** The key of the incident list in a `GET /incidents` response (`{ incidents: [...], limit, offset, more }`). */
export const PAGERDUTY_RECORDS_KEY = 'incidents';

/** PagerDuty's default priority names → severity keys. */
export const PAGERDUTY_PRIORITY_SEVERITIES: ReadonlyMap<string, string> = new Map([
  ['P1', 'SEV1'],
  ['P2', 'SEV2'],
  ['P3', 'SEV3'],
  ['P4', 'SEV3'],
  ['P5', 'SEV3'],
]);

/** PagerDuty urgencies → severity keys, for incidents without a priority. */
export const PAGERDUTY_URGENCY_SEVERITIES: ReadonlyMap<string, string> = new Map([
  ['high', 'SEV2'],
  ['low', 'SEV3'],
]);

/** A value read from a record and the field it came from, as named in errors. */
export interface PagerDutyValue {
  field: string;
  value: string | null;
}

/**
 * The severity of a PagerDuty incident: from its priority name when it has one, else from its urgency;
 * each through the user's `--value severity:` map first, then the defaults above, else kept as it is (a priority named
 * `SEV-2` is a severity level's name: see MappedIncident.unmappedSeverity). Shared by the REST and the analytics mappers.
 */
export function pagerDutySeverity(priority: PagerDutyValue, urgency: PagerDutyValue, values?: ValueMap): MappedSeverity {
  if (priority.value !== null) return mapSeverityWithDefaults(priority.field, priority.value, PAGERDUTY_PRIORITY_SEVERITIES, values);
  if (urgency.value !== null) return mapSeverityWithDefaults(urgency.field, urgency.value, PAGERDUTY_URGENCY_SEVERITIES, values);
  throw new FieldError(urgency.field, urgency.value, `is missing and so is ${priority.field}: the incident has no priority or urgency to take a severity from`);
}

/** Text that is present and not blank, else null. */
export function nonBlank(text: string | null | undefined): string | null {
  return text === null || text === undefined || text.trim() === '' ? null : text;
}

/** The object at `key`, or null when it is null or absent. */
function optionalObject(fields: RecordFields, key: string): RecordFields | null {
  const value = fields.get(key);
  return value === null || value === undefined ? null : RecordFields.of(value, fields.pathOf(key));
}

interface LogEntry {
  type: string;
  entry: MappedTimelineEntry;
}

function readLogEntry(logEntry: RecordFields, timezone: string | undefined): LogEntry {
  const type = logEntry.requireString('type');
  const occurredAt = logEntry.requireInstant('created_at', timezone);
  const author = nonBlank(optionalObject(logEntry, 'agent')?.optionalString('summary'));
  const summary = nonBlank(logEntry.optionalString('summary'));
  if (type === 'annotate_log_entry') {
    const channel = optionalObject(logEntry, 'channel');
    const note = nonBlank(channel?.optionalString('content')) ?? nonBlank(channel?.optionalString('summary'));
    return { type, entry: { occurredAt, kind: 'note', author, body: note ?? summary ?? type } };
  }
  return { type, entry: { occurredAt, kind: 'action', author, body: summary ?? type } };
}

function readPriorityName(incident: RecordFields): PagerDutyValue {
  const priority = optionalObject(incident, 'priority');
  if (priority === null) return { field: 'priority', value: null };
  const summary = nonBlank(priority.optionalString('summary'));
  if (summary !== null) return { field: 'priority.summary', value: summary };
  const name = nonBlank(priority.optionalString('name'));
  if (name !== null) return { field: 'priority.name', value: name };
  throw new FieldError('priority.summary', priority.get('summary'), 'is missing and so is priority.name: the priority has no name to take a severity from');
}

export function mapPagerDutyIncident(record: unknown, options: MapOptions): MappedIncident {
  const incident = RecordFields.of(record);
  const { timezone } = options;
  const externalId = incident.requireString('id');
  const title = nonBlank(incident.optionalString('title')) ?? nonBlank(incident.optionalString('summary'));
  if (title === null) throw new FieldError('title', incident.get('title'), 'is missing and so is summary: the incident has no title');
  const createdAt = incident.requireInstant('created_at', timezone);

  const logEntries = incident.objectList('log_entries').map((logEntry) => readLogEntry(logEntry, timezone));
  const firstOfType = (type: string) => earliest(...logEntries.filter((l) => l.type === type).map((l) => l.entry.occurredAt));
  const acknowledgements = incident.objectList('acknowledgements').map((ack) => ack.requireInstant('at', timezone));
  const resolvedAtField = incident.optionalInstant('resolved_at', timezone);
  const lastStatusChangeAt = incident.optionalInstant('last_status_change_at', timezone);
  const resolvedStatus = incident.optionalString('status') === 'resolved';

  const acknowledgedAt = firstOfType('acknowledge_log_entry') ?? earliest(...acknowledgements);
  const resolvedAt = firstOfType('resolve_log_entry') ?? resolvedAtField ?? (resolvedStatus ? lastStatusChangeAt : null);
  const { severity, unmappedSeverity } = pagerDutySeverity(readPriorityName(incident), { field: 'urgency', value: nonBlank(incident.optionalString('urgency')) }, options.values);
  const service = nonBlank(optionalObject(incident, 'service')?.optionalString('summary'));
  const teams = incident.objectList('teams').map((team) => nonBlank(team.optionalString('summary')));

  return {
    externalId,
    fields: {
      title,
      severity,
      startedAt: createdAt,
      detectedAt: createdAt,
      acknowledgedAt,
      mitigatedAt: resolvedAt,
      resolvedAt,
      ...(service === null ? {} : { services: [service] }),
      owningTeam: teams.find((team) => team !== null) ?? null,
    },
    timeline: oldestFirst(logEntries.map((l) => l.entry)),
    sourcePayload: incident.record,
    ...(unmappedSeverity ? { unmappedSeverity } : {}),
  };
}
