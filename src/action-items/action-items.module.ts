import { Module } from '@nestjs/common';
import { IncidentsModule } from '../incidents/incidents.module.js';
import { RetrosModule } from '../retros/retros.module.js';
import { TeamsRepository } from '../teams/teams.repository.js';
import { ActionItemsController } from './action-items.controller.js';
import { ActionItemsRepository } from './action-items.repository.js';
import { ActionItemsService } from './action-items.service.js';

@Module({
  imports: [IncidentsModule, RetrosModule],
  controllers: [ActionItemsController],
  providers: [ActionItemsService, ActionItemsRepository, TeamsRepository],
})
export class ActionItemsModule {}
