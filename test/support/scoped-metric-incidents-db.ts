import type { DataSource } from 'typeorm';
import type { MetricIncident } from '../../src/metrics/core/intervals.js';
import { insertMetricIncidents } from './metric-incidents-db.js';

/** A MetricIncident with what the metrics filters and groupings read besides severity. */
export interface ScopedMetricIncident extends MetricIncident {
  /** Owning team name, or none. */
  readonly team: string | null;
  /** Affected service names (distinct). */
  readonly services: readonly string[];
  readonly tags: readonly string[];
  readonly source: string;
}

/**
 * Writes ScopedMetricIncidents as real rows (insertMetricIncidents for the incident itself, then its
 * owning team, tags, source and service links, creating teams and services by name as needed), in a
 * handful of statements whatever the count. Returns the ids in input order.
 */
export async function insertScopedMetricIncidents(dataSource: DataSource, incidents: readonly ScopedMetricIncident[]): Promise<string[]> {
  const ids = await insertMetricIncidents(dataSource, incidents);
  if (ids.length === 0) return ids;
  const teams = [...new Set(incidents.flatMap((i) => (i.team === null ? [] : [i.team])))];
  const services = [...new Set(incidents.flatMap((i) => i.services))];
  if (teams.length) await dataSource.query(`INSERT INTO teams (name) SELECT unnest($1::text[]) ON CONFLICT (name) DO NOTHING`, [teams]);
  if (services.length) await dataSource.query(`INSERT INTO services (name) SELECT unnest($1::text[]) ON CONFLICT (name) DO NOTHING`, [services]);
  const rows = incidents.map((incident, n) => ({ id: ids[n], team: incident.team, tags: incident.tags, source: incident.source, services: incident.services }));
  await dataSource.query(
    `UPDATE incidents i SET owning_team_id = t.id, tags = ARRAY(SELECT jsonb_array_elements_text(x.tags)), source = x.source
       FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, team text, tags jsonb, source text)
       LEFT JOIN teams t ON t.name = x.team
      WHERE i.id = x.id`,
    [JSON.stringify(rows)],
  );
  await dataSource.query(
    `INSERT INTO incident_services (incident_id, service_id)
     SELECT x.id, s.id
       FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, services jsonb)
      CROSS JOIN LATERAL jsonb_array_elements_text(x.services) AS name(value)
       JOIN services s ON s.name = name.value`,
    [JSON.stringify(rows)],
  );
  return ids;
}
