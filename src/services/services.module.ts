import { Module } from '@nestjs/common';
import { TeamsRepository } from '../teams/teams.repository.js';
import { ServicesController } from './services.controller.js';
import { ServicesRepository } from './services.repository.js';
import { ServicesService } from './services.service.js';

@Module({
  controllers: [ServicesController],
  providers: [ServicesService, ServicesRepository, TeamsRepository],
  exports: [ServicesService],
})
export class ServicesModule {}
