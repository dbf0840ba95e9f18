import { jest } from '@jest/globals';
import { type ArgumentsHost, BadRequestException, HttpException, Logger, NotFoundException, PayloadTooLargeException } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { answersJson, HttpExceptionFilter } from './http-exception.filter.js';
import { NotFoundError } from './errors.js';

interface Sent {
  status: number;
  body: Record<string, unknown>;
  /** Set when the answer is not JSON. */
  type?: string;
  text?: string;
}

/** What the filter answers to `exception` raised for `method url` (`originalUrl`: the full path inside a mounted router). */
function answer(exception: unknown, request: { method: string; url: string; originalUrl?: string } = { method: 'POST', url: '/api/v1/incidents' }): Sent {
  const sent: Sent = { status: 0, body: {} };
  const response = {
    headersSent: false,
    status(code: number) { sent.status = code; return this; },
    json(body: Record<string, unknown>) { sent.body = body; return this; },
    type(type: string) { sent.type = type; return this; },
    send(text: string) { sent.text = text; return this; },
    setHeader() { return this; },
  };
  const host = {
    switchToHttp: () => ({ getResponse: () => response, getRequest: () => request }),
  } as unknown as ArgumentsHost;
  new HttpExceptionFilter().catch(exception, host);
  return sent;
}

/** The errors body-parser raises (`http-errors`): a status, `expose`, a `type`, and details. */
function bodyParserError(status: number, message: string, extra: Record<string, unknown>, base: Error = new Error(message)): Error {
  return Object.assign(base, { status, statusCode: status, expose: true, ...extra });
}

const tooLarge = () => bodyParserError(413, 'request entity too large', { type: 'entity.too.large', limit: 1_048_576, length: 2_000_000, expected: 2_000_000 });
const invalidJson = () =>
  bodyParserError(400, 'Unexpected end of JSON input', { type: 'entity.parse.failed', body: '{"title": "secret draft' }, new SyntaxError('Unexpected end of JSON input'));

describe('HttpExceptionFilter', () => {
  let logged: jest.SpiedFunction<Logger['error']>;
  beforeEach(() => {
    logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
  });
  afterEach(() => logged.mockRestore());

  it.each([
    ['raw', (e: Error) => e],
    ['wrapped by the Express adapter', (e: Error) => new HttpException(e.message, (e as Error & { status: number }).status, { cause: e })],
  ])('answers a body over the limit (%s) with 413 PAYLOAD_TOO_LARGE naming the size and the limit', (_how, wrap) => {
    const { status, body } = answer(wrap(tooLarge()));
    expect(status).toBe(413);
    expect(body).toEqual({
      statusCode: 413, error: 'Payload Too Large', code: 'PAYLOAD_TOO_LARGE',
      message: 'The request body (2000000 bytes) is over the limit of 1048576 bytes (1 MB)',
    });
  });

  it.each([
    ['raw', (e: Error) => e],
    ['wrapped by the Express adapter', (e: Error) => new BadRequestException(e.message, { cause: e })],
  ])('answers invalid JSON (%s) with 400 INVALID_JSON, without echoing the raw body', (_how, wrap) => {
    const { status, body } = answer(wrap(invalidJson()));
    expect(status).toBe(400);
    expect(body).toEqual({ statusCode: 400, error: 'Bad Request', code: 'INVALID_JSON', message: 'The request body is not valid JSON: Unexpected end of JSON input' });
  });

  it.each([
    [{ type: 'charset.unsupported', charset: 'latin9' }, 415, 'UNSUPPORTED_CHARSET', 'Content-Type: charset "latin9" is not supported; send UTF-8'],
    [{ type: 'encoding.unsupported', encoding: 'br2' }, 415, 'UNSUPPORTED_ENCODING', 'Content-Encoding: "br2" is not supported; send identity, gzip, deflate or br'],
    [{ type: 'parameters.too.many', limit: 1000 }, 413, 'TOO_MANY_PARAMETERS', 'The form body has more than 1000 parameters'],
  ])('names the body problem %o', (extra, status, code, message) => {
    expect(answer(bodyParserError(status, 'x', extra))).toEqual({ status, body: { statusCode: status, error: expect.any(String), code, message } });
  });

  it('passes other client errors of Express through with their status and, when exposable, their message', () => {
    expect(answer(bodyParserError(405, 'Method Not Allowed here', {})).body).toEqual({
      statusCode: 405, error: 'Method Not Allowed', code: 'METHOD_NOT_ALLOWED', message: 'Method Not Allowed here',
    });
    const hidden = Object.assign(new Error('internal detail'), { status: 404, statusCode: 404, expose: false });
    expect(answer(hidden).body).toEqual({ statusCode: 404, error: 'Not Found', code: 'NOT_FOUND', message: 'Not Found' });
  });

  it('keeps the HttpException mapping as it was', () => {
    expect(answer(new PayloadTooLargeException()).body).toMatchObject({ statusCode: 413, code: 'PAYLOAD_TOO_LARGE' });
    expect(answer(new BadRequestException({ code: 'VALIDATION_FAILED', message: ['a', 'b'] })).body).toMatchObject({ code: 'VALIDATION_FAILED', message: 'a; b' });
  });

  it.each([
    ['a database error', new QueryFailedError('SELECT * FROM incidents WHERE id = $1', ['x'], new Error('relation "incidents" does not exist'))],
    ['an error that only looks like a client error', Object.assign(new Error('upstream said: SELECT secret'), { status: 400 })],
    ['a 5xx http error', Object.assign(new Error('EACCES /srv/hindsight/secret'), { status: 500, statusCode: 500, expose: false })],
    ['a thrown string', 'boom at /app/dist/src/incidents/incidents.repository.js:12'],
  ])('answers %s with the generic 500 body and logs it', (_what, exception) => {
    const { status, body } = answer(exception);
    expect(status).toBe(500);
    expect(body).toEqual({ statusCode: 500, error: 'Internal Server Error', code: 'INTERNAL', message: 'Something went wrong on our side; it has been logged.' });
    expect(logged).toHaveBeenCalledWith('POST /api/v1/incidents failed', expect.any(String));
  });

  it.each([
    ['/api/v1/incidents', true], ['/API/V1/incidents', true], ['/api', true], ['/api/docs', true], ['/api/docs/openapi.json', true],
    ['/health', true], ['/health/', true], ['/', false], ['/nope', false], ['/assets/index-3f2a.js', false], ['/apiary', false],
    ['/healthz', false], ['/incidents/INC-2026-0001', false],
  ])('answers errors on %s in JSON: %s', (path, json) => {
    expect(answersJson(path)).toBe(json);
  });

  it.each([
    ['GET', '/api/v1/nope', '/api/v1/nope'],
    ['GET', '/nope', '/api/v1/nope?x=1'],
    ['GET', '/health', '/health'],
    ['GET', '/openapi.json', '/api/docs/openapi.json'],
  ])('keeps the JSON body on %s %s (full path %s)', (method, url, originalUrl) => {
    expect(answer(new NotFoundException(`Cannot GET ${originalUrl}`), { method, url, originalUrl })).toEqual({
      status: 404, body: { statusCode: 404, error: 'Not Found', code: 'NOT_FOUND', message: `Cannot GET ${originalUrl}` },
    });
  });

  it.each([
    ['a missing page', new NotFoundException('Cannot GET /nope'), '/nope', 404, 'Not Found'],
    ['a missing asset', new NotFoundException('Cannot GET /assets/missing.js'), '/assets/missing.js?v=2', 404, 'Not Found'],
    ['a domain error', new NotFoundError('incident', 'INC-1'), '/incidents/INC-1', 404, 'Not Found'],
    ['invalid JSON', invalidJson(), '/sign-in', 400, 'Bad Request'],
  ])('answers %s outside /api and /health with the status text as text/plain, not JSON', (_what, exception, path, status, text) => {
    const sent = answer(exception, { method: 'GET', url: path, originalUrl: path });
    expect(sent).toEqual({ status, body: {}, type: 'text/plain', text });
    expect(logged).not.toHaveBeenCalled();
  });

  it('answers an unexpected error outside /api with a plain 500 that shows nothing of it, and logs it as in the API', () => {
    const sent = answer(new Error('ENOENT: /srv/hindsight/web/dist/index.html'), { method: 'GET', url: '/', originalUrl: '/reports/2026?q=1' });
    expect(sent).toEqual({ status: 500, body: {}, type: 'text/plain', text: 'Internal Server Error' });
    expect(logged).toHaveBeenCalledWith('GET /reports/2026?q=1 failed', expect.stringContaining('ENOENT: /srv/hindsight/web/dist/index.html'));
  });
});

describe('HttpExceptionFilter on database faults', () => {
  const headers: Record<string, string> = {};
  function answerWithHeaders(exception: unknown) {
    const sent: { status: number; body: Record<string, unknown> } = { status: 0, body: {} };
    const response = {
      headersSent: false,
      status(code: number) { sent.status = code; return this; },
      json(body: Record<string, unknown>) { sent.body = body; return this; },
      setHeader(name: string, value: string) { headers[name] = value; return this; },
    };
    const host = { switchToHttp: () => ({ getResponse: () => response, getRequest: () => ({ method: 'GET', url: '/api/v1/incidents' }) }) } as unknown as ArgumentsHost;
    new HttpExceptionFilter().catch(exception, host);
    return sent;
  }
  let warned: jest.SpiedFunction<Logger['warn']>;
  beforeEach(() => {
    warned = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    for (const name of Object.keys(headers)) delete headers[name];
  });
  afterEach(() => warned.mockRestore());

  it('answers an unreachable database with 503 DATABASE_UNAVAILABLE, Retry-After and no address', () => {
    const { status, body } = answerWithHeaders(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:55480'), { code: 'ECONNREFUSED' }));
    expect(status).toBe(503);
    expect(body).toEqual({ statusCode: 503, error: 'Service Unavailable', code: 'DATABASE_UNAVAILABLE', message: expect.any(String) });
    expect(JSON.stringify(body)).not.toMatch(/127\.0\.0\.1|55480|ECONNREFUSED/);
    expect(headers['Retry-After']).toBe('5');
    expect(String(warned.mock.calls[0][0])).toContain('ECONNREFUSED');
  });

  it('leaves a client error with a socket code to its own answer (an aborted request body is not the database)', () => {
    const aborted = Object.assign(new Error('request aborted'), { status: 400, statusCode: 400, expose: true, type: 'request.aborted', code: 'ECONNABORTED' });
    expect(answerWithHeaders(aborted)).toMatchObject({ status: 400, body: { code: 'REQUEST_ABORTED' } });
    const reset = Object.assign(new Error('aborted'), { status: 400, statusCode: 400, expose: true, code: 'ECONNRESET' });
    expect(answerWithHeaders(reset).status).toBe(400);
  });

  it('answers a statement timeout with 503 QUERY_TIMEOUT and no SQL', () => {
    const error = new QueryFailedError('SELECT secret FROM t', [], Object.assign(new Error('canceling statement due to statement timeout'), { code: '57014' }));
    const { status, body } = answerWithHeaders(error);
    expect(status).toBe(503);
    expect(body).toMatchObject({ statusCode: 503, code: 'QUERY_TIMEOUT' });
    expect(JSON.stringify(body)).not.toContain('SELECT');
  });
});
