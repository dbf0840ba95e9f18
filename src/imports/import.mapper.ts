import type { ImportDto, ImportIssueDto } from './dto/import.dto.js';
import type { ImportIssueRow } from './import-batch.js';
import type { ImportRunRow } from './imports.repository.js';

export function toImportDto(row: ImportRunRow): ImportDto {
  return {
    id: row.id,
    format: row.format,
    source: row.source,
    fileName: row.file_name,
    fileBytes: row.file_bytes === null ? null : Number(row.file_bytes),
    options: row.options,
    dryRun: row.dry_run,
    status: row.status,
    actor: row.actor_name,
    startedAt: row.started_at.toISOString(),
    finishedAt: row.finished_at?.toISOString() ?? null,
    recordsRead: row.records_read,
    created: row.created,
    updated: row.updated,
    unchanged: row.unchanged,
    rejected: row.rejected,
    flagged: row.flagged,
    shortened: row.shortened,
    servicesCreated: row.services_created,
    teamsCreated: row.teams_created,
    error: row.error,
    rejectedFile: row.rejected > 0 ? `/api/v1/imports/${row.id}/rejected` : null,
  };
}

export function toImportIssueDto(row: ImportIssueRow): ImportIssueDto {
  return { kind: row.kind, record: row.record, line: row.line, externalId: row.externalId, field: row.field, value: row.value, message: row.message };
}
