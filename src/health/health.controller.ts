import { Public } from '../common/access.decorators.js';
import { Controller, Get, Logger } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, type HealthIndicatorResult, TypeOrmHealthIndicator } from '@nestjs/terminus';

@Public()
@ApiTags('health')
@Controller('health')
export class HealthController {
  private readonly logger = new Logger(HealthController.name);

  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
  ) {}

  @Get()
  @HealthCheck()
  @ApiOperation({ summary: 'Service and database state' })
  @ApiOkResponse({ description: '`status: "ok"` and `info.database.status: "up"` when the database answers' })
  @ApiServiceUnavailableResponse({ description: 'The database does not answer within 1.5 s: `error.database.status: "down"`, without the reason (it is logged)' })
  check() {
    return this.health.check([() => this.databaseState()]);
  }

  /** The database's state only: why it is down (an address, a port, a driver message) goes to the log, not to anonymous callers. */
  private async databaseState(): Promise<HealthIndicatorResult<'database'>> {
    const result = await this.database.pingCheck('database', { timeout: 1500 });
    const { status, ...details } = result.database;
    if (status !== 'up') this.logger.warn(`Health check: database down (${String(details.message ?? JSON.stringify(details))})`);
    return { database: { status } };
  }
}
