import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { MinRole } from '../../common/access.decorators.js';
import { ApiAuthErrors, ApiErrors } from '../../common/api-responses.decorators.js';
import { IncidentMeasuresDto } from './dto/incident-measures.dto.js';
import { IncidentMeasuresService } from './incident-measures.service.js';

@ApiTags('metrics')
@MinRole('viewer')
@ApiBearerAuth()
@ApiCookieAuth()
@ApiAuthErrors()
/** GET /incidents/{incident}/measures: the incident page's intervals and SLA state. */
@Controller('incidents')
export class IncidentMeasuresController {
  constructor(private readonly measuresService: IncidentMeasuresService) {}

  @Get(':incident/measures')
  @ApiOperation({
    summary: "One incident's intervals (TTD, TTA, TTE, TTM, TTR) and SLA state per target, as the metrics count them",
    description: "Judged against the peak severity's targets at the server clock's now, by the same rules as /metrics and /metrics/sla.",
  })
  @ApiParam({ name: 'incident', description: 'Incident id (uuid) or key (INC-2026-0042)', example: 'INC-2026-0001' })
  @ApiOkResponse({ type: IncidentMeasuresDto })
  @ApiErrors(404)
  measures(@Param('incident') incident: string): Promise<IncidentMeasuresDto> {
    return this.measuresService.measures(incident);
  }
}
