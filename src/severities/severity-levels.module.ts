import { Module } from '@nestjs/common';
import { SeverityLevelsController } from './severity-levels.controller.js';
import { SeverityLevelsRepository } from './severity-levels.repository.js';
import { SeverityLevelsService } from './severity-levels.service.js';

@Module({
  controllers: [SeverityLevelsController],
  providers: [SeverityLevelsService, SeverityLevelsRepository],
  exports: [SeverityLevelsService],
})
export class SeverityLevelsModule {}
