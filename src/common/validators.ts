const UUID_SHAPE = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';

/**
 * Names of teams and services: no surrounding spaces, no comma (list filters such as
 * `?team=Payments,Platform` split on commas) and not shaped like a uuid (paths take a uuid or a name).
 */
export const REFERENCE_NAME = new RegExp(`^(?!${UUID_SHAPE}$)[^\\s,](?:[^,]*[^\\s,])?$`);

/** A source system's name (`statuspage`, `incident.io`): with an external id it keys imported incidents. */
export const SOURCE_NAME = /^[a-z0-9][a-z0-9._-]{0,62}$/;
export const SOURCE_NAME_RULE = 'must be 1–63 lowercase letters, digits, ".", "_" or "-"';
