import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { STATUS_CODES } from 'node:http';
import { databaseFaultOf } from './database-faults.js';
import {
  AlreadyExistsError, DomainError, ForbiddenError, InUseError, InvalidInputError, NotFoundError, RuleViolationError, StateConflictError, TooManyAttemptsError,
  UnauthenticatedError, UnknownReferenceError, VersionConflictError,
} from './errors.js';

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 409: 'Conflict', 413: 'Payload Too Large',
  415: 'Unsupported Media Type', 422: 'Unprocessable Entity', 429: 'Too Many Requests', 500: 'Internal Server Error',
  503: 'Service Unavailable',
};

function statusOf(error: DomainError): number {
  if (error instanceof InvalidInputError) return HttpStatus.BAD_REQUEST;
  if (error instanceof UnauthenticatedError) return HttpStatus.UNAUTHORIZED;
  if (error instanceof ForbiddenError) return HttpStatus.FORBIDDEN;
  if (error instanceof TooManyAttemptsError) return HttpStatus.TOO_MANY_REQUESTS;
  if (error instanceof NotFoundError) return HttpStatus.NOT_FOUND;
  if (error instanceof VersionConflictError || error instanceof AlreadyExistsError || error instanceof InUseError || error instanceof StateConflictError) {
    return HttpStatus.CONFLICT;
  }
  if (error instanceof UnknownReferenceError || error instanceof RuleViolationError) return HttpStatus.UNPROCESSABLE_ENTITY;
  return HttpStatus.UNPROCESSABLE_ENTITY;
}

/**
 * A client error raised before a handler runs, by body-parser or Express (the `http-errors` shape):
 * a 4xx `status`/`statusCode`, `expose`, and for body-parser a `type` such as `entity.too.large`.
 */
interface ClientHttpError {
  status: number;
  message: string;
  expose?: boolean;
  type?: string;
  limit?: number;
  length?: number;
  received?: number;
  charset?: string;
  encoding?: string;
}

function asClientHttpError(error: unknown): ClientHttpError | undefined {
  if (!(error instanceof Error)) return undefined;
  const e = error as Error & { status?: unknown; statusCode?: unknown } & Omit<ClientHttpError, 'status' | 'message'>;
  const status = typeof e.statusCode === 'number' ? e.statusCode : e.status;
  if (typeof status !== 'number' || status < 400 || status > 499) return undefined;
  // Only errors of that shape: some other library's error that happens to carry a status is a server fault.
  if (typeof e.expose !== 'boolean' && typeof e.type !== 'string') return undefined;
  const { expose, type, limit, length, received, charset, encoding } = e;
  return { status, message: e.message, expose, type, limit, length, received, charset, encoding };
}

/** Seconds a client is asked to wait before retrying while the database is unavailable. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

const bytes = (n: number) => (n % 1_048_576 === 0 ? `${n} bytes (${n / 1_048_576} MB)` : `${n} bytes`);

/** What went wrong with the request body, by body-parser's error type: a code and a message that says what to send instead. */
const BODY_PROBLEMS: Record<string, (error: ClientHttpError) => { code: string; message: string }> = {
  'entity.parse.failed': (e) => ({ code: 'INVALID_JSON', message: `The request body is not valid JSON: ${e.message}` }),
  'entity.too.large': (e) => {
    const size = e.length ?? e.received;
    return { code: 'PAYLOAD_TOO_LARGE', message: `The request body${size ? ` (${size} bytes)` : ''} is over the limit of ${e.limit ? bytes(e.limit) : 'this endpoint'}` };
  },
  'parameters.too.many': (e) => ({ code: 'TOO_MANY_PARAMETERS', message: `The form body has more than ${e.limit} parameters` }),
  'charset.unsupported': (e) => ({ code: 'UNSUPPORTED_CHARSET', message: `Content-Type: charset ${JSON.stringify(e.charset)} is not supported; send UTF-8` }),
  'encoding.unsupported': (e) => ({
    code: 'UNSUPPORTED_ENCODING', message: `Content-Encoding: ${JSON.stringify(e.encoding)} is not supported; send identity, gzip, deflate or br`,
  }),
  'request.aborted': () => ({ code: 'REQUEST_ABORTED', message: 'The request was aborted before its body arrived' }),
  'request.size.invalid': () => ({ code: 'BODY_SIZE_MISMATCH', message: 'The request body does not match its Content-Length' }),
};

/** The request as the filter reads it; `originalUrl` is the full path also inside a router mounted on a sub-path. */
interface FailedRequest {
  method: string;
  url: string;
  originalUrl?: string;
}

/**
 * Whether errors on this path are answered in JSON: the API (its docs included, under /api) and the health
 * check. Any other path belongs to a web app at / or its static files, whose clients are browsers.
 */
export function answersJson(path: string): boolean {
  return /^\/(api|health)(\/|$)/i.test(path);
}

/**
 * The one place errors become HTTP. Under /api and /health the body is JSON:
 * `{ statusCode, error, code, message, ...details }`. Elsewhere (a web app at /, its assets) it is the
 * status text as text/plain. Unknown errors are logged and become a 500 that shows no internals.
 */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger(HttpExceptionFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const request = host.switchToHttp().getRequest<FailedRequest>();
    const { status, body } = this.toBody(exception, request, response);
    if (response.headersSent) return;
    if (answersJson(pathOf(request))) response.status(status).json(body);
    else response.status(status).type('text/plain').send(statusText(status));
  }

  private toBody(exception: unknown, request: FailedRequest, response: Response): { status: number; body: Record<string, unknown> } {
    if (exception instanceof DomainError) {
      const status = statusOf(exception);
      if (exception instanceof TooManyAttemptsError) response.setHeader('Retry-After', String(exception.retryAfterSeconds));
      return { status, body: { statusCode: status, error: STATUS_TEXT[status], code: exception.code, message: exception.message, ...exception.details } };
    }
    // Body-parser errors reach us raw, or wrapped in an HttpException (the Express adapter maps them) with the original as its cause.
    const clientError = asClientHttpError(exception instanceof HttpException ? exception.cause : exception);
    const bodyProblem = clientError?.type ? BODY_PROBLEMS[clientError.type]?.(clientError) : undefined;
    if (clientError && bodyProblem) {
      const status = clientError.status;
      return { status, body: { statusCode: status, error: statusText(status), ...bodyProblem } };
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
    if (clientError) {
      const status = clientError.status;
      const message = clientError.expose === true ? clientError.message : statusText(status);
      return { status, body: { statusCode: status, error: statusText(status), code: codeFor(status), message } };
    }
    const fault = databaseFaultOf(exception);
    if (fault) {
      // The server's state, not a bug: logged in one line (no stack), answered without hosts, ports or SQL.
      const reason = exception instanceof Error ? exception.message : String(exception);
      this.logger.warn(`${request.method} ${request.originalUrl ?? request.url}: database ${fault === 'timeout' ? 'statement timeout' : 'unavailable'} (${reason})`);
      if (fault === 'timeout') {
        return {
          status: 503,
          body: {
            statusCode: 503, error: STATUS_TEXT[503], code: 'QUERY_TIMEOUT',
            message: 'The database did not finish this request within its time limit (DB_STATEMENT_TIMEOUT); ask for less (a shorter range, fewer groups) or try again later',
          },
        };
      }
      response.setHeader('Retry-After', String(DATABASE_RETRY_AFTER_SECONDS));
      return {
        status: 503,
        body: { statusCode: 503, error: STATUS_TEXT[503], code: 'DATABASE_UNAVAILABLE', message: 'The database is unavailable; try again shortly' },
      };
    }
    this.logger.error(`${request.method} ${request.originalUrl ?? request.url} failed`, exception instanceof Error ? exception.stack : String(exception));
    return { status: 500, body: { statusCode: 500, error: STATUS_TEXT[500], code: 'INTERNAL', message: 'Something went wrong on our side; it has been logged.' } };
  }
}

function pathOf(request: FailedRequest): string {
  return (request.originalUrl ?? request.url).split(/[?#]/)[0];
}

function statusText(status: number): string {
  return STATUS_TEXT[status] ?? STATUS_CODES[status] ?? 'Error';
}

function codeFor(status: number): string {
  return statusText(status).toUpperCase().replace(/[^A-Z0-9]+/g, '_');
}
