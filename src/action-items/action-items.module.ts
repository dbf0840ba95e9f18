import { Module } from '@nestjs/common';
import { IncidentsModule } from '../incidents/incidents.module.js';
import { RetrosModule } from '../retros/retros.module.js';
import { TeamsModule } from '../teams/teams.module.js';
import { ActionItemsController } from './action-items.controller.js';
import { ActionItemsRepository } from './action-items.repository.js';
import { ActionItemsService } from './action-items.service.js';

@Module({
  imports: [IncidentsModule, RetrosModule, TeamsModule],
  controllers: [ActionItemsController],
  providers: [ActionItemsService, ActionItemsRepository],
})
export class ActionItemsModule {}
