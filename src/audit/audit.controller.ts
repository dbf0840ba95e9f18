import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { MinRole } from '../common/access.decorators.js';
import { ApiAuthErrors, ApiErrors } from '../common/api-responses.decorators.js';
import { AuditService } from './audit.service.js';
import { AuditEventPageDto } from './dto/audit-event.dto.js';
import { AuditPageQuery, ListAuditQuery } from './dto/list-audit.query.js';

const ID_OR_KEY = { name: 'incident', description: 'Incident id (uuid) or key (INC-2026-0042), also of a deleted incident', example: 'INC-2026-0001' };

@ApiTags('audit')
@ApiBearerAuth()
@ApiCookieAuth()
@ApiAuthErrors()
@Controller()
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @MinRole('admin')
  @Get('audit')
  @ApiOperation({ summary: 'Every recorded change, newest first: who, when, what, before and after; with filters and cursor pagination' })
  @ApiOkResponse({ type: AuditEventPageDto })
  @ApiErrors(400)
  list(@Query() query: ListAuditQuery): Promise<AuditEventPageDto> {
    return this.audit.list(query);
  }

  @MinRole('viewer')
  @Get('incidents/:incident/history')
  @ApiOperation({ summary: 'The incident\'s history, oldest first: changes to it and to its timeline, retrospective and action items' })
  @ApiParam(ID_OR_KEY)
  @ApiOkResponse({ type: AuditEventPageDto })
  @ApiErrors(400, 404)
  history(@Param('incident') incident: string, @Query() query: AuditPageQuery): Promise<AuditEventPageDto> {
    return this.audit.incidentHistory(incident, query);
  }
}
