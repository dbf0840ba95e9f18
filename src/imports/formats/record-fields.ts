/**
 * Typed reads from one parsed JSON record, for the format mappers. Every read that fails throws a
 * FieldError naming the field by its path in the source record (`incident_updates[2].created_at`), so a
 * mapper never crashes on a wrong type and never has to build paths itself. Pure: no Nest, no TypeORM.
 */
import { FieldError, mapValue, readInstant, readOptionalInstant, type ValueMap } from './mapped-incident.js';

export type JsonObject = Record<string, unknown>;

/** The field name used when the record itself (not one of its fields) is unreadable. */
export const WHOLE_RECORD = '(record)';

/** `a number`, `a list`, `null`… for "is X, expected Y" messages. */
function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  return typeof value === 'undefined' ? 'missing' : `a ${typeof value}`;
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** One JSON object and where it sits in the source record; reads its properties with paths in errors. */
export class RecordFields {
  private constructor(
    /** The object as given (not copied). */
    readonly record: JsonObject,
    private readonly prefix: string,
  ) {}

  /** `value` as an object; `path` is where it sits (`incident_updates[2]`), absent for the record itself. */
  static of(value: unknown, path?: string): RecordFields {
    if (!isObject(value)) throw new FieldError(path ?? WHOLE_RECORD, value, `is ${kindOf(value)}, expected an object`);
    return new RecordFields(value, path ?? '');
  }

  /** The path of property `key` as named in errors. */
  pathOf(key: string): string {
    return this.prefix === '' ? key : `${this.prefix}.${key}`;
  }

  /** The raw property (undefined when absent). */
  get(key: string): unknown {
    return Object.hasOwn(this.record, key) ? this.record[key] : undefined;
  }

  /** Text that is present and not blank, returned as given. */
  requireString(key: string): string {
    const value = this.get(key);
    if (value === null || value === undefined) throw new FieldError(this.pathOf(key), value, 'is missing (required)');
    if (typeof value !== 'string') throw new FieldError(this.pathOf(key), value, `is ${kindOf(value)}, expected text`);
    if (value.trim() === '') throw new FieldError(this.pathOf(key), value, 'is empty (required)');
    return value;
  }

  /** Text as given (possibly empty), or null when the property is null or absent. */
  optionalString(key: string): string | null {
    const value = this.get(key);
    if (value === null || value === undefined) return null;
    if (typeof value !== 'string') throw new FieldError(this.pathOf(key), value, `is ${kindOf(value)}, expected text`);
    return value;
  }

  /** An instant (ISO with `Z`) via readInstant; absent counts as unreadable. */
  requireInstant(key: string, timezone?: string): string {
    return readInstant(this.pathOf(key), this.get(key), timezone);
  }

  /** An instant via readOptionalInstant: null when null, absent or blank. */
  optionalInstant(key: string, timezone?: string): string | null {
    return readOptionalInstant(this.pathOf(key), this.get(key), timezone);
  }

  /** A list of objects, each with its own path (`key[i]`); null or absent gives an empty list. */
  objectList(key: string): RecordFields[] {
    const value = this.get(key);
    if (value === null || value === undefined) return [];
    if (!Array.isArray(value)) throw new FieldError(this.pathOf(key), value, `is ${kindOf(value)}, expected a list of objects`);
    return value.map((element, index) => RecordFields.of(element, `${this.pathOf(key)}[${index}]`));
  }
}

/**
 * A source value translated to a Hindsight value for `target` (snake_case field, e.g. `severity`): the
 * user's `--value` map first, then the format's defaults; a value with neither throws a FieldError on
 * `field` that says how to map it.
 */
export function mapWithDefaults(
  field: string,
  value: string,
  target: string,
  defaults: ReadonlyMap<string, string>,
  values?: ValueMap,
): string {
  if (values?.get(target)?.has(value)) return mapValue(values, target, value);
  const fallback = defaults.get(value);
  if (fallback !== undefined) return fallback;
  const known = [...defaults].map(([from, to]) => `${from} → ${to}`).join(', ');
  throw new FieldError(field, value, `has no ${target} mapping; map it with --value ${target}:${value}=<level key> (defaults: ${known})`);
}

/** A severity as a mapper reads it: a level key, or the source's own name with the error to report if it names no level. */
export interface MappedSeverity {
  severity: string;
  unmappedSeverity?: FieldError;
}

/**
 * A source value translated to a severity like mapWithDefaults, except that a value with neither a user mapping nor a
 * default is kept as the source spells it: it may name a severity level itself (`SEV-2`), which the import resolves;
 * the FieldError mapWithDefaults would throw goes with it, for the import to report when it does not.
 */
export function mapSeverityWithDefaults(field: string, value: string, defaults: ReadonlyMap<string, string>, values?: ValueMap): MappedSeverity {
  try {
    return { severity: mapWithDefaults(field, value, 'severity', defaults, values) };
  } catch (error) {
    if (!(error instanceof FieldError)) throw error;
    return { severity: value, unmappedSeverity: error };
  }
}

/**
 * Entries sorted oldest first by `occurredAt` (ISO instants). Status feeds list newest first, so entries
 * with the same instant keep the reverse of their input order.
 */
export function oldestFirst<T extends { occurredAt: string }>(entries: readonly T[]): T[] {
  return [...entries].reverse().sort((a, b) => Date.parse(a.occurredAt) - Date.parse(b.occurredAt));
}
