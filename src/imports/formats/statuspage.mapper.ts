/**
 * Atlassian Statuspage v2: one element of `incidents` in `/api/v2/incidents.json` → a MappedIncident.
 * Pure: no Nest, no TypeORM, no I/O.
 *
 * | Statuspage                                   | Hindsight                                   |
 * |----------------------------------------------|---------------------------------------------|
 * | `id`                                         | externalId                                  |
 * | `name`                                       | title                                       |
 * | earlier of `started_at` and `created_at`     | startedAt                                   |
 * | `created_at`                                 | detectedAt                                  |
 * | first `investigating` update's `created_at`  | investigatingAt (else null)                 |
 * | first `identified` update's `created_at`     | identifiedAt (else null)                    |
 * | `monitoring_at`, else first `monitoring` update, else `resolved_at` | mitigatedAt          |
 * | `resolved_at`                                | resolvedAt                                  |
 * | `impact` (value map, then critical → SEV1, major → SEV2, minor/none → SEV3) | severity     |
 * | `components[].name` (unique, in order)       | services                                    |
 * | `incident_updates[]`                         | status_update timeline entries, oldest first |
 *
 * An update's entry: at `display_at` (else `created_at`), no author, body `${status}: ${body}` (just the
 * status when the body is empty or absent).
 *
 * Everything else (`status`, `shortlink`, `page_id`, update ids…) stays in sourcePayload only.
 */
import { earliest, type MapOptions, type MappedIncident, type MappedTimelineEntry } from './mapped-incident.js';
import { mapSeverityWithDefaults, oldestFirst, RecordFields } from './record-fields.js';

/** The key of the incident list in `incidents.json` (`{ page, incidents: [...] }`). */
export const STATUSPAGE_RECORDS_KEY = 'incidents';

export const STATUSPAGE_SEVERITIES: ReadonlyMap<string, string> = new Map([
  ['critical', 'SEV1'],
  ['major', 'SEV2'],
  ['minor', 'SEV3'],
  ['none', 'SEV3'],
]);

interface StatuspageUpdate {
  status: string;
  createdAt: string;
  entry: MappedTimelineEntry;
}

function readUpdate(update: RecordFields, timezone: string | undefined): StatuspageUpdate {
  const status = update.requireString('status');
  const createdAt = update.requireInstant('created_at', timezone);
  const body = update.optionalString('body');
  return {
    status,
    createdAt,
    entry: {
      occurredAt: update.optionalInstant('display_at', timezone) ?? createdAt,
      kind: 'status_update',
      author: null,
      body: body === null || body.trim() === '' ? status : `${status}: ${body}`,
    },
  };
}

export function mapStatuspageIncident(record: unknown, options: MapOptions): MappedIncident {
  const incident = RecordFields.of(record);
  const { timezone } = options;
  const externalId = incident.requireString('id');
  const title = incident.requireString('name');
  const createdAt = incident.requireInstant('created_at', timezone);
  const startedAt = incident.optionalInstant('started_at', timezone);
  const monitoringAt = incident.optionalInstant('monitoring_at', timezone);
  const resolvedAt = incident.optionalInstant('resolved_at', timezone);
  const { severity, unmappedSeverity } = mapSeverityWithDefaults('impact', incident.requireString('impact'), STATUSPAGE_SEVERITIES, options.values);
  const services = [...new Set(incident.objectList('components').map((component) => component.requireString('name')))];
  const updates = incident.objectList('incident_updates').map((update) => readUpdate(update, timezone));
  const firstWith = (status: string) => earliest(...updates.filter((u) => u.status === status).map((u) => u.createdAt));

  return {
    externalId,
    fields: {
      title,
      severity,
      startedAt: earliest(startedAt, createdAt)!,
      detectedAt: createdAt,
      investigatingAt: firstWith('investigating'),
      identifiedAt: firstWith('identified'),
      mitigatedAt: monitoringAt ?? firstWith('monitoring') ?? resolvedAt,
      resolvedAt,
      services,
    },
    timeline: oldestFirst(updates.map((u) => u.entry)),
    sourcePayload: incident.record,
    ...(unmappedSeverity ? { unmappedSeverity } : {}),
  };
}
