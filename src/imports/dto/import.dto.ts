import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { PageQueryDto } from '../../common/page-query.dto.js';
import { IMPORT_ISSUE_KINDS, type ImportIssueKind } from '../import-issue.entity.js';
import { IMPORT_STATUSES, type ImportStatus } from '../import-run.entity.js';

export class ImportDto {
  @ApiProperty() id: string;
  @ApiProperty({ example: 'statuspage' }) format: string;
  @ApiProperty({ example: 'statuspage' }) source: string;
  @ApiProperty({ example: 'incidents.json' }) fileName: string;
  @ApiProperty({ type: Number, nullable: true }) fileBytes: number | null;
  @ApiProperty({ description: 'The options as given' }) options: Record<string, unknown>;
  @ApiProperty() dryRun: boolean;
  @ApiProperty({ enum: IMPORT_STATUSES, description: '`interrupted`: the process stopped mid-way; committed batches are complete, run the same import again to finish' })
  status: ImportStatus;
  @ApiProperty({ example: 'admin' }) actor: string;
  @ApiProperty() startedAt: string;
  @ApiProperty({ type: String, nullable: true }) finishedAt: string | null;
  @ApiProperty() recordsRead: number;
  @ApiProperty() created: number;
  @ApiProperty() updated: number;
  @ApiProperty() unchanged: number;
  @ApiProperty({ description: 'Not imported; downloadable from `rejectedFile` in the original format' }) rejected: number;
  @ApiProperty({ description: 'Imported with milestones out of order: listed under data quality, and left out of an interval only where its own two ends are out of order' }) flagged: number;
  @ApiProperty({ description: 'Imported with free text over the length limits shortened at a word boundary (ending in "…"); the whole text is kept in the source payload' })
  shortened: number;
  @ApiProperty({ type: [String] }) servicesCreated: string[];
  @ApiProperty({ type: [String] }) teamsCreated: string[];
  @ApiProperty({ type: String, nullable: true }) error: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Path of the rejected-records file, when there are rejected records' })
  rejectedFile: string | null;
}

export class ImportIssueDto {
  @ApiProperty({ enum: IMPORT_ISSUE_KINDS }) kind: ImportIssueKind;
  @ApiProperty({ description: '1-based record number in the file' }) record: number;
  @ApiProperty({ type: Number, nullable: true, description: '1-based line where the record starts (CSV, NDJSON)' }) line: number | null;
  @ApiProperty({ type: String, nullable: true }) externalId: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The field at fault, named as in the file' }) field: string | null;
  @ApiProperty({ type: String, nullable: true }) value: string | null;
  @ApiProperty() message: string;
}

export class ImportIssuePageDto {
  @ApiProperty({ type: [ImportIssueDto] }) items: ImportIssueDto[];
  @ApiProperty() total: number;
  @ApiProperty({ type: String, nullable: true, description: 'Pass as `cursor` for the next page' }) nextCursor: string | null;
}

export class ImportDetailDto extends ImportDto {
  @ApiProperty({ type: ImportIssuePageDto, description: 'The first page of rejected, flagged and shortened records' }) issues: ImportIssuePageDto;
}

export class ImportPageDto {
  @ApiProperty({ type: [ImportDto] }) items: ImportDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}

export class ListImportsQuery extends PageQueryDto({ maxLimit: 200 }) {}

export class ListImportIssuesQuery extends ListImportsQuery {
  @ApiPropertyOptional({ enum: IMPORT_ISSUE_KINDS, description: 'Only rejected, only flagged or only shortened records' })
  @IsOptional() @IsIn(IMPORT_ISSUE_KINDS)
  kind?: ImportIssueKind;
}
