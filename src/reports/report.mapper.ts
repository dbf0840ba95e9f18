import { changeBuilder } from '../audit/audit-change.js';
import type { ChangedIncidentDto, ReportDeliveryDto, ReportDetailDto, ReportDto } from './dto/report.dto.js';
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

const iso = (date: Date | null): string | null => (date ? date.toISOString() : null);

/** What changed in a report's month after it: the count and latest change (absent: nothing changed). */
export interface ChangeCount {
  incidents: number;
  last_at: Date;
}

export function toReportDto(row: ReportRow, changes?: ChangeCount): ReportDto {
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
    changesSince: row.status === 'completed' ? { incidents: changes?.incidents ?? 0, lastChangeAt: iso(changes?.last_at ?? null) } : null,
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

export function toReportDetailDto(row: ReportRow, changed: ChangedIncidentRow[] = [], changes?: ChangeCount, deliveries: ReportDeliveryDto[] = []): ReportDetailDto {
  return {
    ...toReportDto(row, changes),
    figures: row.figures ?? null,
    changedIncidents: changed.map(toChangedIncidentDto),
    deliveries,
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
