import { Module, type OnApplicationBootstrap } from '@nestjs/common';
import { IncidentsModule } from '../incidents/incidents.module.js';
import { ServicesModule } from '../services/services.module.js';
import { TeamsModule } from '../teams/teams.module.js';
import { ImportPipeline } from './import-pipeline.service.js';
import { ImportsController } from './imports.controller.js';
import { ImportsRepository } from './imports.repository.js';
import { ImportsService } from './imports.service.js';

/** Import of incident history: the pipeline behind POST /api/v1/imports and `hindsight import`. */
@Module({
  imports: [IncidentsModule, TeamsModule, ServicesModule],
  controllers: [ImportsController],
  providers: [ImportsService, ImportPipeline, ImportsRepository],
  exports: [ImportsService],
})
export class ImportsModule implements OnApplicationBootstrap {
  constructor(private readonly imports: ImportsService) {}

  /** Imports left running by a process that stopped are marked interrupted, so their status tells the truth. */
  async onApplicationBootstrap(): Promise<void> {
    await this.imports.markInterrupted();
  }
}
