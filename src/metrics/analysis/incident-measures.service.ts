import { Injectable } from '@nestjs/common';
import { Clock } from '../../common/clock.js';
import { IncidentsService } from '../../incidents/incidents.service.js';
import { SeverityLevelsService } from '../../severities/severity-levels.service.js';
import { toIncidentMeasuresDto, type IncidentMeasuresDto } from './dto/incident-measures.dto.js';
import { incidentMeasures, toMetricIncident } from './incident-measures.js';

/** One incident's intervals and SLA state, judged against its peak severity's targets at the injected Clock's now. */
@Injectable()
export class IncidentMeasuresService {
  constructor(
    private readonly incidents: IncidentsService,
    private readonly severities: SeverityLevelsService,
    private readonly clock: Clock,
  ) {}

  /** By id or key; 404 when there is no such incident. */
  async measures(idOrKey: string): Promise<IncidentMeasuresDto> {
    const incident = await this.incidents.get(idOrKey);
    const targets = await this.severities.get(incident.peakSeverity);
    const now = this.clock.now();
    return toIncidentMeasuresDto(incidentMeasures(toMetricIncident(incident), targets, now), incident.peakSeverity, now);
  }
}
