import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsString, Matches } from 'class-validator';
import { PageQueryDto } from '../../common/page-query.dto.js';
import { DELIVERY_STATUSES, type DeliveryStatus } from '../report-delivery.entity.js';
import { REPORT_KINDS, REPORT_STATUSES, REPORT_TRIGGERS, type ReportKind, type ReportStatus, type ReportTrigger } from '../report.entity.js';

/** How much of a report's month changed after it was generated (from the audit trail). */
export class ReportChangesSummaryDto {
  @ApiProperty({ example: 3, description: "Incidents of the report's month changed after the report finished" }) incidents: number;
  @ApiProperty({ type: String, nullable: true, description: 'When the latest of those changes was' }) lastChangeAt: string | null;
}

/** One incident of the report's month changed after the report was generated. */
export class ChangedIncidentDto {
  @ApiProperty() incidentId: string;
  @ApiProperty({ type: String, nullable: true, example: 'INC-2026-0042' }) key: string | null;
  @ApiProperty({ description: 'Audit events on it (the incident, its timeline, retro, action items) since the report' }) changes: number;
  @ApiProperty() firstChangeAt: string;
  @ApiProperty() lastChangeAt: string;
  @ApiProperty({ type: [String], description: 'Who changed it: usernames, token names, `cli`, `system`', example: ['alice'] }) changedBy: string[];
  @ApiProperty({ type: [String], example: ['incident.update', 'timeline_entry.create'] }) actions: string[];
  @ApiProperty({ description: 'Deleted since the report' }) deleted: boolean;
}

/** The e-mail of a report to one recipient (REPORT_RECIPIENTS as configured when the report completed). */
export class ReportDeliveryDto {
  @ApiProperty({ example: 'cto@example.com' }) recipient: string;
  @ApiProperty({
    enum: DELIVERY_STATUSES,
    description:
      '`pending`: waiting to be sent (again, after a temporary failure, at `nextAttemptAt`); `sending`: being sent; `sent`; ' +
      '`failed`: refused permanently (5xx), given up after repeated temporary failures, or interrupted mid-send (outcome unknown, not sent again)',
  })
  status: DeliveryStatus;
  @ApiProperty({ example: 1, description: 'Sends started' }) attempts: number;
  @ApiProperty({ type: String, nullable: true, description: 'What the SMTP server (or the connection) said on the last failed attempt' }) lastError: string | null;
  @ApiProperty({ type: String, nullable: true }) sentAt: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'When a pending delivery is due; null once sent or failed' }) nextAttemptAt: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The Message-ID of the sent message' }) messageId: string | null;
}

/** One generated report (one version of one month) as the API shows it in lists: no figures. */
export class ReportDto {
  @ApiProperty({ example: '3f2b1c0d-9e8f-4a7b-8c6d-5e4f3a2b1c0d' }) id: string;
  @ApiProperty({ enum: REPORT_KINDS }) kind: ReportKind;
  @ApiProperty({ example: '2026-10', description: 'The calendar month (in REPORT_TIMEZONE) the report covers' }) period: string;
  @ApiProperty({ example: 1, description: '1, 2, … per month: a regeneration is a new version beside the old one' }) version: number;
  @ApiProperty({ enum: REPORT_STATUSES, description: '`claimed`/`running`: being generated; `completed`: the file is ready; `failed`: see `error`' })
  status: ReportStatus;
  @ApiProperty({ enum: REPORT_TRIGGERS }) trigger: ReportTrigger;
  @ApiProperty({ example: 'admin', description: 'Username, token name, `cli` or `system` (the schedule)' }) requestedBy: string;
  @ApiProperty({ example: '4242@reports-1', description: 'The process that holds (or held) the claim: pid@host' }) claimedBy: string;
  @ApiProperty() createdAt: string;
  @ApiProperty() claimedAt: string;
  @ApiProperty({ description: 'Last sign of life of the generating process' }) heartbeatAt: string;
  @ApiProperty({ type: String, nullable: true }) startedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) finishedAt: string | null;
  @ApiProperty({ example: 'hindsight-monthly-2026-10.xlsx' }) fileName: string;
  @ApiProperty({ type: Number, nullable: true, description: 'Size of the file, once completed' }) bytes: number | null;
  @ApiProperty({ type: String, nullable: true, description: 'Hex SHA-256 of the file, once completed' }) sha256: string | null;
  @ApiProperty({ type: String, nullable: true }) error: string | null;
  @ApiProperty({ description: 'Generations started on this version: more than 1 after a crashed or failed one was retried' }) attempts: number;
  @ApiProperty({
    type: ReportChangesSummaryDto,
    nullable: true,
    description: "How many of the month's incidents were changed after this report was generated (null until it is completed); the report itself never changes",
  })
  changesSince: ReportChangesSummaryDto | null;
}

/** One report with the figures its workbook printed, frozen at generation. */
export class ReportDetailDto extends ReportDto {
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    description: 'The figures the workbook printed (MonthlyReportFigures), exactly; null until completed',
  })
  figures: Record<string, unknown> | null;

  @ApiProperty({ type: [ChangedIncidentDto], description: 'The incidents behind `changesSince`, most recently changed first (up to 200)' })
  changedIncidents: ChangedIncidentDto[];

  @ApiProperty({ type: [ReportDeliveryDto], description: 'Its e-mail, per recipient (empty when e-mail was off when it completed)' })
  deliveries: ReportDeliveryDto[];
}

export class ReportPageDto {
  @ApiProperty({ type: [ReportDto] }) items: ReportDto[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as `cursor` for the next page' }) nextCursor: string | null;
}

export class ListReportsQuery extends PageQueryDto({ maxLimit: 200 }) {}

/** The body of POST /api/v1/reports. */
export class CreateReportDto {
  @ApiProperty({ example: '2026-10', description: 'The calendar month to report on (YYYY-MM, in REPORT_TIMEZONE); it must have ended' })
  @IsString({ message: 'month must be a month in YYYY-MM form, e.g. 2026-10' })
  @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'month must be a month in YYYY-MM form, e.g. 2026-10' })
  month: string;

  @ApiPropertyOptional({ type: Boolean, default: false, description: 'Generate a new version even when the month already has a completed report' })
  @IsOptional() @IsBoolean({ message: 'regenerate must be true or false' })
  regenerate?: boolean;
}
