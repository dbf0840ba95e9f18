import { changeBuilder } from '../audit/audit-change.js';
import type { ChangedIncidentDto, ConfigurationChangeDto, MovedSincePreviousDto, ReportDeliveryDto, ReportDetailDto, ReportDto } from './dto/report.dto.js';
import type { DeliveryRow } from './report-deliveries.repository.js';
import type { ReportKind, ReportStatus, ReportTrigger } from './report.entity.js';

/** One report as the repository reads it. */
export interface ReportRow {
  id: string;
  kind: ReportKind;
  period: string;
  version: number;
  status: ReportStatus;
  trigger: ReportTrigger;
  requested_by: string;
  claimed_by: string;
  created_at: Date;
  claimed_at: Date;
  heartbeat_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
  file_name: string;
  bytes: string | null;
  sha256: string | null;
  error: string | null;
  attempts: number;
  /** Read only where the figures are shown (one report), not in lists. */
  figures?: Record<string, unknown> | null;
}

/** One incident changed after a report: its id and key, how many changes, when, by whom, which actions. */
export interface ChangedIncidentRow {
  incident_id: string;
  key: string | null;
  changes: number;
  first_at: Date;
  last_at: Date;
  actors: string[];
  actions: string[];
  deleted: boolean;
}

/** Per completed report: the audited configuration changes after it, and the settings it was generated with. */
export interface ConfigurationChangeCountRow {
  id: string;
  changes: number;
  last_at: Date | null;
  /** `severity_level SEV1`, one per entity changed. */
  which: string[];
  calendar: Record<string, unknown> | null;
  time_zone: string | null;
}

export interface ConfigurationChangeRow {
  entity_type: string;
  entity_label: string | null;
  action: string;
  occurred_at: Date;
  actor_name: string;
}

const iso = (date: Date | null): string | null => (date ? date.toISOString() : null);

/** What changed in a report's month after it: the count and latest change (absent: nothing changed). */
export interface ChangeCount {
  incidents: number;
  last_at: Date;
}

/** Configuration changed after a report: audited changes (count, last) and settings that differ now, by name. */
export interface ConfigurationCount {
  changes: number;
  last_at: Date | null;
  which: string[];
  settings: string[];
}

export function toReportDto(row: ReportRow, changes?: ChangeCount, configuration?: ConfigurationCount): ReportDto {
  return {
    id: row.id,
    kind: row.kind,
    period: row.period,
    version: row.version,
    status: row.status,
    trigger: row.trigger,
    requestedBy: row.requested_by,
    claimedBy: row.claimed_by,
    createdAt: row.created_at.toISOString(),
    claimedAt: row.claimed_at.toISOString(),
    heartbeatAt: row.heartbeat_at.toISOString(),
    startedAt: iso(row.started_at),
    finishedAt: iso(row.finished_at),
    fileName: row.file_name,
    bytes: row.bytes === null ? null : Number(row.bytes),
    sha256: row.sha256,
    error: row.error,
    attempts: row.attempts,
    changesSince:
      row.status === 'completed'
        ? {
            incidents: changes?.incidents ?? 0,
            lastChangeAt: iso(changes?.last_at ?? null),
            configurationChanges: {
              count: (configuration?.changes ?? 0) + (configuration?.settings.length ?? 0),
              lastChangeAt: iso(configuration?.last_at ?? null),
              which: [...(configuration?.settings ?? []), ...(configuration?.which ?? [])],
            },
          }
        : null,
  };
}

export function toChangedIncidentDto(row: ChangedIncidentRow): ChangedIncidentDto {
  return {
    incidentId: row.incident_id,
    key: row.key,
    changes: row.changes,
    firstChangeAt: row.first_at.toISOString(),
    lastChangeAt: row.last_at.toISOString(),
    changedBy: row.actors,
    actions: row.actions,
    deleted: row.deleted,
  };
}

export function toReportDeliveryDto(row: DeliveryRow): ReportDeliveryDto {
  return {
    recipient: row.recipient,
    status: row.status,
    attempts: row.attempts,
    lastError: row.last_error,
    sentAt: iso(row.sent_at),
    nextAttemptAt: row.status === 'pending' ? row.next_attempt_at.toISOString() : null,
    messageId: row.message_id,
  };
}

/** What GET /reports/{id} adds to a completed report: what changed since, and what moved since the previous version. */
export interface ReportDetailExtras {
  changed?: ChangedIncidentRow[];
  changes?: ChangeCount;
  configuration?: ConfigurationCount;
  configurationEvents?: ConfigurationChangeRow[];
  moved?: MovedSincePreviousDto | null;
  /** Its e-mail, per recipient. */
  deliveries?: ReportDeliveryDto[];
}

export function toConfigurationChangeDto(row: ConfigurationChangeRow): ConfigurationChangeDto {
  return { entityType: row.entity_type, label: row.entity_label, action: row.action, changedAt: row.occurred_at.toISOString(), changedBy: row.actor_name };
}

/**
 * The figures as the API and the command line show them: without `printedIncidents`, the bookkeeping a later
 * version compares against (one key and stamp per incident: megabytes in a large month, and no figure).
 */
function shownFigures(figures: ReportRow['figures']): Record<string, unknown> | null {
  if (!figures) return null;
  const shown = { ...figures };
  delete shown.printedIncidents;
  return shown;
}

export function toReportDetailDto(row: ReportRow, extras: ReportDetailExtras = {}): ReportDetailDto {
  const settings = (extras.configuration?.settings ?? []).map((setting): ConfigurationChangeDto => ({ entityType: 'setting', label: setting, action: 'changed', changedAt: null, changedBy: null }));
  return {
    ...toReportDto(row, extras.changes, extras.configuration),
    figures: shownFigures(row.figures),
    changedIncidents: (extras.changed ?? []).map(toChangedIncidentDto),
    changedConfiguration: [...settings, ...(extras.configurationEvents ?? []).map(toConfigurationChangeDto)],
    movedSincePrevious: extras.moved ?? null,
    deliveries: extras.deliveries ?? [],
  };
}

/** A report as its audit events record it: the record without what changed since (that is not part of it). */
export function toReportAuditDto(row: ReportRow): Omit<ReportDto, 'changesSince'> {
  const dto: Partial<ReportDto> = toReportDto(row);
  delete dto.changesSince;
  return dto as Omit<ReportDto, 'changesSince'>;
}

/** How a generation is recorded in the audit trail (without the figures: they are on the report). */
export const reportChange = changeBuilder<Omit<ReportDto, 'changesSince'>>('report', (r) => `${r.kind} ${r.period} v${r.version}`);
