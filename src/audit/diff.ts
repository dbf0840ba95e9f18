/** One top-level field that differs between two API representations of an entity. */
export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

/** Fields every versioned write bumps; they say nothing about what changed. */
export const BOOKKEEPING_FIELDS: readonly string[] = ['version', 'updatedAt'];

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Structural equality of JSON values: arrays in order, objects whatever their key order (jsonb reorders keys). */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, i) => sameJson(item, b[i]));
  }
  if (isRecord(a) && isRecord(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((key) => Object.hasOwn(b, key) && sameJson(a[key], b[key]));
  }
  return false;
}

/**
 * The shallow diff of two API representations (null for "did not exist"): each top-level field whose
 * value differs, by field name. A nested array or object that differs anywhere is one change of its
 * field. A missing field counts as null. `ignore` lists fields left out (version and updatedAt).
 */
export function diffFields(before: unknown, after: unknown, ignore: readonly string[] = BOOKKEEPING_FIELDS): FieldChange[] {
  const from = isRecord(before) ? before : {};
  const to = isRecord(after) ? after : {};
  const fields = [...new Set([...Object.keys(from), ...Object.keys(to)])].filter((field) => !ignore.includes(field)).sort();
  return fields
    .map((field) => ({ field, before: from[field] ?? null, after: to[field] ?? null }))
    .filter((change) => !sameJson(change.before, change.after));
}

/** Whether anything but the bookkeeping fields differs: an update that changed nothing is not recorded. */
export function hasChanges(before: unknown, after: unknown): boolean {
  return diffFields(before, after).length > 0;
}
