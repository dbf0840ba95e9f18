import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiResponse } from '@nestjs/swagger';

/** The error body every 4xx/5xx uses. */
export class ErrorBodyDto {
  @ApiProperty({ example: 422 }) statusCode: number;
  @ApiProperty({ example: 'Unprocessable Entity' }) error: string;
  @ApiProperty({ example: 'MILESTONE_ORDER', description: 'Stable machine-readable code' }) code: string;
  @ApiProperty({ example: 'detectedAt (2026-03-01T09:00:00.000Z) is before startedAt (2026-03-01T09:30:00.000Z); …' }) message: string;
}

const DESCRIPTIONS: Record<number, string> = {
  401: '`UNAUTHENTICATED`: no credentials, or a token that is unknown, expired or revoked',
  403: '`ROLE_TOO_LOW` (body has `requiredRole` and `role`), `CSRF_TOKEN_MISSING`/`CSRF_TOKEN_INVALID` (cookie sessions), `PASSWORD_CHANGE_REQUIRED`',
  429: '`TOO_MANY_ATTEMPTS`: too many failed sign-ins or token checks; `Retry-After` says when to try again',
  400: 'Malformed input (`VALIDATION_FAILED` / `INVALID_INPUT`); `errors` lists each field, its value and the problem',
  404: 'No such resource',
  409: '`VERSION_CONFLICT` (stale `version`; body has `currentVersion`), `ALREADY_EXISTS` or `IN_USE`',
  422: 'A domain rule refused it: `MILESTONE_ORDER` (body names `earlier` and `later` field and value) or `UNKNOWN_REFERENCE`',
};

/** Documents the error responses an endpoint can give. */
export function ApiErrors(...statuses: number[]) {
  return applyDecorators(...statuses.map((status) => ApiResponse({ status, description: DESCRIPTIONS[status], type: ErrorBodyDto })));
}

/** The authentication and authorisation responses every protected route can give. */
export const ApiAuthErrors = () => ApiErrors(401, 403, 429);
