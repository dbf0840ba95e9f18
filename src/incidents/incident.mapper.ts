import type { ImpactScope } from './incident.entity.js';
import type { IncidentDto, SeverityChangeDto } from './dto/incident.dto.js';
import { incidentStatus, MILESTONES, milestoneColumn, type Milestones } from './milestones.js';
import { changeBuilder } from '../audit/audit-change.js';

/** One incident as the repository reads it: its columns plus the names it refers to. */
export interface IncidentRow {
  id: string;
  key: string;
  title: string;
  functionality: string | null;
  state: string | null;
  audience: string | null;
  severity_id: string;
  severity_key: string;
  peak_severity_id: string;
  peak_severity_key: string;
  owning_team_id: string | null;
  owning_team_name: string | null;
  service_names: string[];
  customer_impact: string;
  impact_scope: ImpactScope;
  known_customers_impacted: string[];
  commander: string | null;
  investigator: string | null;
  comms: string | null;
  scribe: string | null;
  tags: string[];
  source: string;
  external_id: string | null;
  source_payload: unknown;
  excluded_from_metrics: boolean;
  exclusion_reason: string | null;
  started_at: Date;
  detected_at: Date | null;
  acknowledged_at: Date | null;
  investigating_at: Date | null;
  identified_at: Date | null;
  mitigated_at: Date | null;
  resolved_at: Date | null;
  retro_prep_at: Date | null;
  retro_done_at: Date | null;
  version: number;
  created_at: Date;
  updated_at: Date;
}

/** The nine milestones of a stored incident. */
export function rowMilestones(row: IncidentRow): Milestones {
  return Object.fromEntries(MILESTONES.map((field) => [field, row[milestoneColumn(field) as keyof IncidentRow] as Date | null]));
}

const iso = (date: Date | null): string | null => (date ? date.toISOString() : null);

export function toIncidentDto(row: IncidentRow): IncidentDto {
  return {
    id: row.id,
    key: row.key,
    title: row.title,
    functionality: row.functionality,
    state: row.state,
    audience: row.audience,
    severity: row.severity_key,
    peakSeverity: row.peak_severity_key,
    status: incidentStatus({ mitigatedAt: row.mitigated_at, resolvedAt: row.resolved_at, retroDoneAt: row.retro_done_at }),
    services: row.service_names,
    owningTeam: row.owning_team_name,
    customerImpact: row.customer_impact,
    impactScope: row.impact_scope,
    knownCustomersImpacted: row.known_customers_impacted,
    commander: row.commander,
    investigator: row.investigator,
    comms: row.comms,
    scribe: row.scribe,
    tags: row.tags,
    source: row.source,
    externalId: row.external_id,
    sourcePayload: row.source_payload,
    excludedFromMetrics: row.excluded_from_metrics,
    exclusionReason: row.exclusion_reason,
    startedAt: row.started_at.toISOString(),
    detectedAt: iso(row.detected_at),
    acknowledgedAt: iso(row.acknowledged_at),
    investigatingAt: iso(row.investigating_at),
    identifiedAt: iso(row.identified_at),
    mitigatedAt: iso(row.mitigated_at),
    resolvedAt: iso(row.resolved_at),
    retroPrepAt: iso(row.retro_prep_at),
    retroDoneAt: iso(row.retro_done_at),
    version: row.version,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

export interface SeverityChangeRow {
  id: string;
  from_key: string | null;
  to_key: string;
  changed_at: Date;
  changed_by: string | null;
  reason: string;
}

export function toSeverityChangeDto(row: SeverityChangeRow): SeverityChangeDto {
  return { id: row.id, from: row.from_key, to: row.to_key, changedAt: row.changed_at.toISOString(), changedBy: row.changed_by, reason: row.reason };
}

/** How a change to it is recorded in the audit trail. */
export const incidentChange = changeBuilder<IncidentDto>('incident', (i) => i.key, (i) => i.id);
