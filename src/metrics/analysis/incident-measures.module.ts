import { Module } from '@nestjs/common';
import { IncidentsModule } from '../../incidents/incidents.module.js';
import { SeverityLevelsModule } from '../../severities/severity-levels.module.js';
import { IncidentMeasuresController } from './incident-measures.controller.js';
import { IncidentMeasuresService } from './incident-measures.service.js';

/**
 * GET /api/v1/incidents/{incident}/measures: one incident's intervals and SLA state. A module of its own, apart
 * from MetricsModule, so that the metrics callers in the same process (the report, a job) keep needing only
 * configuration, clock and database: this one reads the incident through IncidentsModule.
 */
@Module({
  imports: [IncidentsModule, SeverityLevelsModule],
  controllers: [IncidentMeasuresController],
  providers: [IncidentMeasuresService],
})
export class IncidentMeasuresModule {}
