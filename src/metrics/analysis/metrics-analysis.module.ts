import { Module } from '@nestjs/common';
import { IncidentsModule } from '../../incidents/incidents.module.js';
import { SeverityLevelsModule } from '../../severities/severity-levels.module.js';
import { IncidentMeasuresController } from './incident-measures.controller.js';
import { IncidentMeasuresService } from './incident-measures.service.js';
import { MetricsAnalysisController } from './metrics-analysis.controller.js';
import { MetricsAnalysisRepository } from './metrics-analysis.repository.js';
import { MetricsAnalysisService } from './metrics-analysis.service.js';

/** SLA, severity trends, change over time and data quality endpoints under /api/v1/metrics, and one incident's own measures. */
@Module({
  imports: [IncidentsModule, SeverityLevelsModule],
  controllers: [MetricsAnalysisController, IncidentMeasuresController],
  providers: [MetricsAnalysisService, MetricsAnalysisRepository, IncidentMeasuresService],
  exports: [MetricsAnalysisService],
})
export class MetricsAnalysisModule {}
