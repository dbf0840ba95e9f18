import { BadRequestException, ValidationPipe, type ValidationError } from '@nestjs/common';

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
