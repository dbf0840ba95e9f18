import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { Body, Controller, Get, HttpCode, Param, Post, Query, StreamableFile, UploadedFiles, UseInterceptors } from '@nestjs/common';
import { FileFieldsInterceptor } from '@nestjs/platform-express';
import { ApiAcceptedResponse, ApiBearerAuth, ApiBody, ApiConsumes, ApiCookieAuth, ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import { AuditCtx } from '../audit/audit-context.decorator.js';
import type { AuditContext } from '../audit/audit-change.js';
import type { RequestActor } from '../common/actor.js';
import { CurrentActor, MinRole } from '../common/access.decorators.js';
import { ApiAuthErrors, ApiErrors } from '../common/api-responses.decorators.js';
import { ImportDetailDto, ImportDto, ImportIssuePageDto, ImportPageDto, ListImportIssuesQuery, ListImportsQuery } from './dto/import.dto.js';
import { StartImportDto } from './dto/start-import.dto.js';
import { ImportsService, type UploadedFile } from './imports.service.js';

/** Uploads are written to disk as they arrive (memory stays flat; multer creates the folder) and removed when their import ends. */
export const UPLOAD_DIR = join(tmpdir(), 'hindsight-uploads');
/** Largest file POST /imports takes. */
export const MAX_UPLOAD_BYTES = 2 * 1024 ** 3;

const ID = { name: 'id', description: 'Import id (uuid)', example: '3f2b1c0d-9e8f-4a7b-8c6d-5e4f3a2b1c0d' };

@ApiTags('imports')
@ApiBearerAuth()
@ApiCookieAuth()
@ApiAuthErrors()
@Controller('imports')
export class ImportsController {
  constructor(private readonly imports: ImportsService) {}

  @MinRole('admin')
  @Post()
  @HttpCode(202)
  @UseInterceptors(FileFieldsInterceptor([{ name: 'file', maxCount: 1 }], { dest: UPLOAD_DIR, limits: { fileSize: MAX_UPLOAD_BYTES, fields: 2000 } }))
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: StartImportDto })
  @ApiOperation({ summary: 'Upload a file and import it in the background; poll GET /imports/{id} for status and the row report' })
  @ApiAcceptedResponse({ type: ImportDto })
  @ApiErrors(400, 413)
  start(
    @Body() dto: StartImportDto,
    @UploadedFiles() files: { file?: UploadedFile[] } | undefined,
    @CurrentActor() actor: RequestActor,
    @AuditCtx() context: AuditContext,
  ): Promise<ImportDto> {
    return this.imports.startUpload(dto, files?.file?.[0], actor, context);
  }

  @MinRole('viewer')
  @Get()
  @ApiOperation({ summary: 'Imports, newest first' })
  @ApiOkResponse({ type: ImportPageDto })
  @ApiErrors(400)
  list(@Query() query: ListImportsQuery): Promise<ImportPageDto> {
    return this.imports.list(query);
  }

  @MinRole('viewer')
  @Get(':id')
  @ApiParam(ID)
  @ApiOperation({ summary: 'Status, counts and the first page of rejected, flagged and shortened records of one import' })
  @ApiOkResponse({ type: ImportDetailDto })
  @ApiErrors(404)
  get(@Param('id') id: string): Promise<ImportDetailDto> {
    return this.imports.get(id);
  }

  @MinRole('viewer')
  @Get(':id/issues')
  @ApiParam(ID)
  @ApiOperation({ summary: 'Rejected, flagged and shortened records of one import, in file order: record and line number, field, value, message' })
  @ApiOkResponse({ type: ImportIssuePageDto })
  @ApiErrors(400, 404)
  issues(@Param('id') id: string, @Query() query: ListImportIssuesQuery): Promise<ImportIssuePageDto> {
    return this.imports.issues(id, query);
  }

  @MinRole('viewer')
  @Get(':id/rejected')
  @ApiParam(ID)
  @ApiProduces('text/csv', 'application/json')
  @ApiOperation({ summary: 'The rejected records as a file in the original format (CSV with its header, or a JSON array), to fix and import again' })
  @ApiOkResponse({ description: 'The file', schema: { type: 'string', format: 'binary' } })
  @ApiErrors(404)
  async rejected(@Param('id') id: string): Promise<StreamableFile> {
    const { fileName, type, content } = await this.imports.rejectedDownload(id);
    return new StreamableFile(Readable.from(content), { type, disposition: `attachment; filename="${fileName.replace(/["\\\r\n]/g, '_')}"` });
  }
}
