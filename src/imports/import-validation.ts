/**
 * The API's validation rules for an incident and its timeline entries (CreateIncidentDto,
 * CreateTimelineEntryDto), as plain checks fast enough for a million rows: class-validator's own
 * per-value functions, without building and walking a DTO instance per row (about 30 µs a row).
 * import-validation.spec.ts proves, on generated objects, that this accepts exactly what
 * the DTOs accept. The import adds two rules of its own: an external id is required (the key that makes
 * re-imports idempotent), and names of services and teams it will create must be valid names (the rule of
 * ServiceDto/TeamDto).
 * Pure: no Nest, no TypeORM.
 */
import { isBoolean, isIn, isNotEmpty, isObject, isString, matches, maxLength, minLength } from 'class-validator';
import { parseInstantOrNull, INSTANT_PROBLEM } from '../common/instant.js';
import { REFERENCE_NAME, SOURCE_NAME, SOURCE_NAME_RULE } from '../common/validators.js';
import { IMPACT_SCOPES } from '../incidents/incident.entity.js';
import { MILESTONES, milestoneColumn } from '../incidents/milestones.js';
import { TIMELINE_KINDS } from '../incidents/timeline/timeline-entry.entity.js';
import type { MappedIncident } from './formats/mapped-incident.js';

/** What is wrong with a mapped record: the Hindsight field (snake_case, as in SPEC.md and the CSV header), its value, the rule. */
export interface ValidationProblem {
  field: string;
  value: unknown;
  problem: string;
}

const NAME_RULE = 'must be 1–100 characters without a comma or surrounding spaces, and not a uuid';

const problem = (field: string, value: unknown, text: string): ValidationProblem => ({ field, value, problem: text });

function text(field: string, value: unknown, max: number, options: { required?: boolean; nullable?: boolean } = {}): ValidationProblem | null {
  if (value === undefined) return options.required ? problem(field, value, 'is required') : null;
  if (value === null) return options.nullable ? null : problem(field, value, options.required ? 'is required' : 'cannot be null');
  if (!isString(value)) return problem(field, value, 'must be text');
  if (options.required && !isNotEmpty(value)) return problem(field, value, 'must not be empty');
  if (!maxLength(value, max)) return problem(field, value, `must be at most ${max} characters`);
  return null;
}

function list(field: string, value: unknown, maxItems: number, item: (entry: string) => string | null): ValidationProblem | null {
  if (value === undefined) return null;
  if (!Array.isArray(value)) return problem(field, value, 'must be a list');
  if (value.length > maxItems) return problem(field, value.length, `must have at most ${maxItems} entries`);
  for (const entry of value) {
    if (!isString(entry)) return problem(field, entry, 'entries must be text');
    const wrong = item(entry);
    if (wrong) return problem(field, entry, wrong);
  }
  return null;
}

const referenceName = (name: string) => (isString(name) && maxLength(name, 100) && matches(name, REFERENCE_NAME) ? null : NAME_RULE);

/** The first rule the record breaks, or null when the API would accept it (order of milestones aside: imports flag that). */
export function validateMappedIncident(record: MappedIncident, source: string): ValidationProblem | null {
  const f = record.fields;
  const checks = (): (ValidationProblem | null)[] => [
    !isString(source) || !matches(source, SOURCE_NAME) ? problem('source', source, SOURCE_NAME_RULE) : null,
    text('external_id', record.externalId, 500, { required: true }),
    text('title', f.title, 300, { required: true }),
    text('severity', f.severity, Number.MAX_SAFE_INTEGER, { required: true }),
    f.peakSeverity === undefined ? null : text('peak_severity', f.peakSeverity, Number.MAX_SAFE_INTEGER, { required: true }),
    text('functionality', f.functionality, 200, { nullable: true }),
    text('state', f.state, 200, { nullable: true }),
    text('audience', f.audience, 200, { nullable: true }),
    list('services', f.services, 100, referenceName),
    f.owningTeam === undefined || f.owningTeam === null || f.owningTeam === ''
      ? null
      : isString(f.owningTeam) ? (referenceName(f.owningTeam) ? problem('owning_team', f.owningTeam, NAME_RULE) : null) : problem('owning_team', f.owningTeam, 'must be text'),
    text('customer_impact', f.customerImpact, 20000),
    f.impactScope === undefined || isIn(f.impactScope, IMPACT_SCOPES) ? null : problem('impact_scope', f.impactScope, `must be one of ${IMPACT_SCOPES.join(', ')}`),
    list('known_customers_impacted', f.knownCustomersImpacted, 1000, () => null),
    text('commander', f.commander, 200, { nullable: true }),
    text('investigator', f.investigator, 200, { nullable: true }),
    text('comms', f.comms, 200, { nullable: true }),
    text('scribe', f.scribe, 200, { nullable: true }),
    list('tags', f.tags, 100, (tag) => (maxLength(tag, 100) ? null : 'must be at most 100 characters')),
    f.excludedFromMetrics === undefined || isBoolean(f.excludedFromMetrics) ? null : problem('excluded_from_metrics', f.excludedFromMetrics, 'must be true or false'),
    text('exclusion_reason', f.exclusionReason, 2000, { nullable: true }),
    record.sourcePayload === null || isObject(record.sourcePayload) ? null : problem('source_payload', record.sourcePayload, 'must be an object'),
  ];
  for (const found of checks()) if (found) return found;

  for (const milestone of MILESTONES) {
    const value = f[milestone];
    if (value === undefined || (value === null && milestone !== 'startedAt')) {
      if (milestone === 'startedAt') return problem('started_at', value, 'is required');
      continue;
    }
    if (!isString(value) || parseInstantOrNull(value) === null) return problem(milestoneColumn(milestone), value, INSTANT_PROBLEM);
  }

  for (const [index, entry] of record.timeline.entries()) {
    const at = `timeline[${index}]`;
    if (!isString(entry.occurredAt) || parseInstantOrNull(entry.occurredAt) === null) return problem(`${at}.occurred_at`, entry.occurredAt, INSTANT_PROBLEM);
    if (!isIn(entry.kind, TIMELINE_KINDS)) return problem(`${at}.kind`, entry.kind, `must be one of ${TIMELINE_KINDS.join(', ')}`);
    const author = text(`${at}.author`, entry.author, 200, { nullable: true });
    if (author) return author;
    if (!isString(entry.body) || !maxLength(entry.body, 20000) || !minLength(entry.body, 1) || !matches(entry.body, /\S/)) {
      return problem(`${at}.body`, entry.body, 'must be 1–20000 characters, not blank');
    }
  }
  return null;
}
