import { Module } from '@nestjs/common';
import { ServicesRepository } from '../services/services.repository.js';
import { SeverityLevelsRepository } from '../severities/severity-levels.repository.js';
import { TeamsRepository } from '../teams/teams.repository.js';
import { TimelineRepository } from '../timeline/timeline.repository.js';
import { IncidentsController } from './incidents.controller.js';
import { IncidentsRepository } from './incidents.repository.js';
import { IncidentsService } from './incidents.service.js';

@Module({
  controllers: [IncidentsController],
  providers: [IncidentsService, IncidentsRepository, SeverityLevelsRepository, TeamsRepository, ServicesRepository, TimelineRepository],
  exports: [IncidentsService, IncidentsRepository],
})
export class IncidentsModule {}
