import { type ArgumentMetadata, BadRequestException, ValidationPipe, type ValidationError } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { findInputProblem } from './input-text.js';

export interface FieldProblem {
  field: string;
  value: unknown;
  problems: string[];
}

function flatten(errors: ValidationError[], prefix = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = error.constraints
      ? [{ field, value: error.value as unknown, problems: Object.values(error.constraints) }]
      : [];
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/** The body of every 400 from validation: each field with its value and what is wrong with it. */
export function validationErrorBody(errors: ValidationError[]) {
  return fieldProblemsBody(flatten(errors));
}

function fieldProblemsBody(fields: FieldProblem[]) {
  const message = fields.map((f) => `${f.field}: ${JSON.stringify(f.value) ?? 'undefined'} ${f.problems.join('; ')}`).join(' | ');
  return { statusCode: 400, error: 'Bad Request', code: 'VALIDATION_FAILED', message, errors: fields };
}

const refuse = (field: string, value: unknown, problem: string) =>
  new BadRequestException(fieldProblemsBody([{ field, value, problems: [problem] }]));

/**
 * Checks every body, query and path parameter as it arrived, before class-transformer sees it: no NUL
 * character or lone surrogate in any string or key, no nesting deeper than MAX_NESTING (input-text.ts); a
 * single parameter declared a number (`@Query('version') version?: number`) must be a whole number, which
 * ValidationPipe would otherwise turn into NaN (`abc`) or 0 (empty). Then validates it as ValidationPipe does.
 */
class RequestValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' || metadata.type === 'query' || metadata.type === 'param') {
      const found = findInputProblem(value, metadata.data ?? '');
      if (found) throw refuse(found.field, found.value, found.problem);
      if (metadata.data && metadata.metatype === Number && value !== undefined && !(typeof value === 'string' && /^-?\d{1,15}$/.test(value))) {
        throw refuse(metadata.data, value, 'must be a whole number such as 3');
      }
    }
    return super.transform(value, metadata) as Promise<unknown>;
  }
}

/** The one global pipe: text and nesting checked, unknown fields refused, DTOs transformed. */
export function createValidationPipe(): ValidationPipe {
  return new RequestValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    validationError: { target: false, value: true },
    exceptionFactory: (errors) => new BadRequestException(validationErrorBody(errors)),
  });
}

/**
 * Express middleware: a path that is not valid percent-encoded UTF-8 (`/incidents/x%FF`, the UTF-8 of a lone
 * surrogate `%ED%A0%80`) is a 400 naming `path`. The router would refuse it as well, but with a message that
 * names no field ("Failed to decode param").
 */
export const refuseUndecodablePaths = () => (request: Request, _response: Response, next: NextFunction) => {
  try {
    decodeURIComponent(request.path);
  } catch {
    return next(refuse('path', request.path, 'is not valid percent-encoded UTF-8'));
  }
  next();
};
