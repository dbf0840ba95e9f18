import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsString, Matches } from 'class-validator';
import { PageQueryDto } from '../../common/page-query.dto.js';
import { DELIVERY_STATUSES, type DeliveryStatus } from '../report-delivery.entity.js';
import { REPORT_KINDS, REPORT_STATUSES, REPORT_TRIGGERS, type ReportKind, type ReportStatus, type ReportTrigger } from '../report.entity.js';

/** Configuration that shapes the figures, changed after the report was generated. */
export class ConfigurationChangesSummaryDto {
  @ApiProperty({ example: 2, description: 'Audited changes to severity levels and retrospective templates after the report finished, plus one per setting (business calendar, report time zone) that differs now' })
  count: number;
  @ApiProperty({ type: String, nullable: true, description: 'When the latest audited change was (settings changed in the environment have no time)' }) lastChangeAt: string | null;
  @ApiProperty({ type: [String], example: ['severity_level SEV1', 'business calendar (BUSINESS_*)'], description: 'What changed: each entity, and each setting' }) which: string[];
}

/** How much of a report's month changed after it was generated (from the audit trail). */
export class ReportChangesSummaryDto {
  @ApiProperty({ example: 3, description: "Incidents of the report's month changed after the report finished" }) incidents: number;
  @ApiProperty({ type: String, nullable: true, description: 'When the latest of those changes was' }) lastChangeAt: string | null;
  @ApiProperty({ type: ConfigurationChangesSummaryDto, description: 'Configuration changed after the report (the report itself never changes)' })
  configurationChanges: ConfigurationChangesSummaryDto;
}

/** One change to configuration after the report: an audit event, or a setting that differs now. */
export class ConfigurationChangeDto {
  @ApiProperty({ example: 'severity_level', description: '`severity_level`, `retro_template`, or `setting` (from the environment)' }) entityType: string;
  @ApiProperty({ type: String, nullable: true, example: 'SEV1' }) label: string | null;
  @ApiProperty({ example: 'severity_level.update', description: 'The audit action; `changed` for a setting' }) action: string;
  @ApiProperty({ type: String, nullable: true, description: 'When (null for a setting)' }) changedAt: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'By whom (null for a setting)' }) changedBy: string | null;
}

/** One figure whose printed value differs between two versions of a month's report. */
export class MovedFigureDto {
  @ApiProperty({ example: 'TTR median, SEV1', description: 'The figure, in plain words' }) figure: string;
  @ApiProperty({ type: String, nullable: true, example: '3:05 (n = 12)', description: 'As the previous version printed it (durations [h]:mm, rates 0.0%)' }) previous: string | null;
  @ApiProperty({ type: String, nullable: true, example: '2:41 (n = 13)', description: 'As this version prints it' }) current: string | null;
}

export class MovedIncidentsDto {
  @ApiProperty({ type: [String], description: 'Incident keys in this version, not in the previous one (created, or moved into the month)' }) added: string[];
  @ApiProperty({ type: [String], description: 'Incident keys in the previous version, not in this one (deleted, or moved out of the month)' }) removed: string[];
  @ApiProperty({ type: [String], description: 'In both, changed in between (the incident, its timeline, retrospective or action items)' }) changed: string[];
}

/** What moved since the month's previous completed version. */
export class MovedSincePreviousDto {
  @ApiProperty({ example: 1 }) previousVersion: number;
  @ApiProperty() previousReportId: string;
  @ApiProperty({ type: [MovedFigureDto], description: "Every figure of the month whose printed value differs, in the Summary sheet's order" }) figures: MovedFigureDto[];
  @ApiProperty({ type: MovedIncidentsDto, nullable: true, description: 'Null when either version was generated before reports recorded their incidents' })
  incidents: MovedIncidentsDto | null;
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

  @ApiProperty({ type: [ConfigurationChangeDto], description: 'The changes behind `changesSince.configurationChanges`: settings first, then audited changes, most recent first (up to 200)' })
  changedConfiguration: ConfigurationChangeDto[];

  @ApiProperty({
    type: MovedSincePreviousDto,
    nullable: true,
    description: "For a completed version 2 or later: what moved since the month's previous completed version (from the two frozen snapshots); null for version 1",
  })
  movedSincePrevious: MovedSincePreviousDto | null;

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
