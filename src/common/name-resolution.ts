/** Names resolved to ids, and the names that had to be created for that (one spelling each). */
export interface NameResolution {
  ids: Map<string, string>;
  created: string[];
}

/**
 * Resolves names to ids the way teams and services are named: ignoring case (`payments` is `Payments`).
 * Names without a match are created once per spelling ignoring case, the first spelling given winning;
 * with `create` null they are only listed (a dry run), their id ''. Pure: the lookups are passed in.
 */
export async function resolveNames(
  names: readonly string[],
  find: (names: string[]) => Promise<Map<string, string>>,
  create: ((names: string[]) => Promise<Map<string, string>>) | null,
): Promise<NameResolution> {
  const unique = [...new Set(names)];
  const ids = await find(unique);
  const missing = unique.filter((name) => !ids.has(name));
  if (missing.length === 0) return { ids, created: [] };
  const spelling = new Map<string, string>();
  for (const name of missing) if (!spelling.has(name.toLowerCase())) spelling.set(name.toLowerCase(), name);
  const toCreate = [...spelling.values()];
  const created = create ? await create(toCreate) : new Map(toCreate.map((name) => [name, '']));
  for (const name of missing) ids.set(name, created.get(spelling.get(name.toLowerCase())!)!);
  return { ids, created: toCreate };
}
