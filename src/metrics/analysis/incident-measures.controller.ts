import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { MinRole } from '../../common/access.decorators.js';
import { ApiAuthErrors, ApiErrors } from '../../common/api-responses.decorators.js';
import { Clock } from '../../common/clock.js';
import { IncidentsService } from '../../incidents/incidents.service.js';
import { SeverityLevelsService } from '../../severities/severity-levels.service.js';
import { IncidentMeasuresDto, toIncidentMeasuresDto } from './dto/incident-measures.dto.js';
import { incidentMeasures, toMetricIncident } from './incident-measures.js';

@ApiTags('metrics')
@MinRole('viewer')
@ApiBearerAuth()
@ApiCookieAuth()
@ApiAuthErrors()
@Controller('incidents')
export class IncidentMeasuresController {
  constructor(
    private readonly incidents: IncidentsService,
    private readonly severities: SeverityLevelsService,
    private readonly clock: Clock,
  ) {}

  @Get(':incident/measures')
  @ApiOperation({
    summary: "One incident's intervals (TTD, TTA, TTE, TTM, TTR) and SLA state per target, as the metrics count them",
    description: "Judged against the peak severity's targets at the server clock's now, by the same rules as /metrics and /metrics/sla.",
  })
  @ApiParam({ name: 'incident', description: 'Incident id (uuid) or key (INC-2026-0042)', example: 'INC-2026-0001' })
  @ApiOkResponse({ type: IncidentMeasuresDto })
  @ApiErrors(404)
  async measures(@Param('incident') incident: string): Promise<IncidentMeasuresDto> {
    const found = await this.incidents.get(incident);
    const targets = await this.severities.get(found.peakSeverity);
    const now = this.clock.now();
    return toIncidentMeasuresDto(incidentMeasures(toMetricIncident(found), targets, now), found.peakSeverity, now);
  }
}
