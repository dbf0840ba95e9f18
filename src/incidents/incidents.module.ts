import { Module } from '@nestjs/common';
import { ServicesModule } from '../services/services.module.js';
import { SeverityLevelsModule } from '../severities/severity-levels.module.js';
import { TeamsModule } from '../teams/teams.module.js';
import { IncidentWriter } from './incident-writer.service.js';
import { IncidentWritesRepository } from './incident-writes.repository.js';
import { IncidentsController } from './incidents.controller.js';
import { IncidentsRepository } from './incidents.repository.js';
import { IncidentsService } from './incidents.service.js';
import { TimelineController } from './timeline/timeline.controller.js';
import { TimelineRepository } from './timeline/timeline.repository.js';
import { TimelineService } from './timeline/timeline.service.js';

/**
 * Incidents, their timelines and severity history. IncidentWriter is the one way to write incidents
 * (the API here, imports and demo data elsewhere).
 */
@Module({
  imports: [SeverityLevelsModule, TeamsModule, ServicesModule],
  controllers: [IncidentsController, TimelineController],
  providers: [IncidentsService, IncidentsRepository, IncidentWriter, IncidentWritesRepository, TimelineService, TimelineRepository],
  exports: [IncidentsService, IncidentWriter, TimelineService],
})
export class IncidentsModule {}
