import type { SqlParams } from '../database/sql-params.js';
import type { IncidentFilter } from './incident-filter.js';
import type { IncidentStatus } from './milestones.js';

/** The rows an IncidentFilter's conditions test, by their aliases in the statement that joins them. */
export interface IncidentFilterAliases {
  /**
   * The incident: `incidents`, or a view with its columns (started_at, source, tags, the milestones;
   * key, title, functionality and customer_impact for `text`).
   */
  incident: string;
  /**
   * The severity_levels row that `severities` are keys of: joined on severity_id to filter by the
   * current severity (the incident list), on peak_severity_id by the peak severity (the metrics).
   */
  severity: string;
  /** The owning team, LEFT JOINed on owning_team_id. */
  team: string;
}

/** Status of an incident from its milestones, as incidentStatus() in milestones.ts derives it. */
const STATUS_SQL: Record<IncidentStatus, (i: string) => string> = {
  active: (i) => `(${i}.mitigated_at IS NULL AND ${i}.resolved_at IS NULL AND ${i}.retro_done_at IS NULL)`,
  mitigated: (i) => `(${i}.mitigated_at IS NOT NULL AND ${i}.resolved_at IS NULL AND ${i}.retro_done_at IS NULL)`,
  resolved: (i) => `(${i}.resolved_at IS NOT NULL AND ${i}.retro_done_at IS NULL)`,
  closed: (i) => `(${i}.retro_done_at IS NOT NULL)`,
};

/**
 * The WHERE conditions of a filter, to be joined with AND; none for an empty filter. Every value is a
 * parameter, added in the order from, to, severities, teams, sources, tags, services, text; identifiers
 * are the caller's aliases, never a request's.
 */
export function incidentFilterSql(filter: IncidentFilter, aliases: IncidentFilterAliases, params: SqlParams): string[] {
  const { incident: i, severity: s, team: t } = aliases;
  const where: string[] = [];
  if (filter.from) where.push(`${i}.started_at >= ${params.add(filter.from)}`);
  if (filter.to) where.push(`${i}.started_at < ${params.add(filter.to)}`);
  if (filter.severities?.length) where.push(`${s}.key = ANY(${params.add(filter.severities)}::text[])`);
  if (filter.teams?.length) where.push(`${t}.name = ANY(${params.add(filter.teams)}::text[])`);
  if (filter.sources?.length) where.push(`${i}.source = ANY(${params.add(filter.sources)}::text[])`);
  if (filter.tags?.length) where.push(`${i}.tags @> ${params.add(filter.tags)}::text[]`);
  if (filter.services?.length) {
    where.push(`EXISTS (SELECT 1 FROM incident_services fx JOIN services fs ON fs.id = fx.service_id
                        WHERE fx.incident_id = ${i}.id AND fs.name = ANY(${params.add(filter.services)}::text[]))`);
  }
  if (filter.statuses?.length) where.push(`(${filter.statuses.map((status) => STATUS_SQL[status](i)).join(' OR ')})`);
  if (filter.text) {
    const pattern = params.add(`%${filter.text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    where.push(`(${i}.key ILIKE ${pattern} OR ${i}.title ILIKE ${pattern} OR ${i}.functionality ILIKE ${pattern} OR ${i}.customer_impact ILIKE ${pattern})`);
  }
  return where;
}
