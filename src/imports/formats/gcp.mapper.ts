/**
 * Google Cloud status: one element of `https://status.cloud.google.com/incidents.json` (a top-level
 * array) → a MappedIncident. Pure: no Nest, no TypeORM, no I/O.
 *
 * | Google Cloud                                  | Hindsight                                    |
 * |-----------------------------------------------|----------------------------------------------|
 * | `id`                                          | externalId                                   |
 * | `external_desc`                               | title                                        |
 * | `begin`                                       | startedAt                                    |
 * | `created`                                     | detectedAt (null when absent)                |
 * | `end`                                         | mitigatedAt and resolvedAt (null when absent) |
 * | `severity` (value map, then high → SEV1, medium → SEV2, low → SEV3, else as it is) | severity |
 * | `affected_products[].title` (unique, in order) | services                                    |
 * | `updates[]`                                   | status_update timeline entries, oldest first |
 *
 * An update's entry: at `when` (else `created`), no author, body `${status}: ${text}` (just the status
 * when the text is empty or absent). The feed lists updates newest first; they are sorted.
 *
 * `number`, `modified`, `status_impact`, `service_key`, `service_name` (`Multiple Products` when several
 * are affected, so not a service), `most_recent_update` (a copy of the newest update), `uri` and the
 * affected locations stay in sourcePayload only.
 */
import type { MapOptions, MappedIncident, MappedTimelineEntry } from './mapped-incident.js';
import { mapSeverityWithDefaults, oldestFirst, RecordFields } from './record-fields.js';

export const GCP_SEVERITIES: ReadonlyMap<string, string> = new Map([
  ['high', 'SEV1'],
  ['medium', 'SEV2'],
  ['low', 'SEV3'],
]);

function readUpdate(update: RecordFields, timezone: string | undefined): MappedTimelineEntry {
  const status = update.requireString('status');
  const text = update.optionalString('text');
  return {
    occurredAt: update.optionalInstant('when', timezone) ?? update.requireInstant('created', timezone),
    kind: 'status_update',
    author: null,
    body: text === null || text.trim() === '' ? status : `${status}: ${text}`,
  };
}

export function mapGcpIncident(record: unknown, options: MapOptions): MappedIncident {
  const incident = RecordFields.of(record);
  const { timezone } = options;
  const externalId = incident.requireString('id');
  const title = incident.requireString('external_desc');
  const startedAt = incident.requireInstant('begin', timezone);
  const detectedAt = incident.optionalInstant('created', timezone);
  const endedAt = incident.optionalInstant('end', timezone);
  const { severity, unmappedSeverity } = mapSeverityWithDefaults('severity', incident.requireString('severity'), GCP_SEVERITIES, options.values);
  const services = [...new Set(incident.objectList('affected_products').map((product) => product.requireString('title')))];
  const timeline = oldestFirst(incident.objectList('updates').map((update) => readUpdate(update, timezone)));

  return {
    externalId,
    fields: { title, severity, startedAt, detectedAt, mitigatedAt: endedAt, resolvedAt: endedAt, services },
    timeline,
    sourcePayload: incident.record,
    ...(unmappedSeverity ? { unmappedSeverity } : {}),
  };
}
