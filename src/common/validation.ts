import { BadRequestException, ValidationPipe, type ValidationError } from '@nestjs/common';
import { registerDecorator, ValidateIf, type ValidationOptions } from 'class-validator';
import { INSTANT_PROBLEM, parseInstantOrNull } from './instant.js';

export interface FieldProblem {
  field: string;
  value: unknown;
  problems: string[];
}

function flatten(errors: ValidationError[], prefix = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = error.constraints
      ? [{ field, value: error.value, problems: Object.values(error.constraints) }]
      : [];
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/** The body of every 400 from validation: each field with its value and what is wrong with it. */
export function validationErrorBody(errors: ValidationError[]) {
  const fields = flatten(errors);
  const message = fields.map((f) => `${f.field}: ${JSON.stringify(f.value) ?? 'undefined'} ${f.problems.join('; ')}`).join(' | ');
  return { statusCode: 400, error: 'Bad Request', code: 'VALIDATION_FAILED', message, errors: fields };
}

/** The one global pipe: unknown fields refused, DTOs transformed. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    validationError: { target: false, value: true },
    exceptionFactory: (errors) => new BadRequestException(validationErrorBody(errors)),
  });
}

/**
 * Validates a field whenever it is sent, so `null` is refused for a field that cannot be cleared
 * (`@IsOptional()` would let null through to a NOT NULL column).
 */
export const IfSent = () => ValidateIf((_, value) => value !== undefined);

/** An ISO 8601 timestamp with an explicit offset (`Z` or `±HH:MM`); a bare local time is refused. */
export function IsInstant(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isInstant',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: INSTANT_PROBLEM, ...options },
      validator: { validate: (value: unknown) => typeof value === 'string' && parseInstantOrNull(value) !== null },
    });
}

/** Query lists: `?severity=SEV1&severity=SEV2` and `?severity=SEV1,SEV2` both give `['SEV1', 'SEV2']` (use with @Transform). */
export const toList = ({ value }: { value: unknown }) =>
  value === undefined ? undefined : (Array.isArray(value) ? value : [value]).flatMap((v) => String(v).split(',')).map((v) => v.trim()).filter(Boolean);
