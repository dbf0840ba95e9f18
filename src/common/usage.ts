/** Pure: no Nest, no TypeORM. */

/** How many rows of one kind still refer to something, with the words to name them. */
export interface Usage {
  count: number;
  singular: string;
  plural: string;
}

/**
 * What still refers to something, in words for an IN_USE message: `2 incidents and 1 service`.
 * Null when nothing does, so the thing can be deleted.
 */
export function describeUsage(usages: Usage[]): string | null {
  const parts = usages.filter((u) => u.count > 0).map((u) => `${u.count} ${u.count === 1 ? u.singular : u.plural}`);
  if (parts.length === 0) return null;
  if (parts.length === 1) return parts[0];
  return `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}
