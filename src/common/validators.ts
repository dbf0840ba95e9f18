import { IsString, IsUrl, Matches, MaxLength } from 'class-validator';

const UUID_SHAPE = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';

/**
 * Names of teams and services: no surrounding spaces, no comma (list filters such as
 * `?team=Payments,Platform` split on commas) and not shaped like a uuid (paths take a uuid or a name).
 */
export const REFERENCE_NAME = new RegExp(`^(?!${UUID_SHAPE}$)[^\\s,](?:[^,]*[^\\s,])?$`);

/** A source system's name (`statuspage`, `incident.io`): with an external id it keys imported incidents. */
export const SOURCE_NAME = /^[a-z0-9][a-z0-9._-]{0,62}$/;
export const SOURCE_NAME_RULE = 'must be 1–63 lowercase letters, digits, ".", "_" or "-"';

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
