import { ConsoleLogger } from '@nestjs/common';
import type { AppConfig } from '../config/config.js';

/** Text logs for people at a terminal, structured JSON in production (LOG_FORMAT=json). */
export function createLogger(config: Pick<AppConfig, 'logFormat'>): ConsoleLogger {
  return config.logFormat === 'json' ? new ConsoleLogger('Hindsight', { json: true }) : new ConsoleLogger('Hindsight');
}
