/**
 * Rules every piece of text and JSON a request (or an import record) carries must follow, whatever its field:
 * PostgreSQL cannot store a NUL character, a lone UTF-16 surrogate would be stored as U+FFFD (a silently
 * changed value), and JSON nested thousands of levels deep overflows the stack of the code that walks it.
 * Pure: no Nest, no TypeORM.
 */

/** How deep objects and arrays may nest in a request body or an import record's source payload (its top level is 1). */
export const MAX_NESTING = 32;

export const NUL_PROBLEM = 'contains a NUL character (\\u0000), which cannot be stored';
export const SURROGATE_PROBLEM = 'contains a lone UTF-16 surrogate (half of a character), which is not valid Unicode';
export const NESTING_PROBLEM = `nests objects and arrays deeper than ${MAX_NESTING} levels`;

export interface InputProblem {
  /** Path of the offending value: `title`, `answers[2].text`, `sourcePayload.a.b`. */
  field: string;
  value: unknown;
  problem: string;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** What is wrong with the text (NUL_PROBLEM, SURROGATE_PROBLEM), or null. */
export function textProblem(text: string): string | null {
  if (text.includes('\u0000')) return NUL_PROBLEM;
  if (LONE_SURROGATE.test(text)) return SURROGATE_PROBLEM;
  return null;
}

const child = (path: string, key: string | number) =>
  typeof key === 'number' ? `${path}[${key}]` : path === '' ? key : `${path}.${key}`;

/**
 * The first string (or object key) breaking textProblem, or the first object or array nested deeper than
 * `maxNesting` (`value` at `field` is level 1), depth first; null when all is well. Walks no deeper than the
 * limit, so any input is safe to pass.
 */
export function findInputProblem(value: unknown, field: string, maxNesting = MAX_NESTING): InputProblem | null {
  return walk(value, field, 0, maxNesting);
}

function walk(value: unknown, field: string, depth: number, maxNesting: number): InputProblem | null {
  if (typeof value === 'string') {
    const problem = textProblem(value);
    return problem ? { field: field || '(value)', value, problem } : null;
  }
  if (typeof value !== 'object' || value === null) return null;
  if (depth + 1 > maxNesting) return { field: field || '(body)', value: Array.isArray(value) ? '[…]' : '{…}', problem: NESTING_PROBLEM };
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = walk(value[i], child(field, i), depth + 1, maxNesting);
      if (found) return found;
    }
    return null;
  }
  for (const [key, entry] of Object.entries(value)) {
    const keyProblem = textProblem(key);
    if (keyProblem) return { field: child(field, key), value: key, problem: `has a name that ${keyProblem}` };
    const found = walk(entry, child(field, key), depth + 1, maxNesting);
    if (found) return found;
  }
  return null;
}
