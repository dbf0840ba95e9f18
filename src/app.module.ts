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
import { DatabaseModule } from './database/database.module.js';
import { dataSourceOptions } from './database/data-source.js';
import { DemoModule } from './demo/demo.module.js';
import { HealthModule } from './health/health.module.js';
import { ImportsModule } from './imports/imports.module.js';
import { IncidentsModule } from './incidents/incidents.module.js';
import { IncidentMeasuresModule } from './metrics/analysis/incident-measures.module.js';
import { METRICS_MODULES } from './metrics/metrics.module.js';
import { ReportsModule } from './reports/reports.module.js';
import { ReportsScheduleModule } from './reports/reports-schedule.module.js';
import { RetrosModule } from './retros/retros.module.js';
import { ServicesModule } from './services/services.module.js';
import { SeverityLevelsModule } from './severities/severity-levels.module.js';
import { TeamsModule } from './teams/teams.module.js';
import { UsersModule } from './auth/users/users.module.js';

export interface AppModuleOptions {
  config: AppConfig;
  databaseUrl: string;
  /** Replaces the system clock (tests). */
  clock?: Clock;
}

/**
 * Hindsight without its HTTP server and scheduler: configuration, the database and every domain. The
 * service runs it inside AppModule; each `hindsight` command runs inside it alone (an application
 * context: no HTTP, no scheduled jobs), getting the same services the API uses.
 */
@Module({})
export class HindsightModule {
  static register(options: AppModuleOptions): DynamicModule {
    return {
      module: HindsightModule,
      imports: [
        ConfigModule.register(options.config),
        CommonModule.register(options.clock),
        TypeOrmModule.forRoot({ ...dataSourceOptions(options.databaseUrl, undefined, options.config.databaseTimeouts), migrationsRun: false }),
        DatabaseModule,
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
        IncidentMeasuresModule,
        RetrosModule,
        ActionItemsModule,
        SeverityLevelsModule,
        TeamsModule,
        ServicesModule,
        DemoModule,
        ReportsModule,
      ],
    };
  }
}

/** The service: Hindsight, its scheduled jobs, and the one place errors become HTTP responses. */
@Module({})
export class AppModule {
  static register(options: AppModuleOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [HindsightModule.register(options), ScheduleModule.forRoot(), ReportsScheduleModule],
      providers: [{ provide: APP_FILTER, useClass: HttpExceptionFilter }],
    };
  }
}
