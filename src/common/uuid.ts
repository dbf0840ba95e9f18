/** A canonical uuid (any case): path parameters are looked up by id when they look like one, else by name or key. */
export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
