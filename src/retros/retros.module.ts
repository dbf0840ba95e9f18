import { Module } from '@nestjs/common';
import { IncidentsModule } from '../incidents/incidents.module.js';
import { RetroTemplatesController } from './retro-templates.controller.js';
import { RetroTemplatesRepository } from './retro-templates.repository.js';
import { RetroTemplatesService } from './retro-templates.service.js';
import { RetrospectivesController } from './retrospectives.controller.js';
import { RetrospectivesRepository } from './retrospectives.repository.js';
import { RetrospectivesService } from './retrospectives.service.js';

/** Retrospective templates and the retrospectives answered against them. */
@Module({
  imports: [IncidentsModule],
  controllers: [RetroTemplatesController, RetrospectivesController],
  providers: [RetroTemplatesService, RetroTemplatesRepository, RetrospectivesService, RetrospectivesRepository],
  exports: [RetrospectivesService],
})
export class RetrosModule {}
