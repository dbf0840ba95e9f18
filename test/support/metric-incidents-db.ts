import type { DataSource } from 'typeorm';
import { MILESTONES, milestoneColumn } from '../../src/incidents/milestones.js';
import type { MetricIncident } from '../../src/metrics/core/intervals.js';

/**
 * Writes MetricIncidents as real incident rows (keys INC-1900-…, the given peak severity) in one
 * statement, returning the ids in order. For integration tests of metric SQL against the reference.
 */
export async function insertMetricIncidents(dataSource: DataSource, incidents: readonly MetricIncident[]): Promise<string[]> {
  if (incidents.length === 0) return [];
  const columns = MILESTONES.map(milestoneColumn);
  const rows: { id: string; key: string }[] = await dataSource.query(
    `INSERT INTO incidents (key, title, severity_id, peak_severity_id, excluded_from_metrics, version, ${columns.join(', ')})
     SELECT 'INC-1900-' || lpad(n::text, 6, '0') || '-' || substr(md5(random()::text), 1, 6), 'generated', s.id, s.id, x.excluded, 1, ${columns.map((c) => `x.${c}`).join(', ')}
       FROM jsonb_to_recordset($1::jsonb) AS x(n bigint, severity text, excluded boolean, ${columns.map((c) => `${c} timestamptz`).join(', ')})
       JOIN severity_levels s ON s.key = x.severity
      ORDER BY x.n
     RETURNING id, key`,
    [
      JSON.stringify(
        incidents.map((incident, n) => ({
          n,
          severity: incident.severity,
          excluded: incident.excludedFromMetrics,
          ...Object.fromEntries(MILESTONES.map((m) => [milestoneColumn(m), incident[m]?.toISOString() ?? null])),
        })),
      ),
    ],
  );
  // RETURNING order is not guaranteed: the key carries the input position.
  const position = (key: string) => Number(key.split('-')[2]);
  return [...rows].sort((a, b) => position(a.key) - position(b.key)).map((row) => row.id);
}
