import { IsString, IsUrl, Matches, MaxLength, registerDecorator, ValidateIf, type ValidationOptions } from 'class-validator';
import { REFERENCE_NAME } from './validators.js';
import { INSTANT_PROBLEM, instantProblem, parseInstantOrNull } from './instant.js';

/**
 * Validates a field whenever it is sent, so `null` is refused for a field that cannot be cleared
 * (`@IsOptional()` would let null through to a NOT NULL column).
 */
export const IfSent = () => ValidateIf((_, value) => value !== undefined);

/** An ISO 8601 timestamp with an explicit offset (`Z` or `±HH:MM`) in ACCEPTED_YEARS; a bare local time is refused. */
export function IsInstant(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isInstant',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: ({ value }) => (typeof value === 'string' ? instantProblem(value) : null) ?? INSTANT_PROBLEM, ...options },
      validator: { validate: (value: unknown) => typeof value === 'string' && parseInstantOrNull(value) !== null },
    });
}

/** Query lists: `?severity=SEV1&severity=SEV2` and `?severity=SEV1,SEV2` both give `['SEV1', 'SEV2']` (use with @Transform). */
export const toList = ({ value }: { value: unknown }) =>
  value === undefined ? undefined : (Array.isArray(value) ? value : [value]).flatMap((v) => String(v).split(',')).map((v) => v.trim()).filter(Boolean);

const compose = (...decorators: PropertyDecorator[]): PropertyDecorator => (target, key) => decorators.forEach((d) => d(target, key));

/** A team or service name: 1–100 characters, see REFERENCE_NAME. */
export function IsReferenceName(): PropertyDecorator {
  return compose(
    IsString(),
    MaxLength(100),
    Matches(REFERENCE_NAME, { message: 'must be 1–100 characters without a comma or surrounding spaces, and not a uuid' }),
  );
}

/** An absolute http:// or https:// link (intranet host names without a TLD are fine). */
export function IsHttpUrl(): PropertyDecorator {
  return compose(
    IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false }, { message: 'must be an http(s) URL such as https://example.com/path' }),
    MaxLength(2000),
  );
}
