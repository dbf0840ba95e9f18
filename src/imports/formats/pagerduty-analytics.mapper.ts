/**
 * PagerDuty analytics raw incidents: one row of the raw-incident export (`POST /analytics/raw/incidents`
 * `data[]`, or the same columns as CSV) → a MappedIncident. A CSV row gives every value as text, a JSON
 * row may give numbers as numbers; in both an empty text counts as absent. Pure: no Nest, no TypeORM, no I/O.
 *
 * | PagerDuty analytics                                          | Hindsight                        |
 * |--------------------------------------------------------------|----------------------------------|
 * | `id`                                                         | externalId                       |
 * | `description`, else `title`                                  | title                            |
 * | `created_at`                                                 | startedAt and detectedAt         |
 * | `created_at` + `seconds_to_first_ack`                        | acknowledgedAt (else null)       |
 * | `resolved_at`, else `created_at` + `seconds_to_resolve`      | resolvedAt (else null)           |
 * | the same as resolvedAt (PagerDuty has no mitigation milestone) | mitigatedAt                    |
 * | `priority_name` (value map, then P1 → SEV1, P2 → SEV2, P3–P5 → SEV3, else as it is: `SEV-2` names a level); without one `urgency` (value map, then high → SEV2, low → SEV3) | severity |
 * | `service_name`                                               | services (absent: not set)       |
 * | `team_name`                                                  | owningTeam (else null)           |
 *
 * Timestamps without an offset are read in `options.timezone`: `--timezone`, else the zone the JSON export's envelope
 * names (`time_zone`). The rows carry no log, so the timeline is empty. `incident_number`, `seconds_to_engage`,
 * `seconds_to_mobilize`, `major`, counts and user lists stay in sourcePayload only.
 */
import { FieldError, type MapOptions, type MappedIncident } from './mapped-incident.js';
import { nonBlank, pagerDutySeverity } from './pagerduty.mapper.js';
import { RecordFields } from './record-fields.js';

/**
 * The envelope property naming the zone of the export's timestamps, which carry no offset
 * (`{"data": [...], "time_zone": "Etc/UTC"}`); the format reads it before the records (import-formats.ts).
 */
export const PAGERDUTY_ANALYTICS_ZONE_KEY = 'time_zone';

const DECIMAL = /^\d+(?:\.\d+)?$/;

/** A duration in seconds ≥ 0, given as a number or as decimal text; null when null, absent or empty. */
function readSeconds(row: RecordFields, key: string): number | null {
  const value = row.get(key);
  if (value === null || value === undefined || (typeof value === 'string' && value.trim() === '')) return null;
  if (typeof value === 'number' && Number.isFinite(value) && value >= 0) return value;
  if (typeof value === 'string' && DECIMAL.test(value.trim())) return Number(value.trim());
  throw new FieldError(row.pathOf(key), value, 'is not a number of seconds ≥ 0 (e.g. 95 or 95.5)');
}

export function mapPagerDutyAnalyticsIncident(record: unknown, options: MapOptions): MappedIncident {
  const row = RecordFields.of(record);
  const { timezone } = options;
  const text = (key: string) => nonBlank(row.optionalString(key));
  const externalId = row.requireString('id');
  const title = text('description') ?? text('title');
  if (title === null) throw new FieldError('description', row.get('description'), 'is missing and so is title: the incident has no title');
  const createdAt = row.requireInstant('created_at', timezone);
  const after = (seconds: number | null) => (seconds === null ? null : new Date(Date.parse(createdAt) + Math.round(seconds * 1000)).toISOString());

  const secondsToFirstAck = readSeconds(row, 'seconds_to_first_ack');
  const secondsToResolve = readSeconds(row, 'seconds_to_resolve');
  const resolvedAt = row.optionalInstant('resolved_at', timezone) ?? after(secondsToResolve);
  const { severity, unmappedSeverity } = pagerDutySeverity(
    { field: 'priority_name', value: text('priority_name') },
    { field: 'urgency', value: text('urgency') },
    options.values,
  );
  const service = text('service_name');

  return {
    externalId,
    fields: {
      title,
      severity,
      startedAt: createdAt,
      detectedAt: createdAt,
      acknowledgedAt: after(secondsToFirstAck),
      mitigatedAt: resolvedAt,
      resolvedAt,
      ...(service === null ? {} : { services: [service] }),
      owningTeam: text('team_name'),
    },
    timeline: [],
    sourcePayload: row.record,
    ...(unmappedSeverity ? { unmappedSeverity } : {}),
  };
}
