import { ConsoleLogger, type LogLevel } from '@nestjs/common';
import type { AppConfig } from './config/config.js';

/** Text logs for people at a terminal, structured JSON in production (LOG_FORMAT=json). */
export function createLogger(config: Pick<AppConfig, 'logFormat'>): ConsoleLogger {
  return config.logFormat === 'json' ? new ConsoleLogger('Hindsight', { json: true }) : new ConsoleLogger('Hindsight');
}

/** Every level to stderr: a command's stdout carries only its result (a token, a summary). */
class StderrLogger extends ConsoleLogger {
  protected override printMessages(messages: unknown[], context?: string, logLevel?: LogLevel, _stream?: 'stdout' | 'stderr', errorStack?: unknown, params?: Record<string, unknown>): void {
    super.printMessages(messages, context, logLevel, 'stderr', errorStack, params);
  }
}

/** The command line's logger: warnings and errors only, on stderr. */
export function createCliLogger(config: Pick<AppConfig, 'logFormat'>): ConsoleLogger {
  return new StderrLogger('hindsight', { json: config.logFormat === 'json', logLevels: ['warn', 'error', 'fatal'] });
}
