import { Module } from '@nestjs/common';
import { IncidentsModule } from '../incidents/incidents.module.js';
import { DemoDataRepository } from './demo-data.repository.js';
import { DemoDataService } from './demo-data.service.js';

/** Demo data (`hindsight demo-data`): a generated history written into an empty database. */
@Module({ imports: [IncidentsModule], providers: [DemoDataService, DemoDataRepository], exports: [DemoDataService] })
export class DemoModule {}
