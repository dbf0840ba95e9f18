import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Response } from 'express';
import {
  AlreadyExistsError, DomainError, ForbiddenError, InUseError, InvalidInputError, NotFoundError, RuleViolationError, TooManyAttemptsError,
  UnauthenticatedError, UnknownReferenceError, VersionConflictError,
} from './errors.js';

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 409: 'Conflict', 413: 'Payload Too Large',
  415: 'Unsupported Media Type', 422: 'Unprocessable Entity', 429: 'Too Many Requests', 500: 'Internal Server Error',
};

function statusOf(error: DomainError): number {
  if (error instanceof InvalidInputError) return HttpStatus.BAD_REQUEST;
  if (error instanceof UnauthenticatedError) return HttpStatus.UNAUTHORIZED;
  if (error instanceof ForbiddenError) return HttpStatus.FORBIDDEN;
  if (error instanceof TooManyAttemptsError) return HttpStatus.TOO_MANY_REQUESTS;
  if (error instanceof NotFoundError) return HttpStatus.NOT_FOUND;
  if (error instanceof VersionConflictError || error instanceof AlreadyExistsError || error instanceof InUseError) return HttpStatus.CONFLICT;
  if (error instanceof UnknownReferenceError || error instanceof RuleViolationError) return HttpStatus.UNPROCESSABLE_ENTITY;
  return HttpStatus.UNPROCESSABLE_ENTITY;
}

/**
 * The one place errors become HTTP. Body: `{ statusCode, error, code, message, ...details }`.
 * Unknown errors are logged and become a 500 that shows no internals.
 */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger(HttpExceptionFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const { status, body } = this.toBody(exception, host.switchToHttp().getRequest<{ method: string; url: string }>(), response);
    if (response.headersSent) return;
    response.status(status).json(body);
  }

  private toBody(exception: unknown, request: { method: string; url: string }, response: Response): { status: number; body: Record<string, unknown> } {
    if (exception instanceof DomainError) {
      const status = statusOf(exception);
      if (exception instanceof TooManyAttemptsError) response.setHeader('Retry-After', String(exception.retryAfterSeconds));
      return { status, body: { statusCode: status, error: STATUS_TEXT[status], code: exception.code, message: exception.message, ...exception.details } };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const raw = exception.getResponse();
      const body = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : { message: raw };
      const message = Array.isArray(body.message) ? body.message.join('; ') : body.message;
      return {
        status,
        body: { statusCode: status, error: STATUS_TEXT[status] ?? body.error, code: body.code ?? codeFor(status), ...body, message },
      };
    }
    this.logger.error(`${request.method} ${request.url} failed`, exception instanceof Error ? exception.stack : String(exception));
    return { status: 500, body: { statusCode: 500, error: STATUS_TEXT[500], code: 'INTERNAL', message: 'Something went wrong on our side; it has been logged.' } };
  }
}

function codeFor(status: number): string {
  return (STATUS_TEXT[status] ?? 'ERROR').toUpperCase().replace(/ /g, '_');
}
