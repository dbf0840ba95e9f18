import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import type { AuditContext } from './audit-change.js';

export const REQUEST_ID_HEADER = 'x-request-id';
/** Longer request ids are cut: the header is the client's to choose, the audit trail is not its notepad. */
const MAX_REQUEST_ID = 200;

/** The request details kept with a change: the client address (as `trust proxy` resolves it) and the X-Request-Id header. */
export function auditContextOf(request: Pick<Request, 'ip' | 'headers'>): AuditContext {
  const header = request.headers[REQUEST_ID_HEADER];
  const requestId = (Array.isArray(header) ? header[0] : header)?.trim().slice(0, MAX_REQUEST_ID);
  return { ip: request.ip ?? null, requestId: requestId || null };
}

/** The audit context of the current request, for the service that records the change. */
export const AuditCtx = createParamDecorator((_data: unknown, context: ExecutionContext): AuditContext =>
  auditContextOf(context.switchToHttp().getRequest<Request>()),
);
