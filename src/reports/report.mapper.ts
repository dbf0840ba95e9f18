import { changeBuilder } from '../audit/audit-change.js';
import type { ReportDetailDto, ReportDto } from './dto/report.dto.js';
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

const iso = (date: Date | null): string | null => (date ? date.toISOString() : null);

export function toReportDto(row: ReportRow): ReportDto {
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
  };
}

export function toReportDetailDto(row: ReportRow): ReportDetailDto {
  return { ...toReportDto(row), figures: row.figures ?? null };
}

/** How a generation is recorded in the audit trail (without the figures: they are on the report). */
export const reportChange = changeBuilder<ReportDto>('report', (r) => `${r.kind} ${r.period} v${r.version}`);
