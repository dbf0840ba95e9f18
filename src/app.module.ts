import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { ScheduleModule } from '@nestjs/schedule';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ActionItemsModule } from './action-items/action-items.module.js';
import { AuditModule } from './audit/audit.module.js';
import { AuthModule } from './auth/auth.module.js';
import { SessionsModule } from './auth/sessions.module.js';
import type { Clock } from './common/clock.js';
import { CommonModule } from './common/common.module.js';
import { HttpExceptionFilter } from './common/http-exception.filter.js';
import type { AppConfig } from './config/config.js';
import { ConfigModule } from './config/config.module.js';
import { dataSourceOptions } from './database/data-source.js';
import { HealthModule } from './health/health.module.js';
import { ImportsModule } from './imports/imports.module.js';
import { IncidentsModule } from './incidents/incidents.module.js';
import { METRICS_MODULES } from './metrics/metrics.module.js';
import { RetrosModule } from './retros/retros.module.js';
import { ServicesModule } from './services/services.module.js';
import { SeverityLevelsModule } from './severities/severity-levels.module.js';
import { TeamsModule } from './teams/teams.module.js';
import { TimelineModule } from './timeline/timeline.module.js';
import { UsersModule } from './users/users.module.js';

export interface AppModuleOptions {
  config: AppConfig;
  databaseUrl: string;
  /** Replaces the system clock (tests). */
  clock?: Clock;
}

@Module({})
export class AppModule {
  static register(options: AppModuleOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.register(options.config),
        CommonModule.register(options.clock),
        TypeOrmModule.forRoot({ ...dataSourceOptions(options.databaseUrl), migrationsRun: false }),
        ScheduleModule.forRoot(),
        AuthModule,
        SessionsModule,
        UsersModule,
        AuditModule,
        HealthModule,
        IncidentsModule,
        ImportsModule,
        // The metrics parts themselves, not MetricsModule: Nest inserts the direct imports of this module first,
        // so the umbrella's would come last and move the metrics endpoints to the end of the OpenAPI document.
        ...METRICS_MODULES,
        RetrosModule,
        ActionItemsModule,
        SeverityLevelsModule,
        TeamsModule,
        ServicesModule,
        TimelineModule,
      ],
      providers: [{ provide: APP_FILTER, useClass: HttpExceptionFilter }],
    };
  }
}
