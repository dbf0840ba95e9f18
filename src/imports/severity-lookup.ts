/**
 * How an import finds the severity level a record names. Imported files spell levels their own way (`SEV-2`,
 * `Sev 2`, `sev2`, `S2`), so a name that is not a level's key is compared in a normal form; it resolves only when
 * exactly one level has that form, so a spelling never picks one of two levels at random. `POST /incidents` does not
 * use this: the API takes exact keys. Pure: no Nest, no TypeORM.
 *
 * A name resolves to, in this order:
 * 1. the level whose key it is, exactly;
 * 2. the one level whose key it is ignoring case (`sev2` → `SEV2`);
 * 3. the one level whose key has the same normal form (severityNormalForm).
 * Two or more levels at the first step that matches (keys `SEV1` and `sev1` for `Sev1`; keys `SEV2` and `S-2` for
 * `Sev 2`), or none at all: the name is not a severity level, and the record is rejected.
 */
import type { SeverityRef } from './import-plan.js';

/** `sev`, `severity` or `s`, then digits: the prefixes one severity number is written with. */
const NUMBERED = /^(?:severity|sev|s)0*(\d+)$/;

/**
 * The normal form of a severity name: letters and digits only (compatibility-normalised, so full-width digits count),
 * lower case; and a name that is `s`, `sev` or `severity` followed by a number is written `sev<number>` without
 * leading zeros. `SEV-2`, `Sev 2`, `sev2`, `S2`, `s02` and `Severity 2` are all `sev2`; `P2` stays `p2`.
 */
export function severityNormalForm(name: string): string {
  const letters = name.normalize('NFKC').toLowerCase().replace(/[^a-z0-9]/g, '');
  const numbered = NUMBERED.exec(letters);
  return numbered ? `sev${numbered[1]}` : letters;
}

export interface SeverityLookup {
  /** The level a name means, or null when it names none or more than one (see the file's comment). */
  resolve(name: string): SeverityRef | null;
  /** Every level's key, in rank order, for messages. */
  readonly keys: readonly string[];
}

/** The levels by a form of their key; `null` marks a form that two or more levels share. */
function index(levels: readonly SeverityRef[], form: (key: string) => string): Map<string, SeverityRef | null> {
  const byForm = new Map<string, SeverityRef | null>();
  for (const level of levels) {
    const key = form(level.key);
    byForm.set(key, byForm.has(key) ? null : level);
  }
  return byForm;
}

/** The lookup over `levels` (ImportsRepository.severityLevels()). */
export function severityLookup(levels: readonly SeverityRef[]): SeverityLookup {
  const exact = new Map(levels.map((level) => [level.key, level]));
  const caseless = index(levels, (key) => key.toLowerCase());
  const normal = index(levels, severityNormalForm);
  return {
    keys: levels.map((level) => level.key),
    resolve(name) {
      const found = exact.get(name);
      if (found) return found;
      const lower = caseless.get(name.toLowerCase());
      if (lower !== undefined) return lower;
      const form = severityNormalForm(name);
      return form === '' ? null : (normal.get(form) ?? null);
    },
  };
}
