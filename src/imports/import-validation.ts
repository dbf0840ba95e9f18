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
import { INSTANT_PROBLEM, instantProblem } from '../common/instant.js';
import { findInputProblem } from '../common/input-text.js';
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

/**
 * The API's length limits of the free-text fields (IncidentFieldsDto, CreateIncidentDto, the timeline entry DTOs), in
 * characters as class-validator counts them (code points; an emoji's variation selector does not count). The import
 * shortens a text over its limit instead of rejecting the record (import-shortening.ts). Names of services and teams
 * (100, REFERENCE_NAME) and the external id are not in this list: they identify things and are never shortened.
 */
export const TEXT_LIMITS = {
  title: 300,
  functionality: 200,
  state: 200,
  audience: 200,
  customerImpact: 20000,
  commander: 200,
  investigator: 200,
  comms: 200,
  scribe: 200,
  tag: 100,
  exclusionReason: 2000,
  timelineAuthor: 200,
  timelineBody: 20000,
} as const;

const EXTERNAL_ID_LIMIT = 500;

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

const snakeCase = (path: string) => path.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/**
 * A NUL character or lone surrogate in any text of the record, or a source payload nested too deep (the API's
 * rules, input-text.ts), named as the import names fields: snake_case, the payload's own keys as they are.
 */
function textProblemOf(record: MappedIncident): ValidationProblem | null {
  const found = findInputProblem({ externalId: record.externalId, ...record.fields, timeline: record.timeline }, '')
    ?? (record.sourcePayload === null ? null : findInputProblem(record.sourcePayload, 'source_payload'));
  if (!found) return null;
  return problem(found.field.startsWith('source_payload') ? found.field : snakeCase(found.field), found.value, found.problem);
}

const referenceName = (name: string) => (isString(name) && maxLength(name, 100) && matches(name, REFERENCE_NAME) ? null : NAME_RULE);

/** The first rule the record breaks, or null when the API would accept it (order of milestones aside: imports flag that). */
export function validateMappedIncident(record: MappedIncident, source: string): ValidationProblem | null {
  const f = record.fields;
  const checks = (): (ValidationProblem | null)[] => [
    !isString(source) || !matches(source, SOURCE_NAME) ? problem('source', source, SOURCE_NAME_RULE) : null,
    text('external_id', record.externalId, EXTERNAL_ID_LIMIT, { required: true }),
    text('title', f.title, TEXT_LIMITS.title, { required: true }),
    text('severity', f.severity, Number.MAX_SAFE_INTEGER, { required: true }),
    f.peakSeverity === undefined ? null : text('peak_severity', f.peakSeverity, Number.MAX_SAFE_INTEGER, { required: true }),
    text('functionality', f.functionality, TEXT_LIMITS.functionality, { nullable: true }),
    text('state', f.state, TEXT_LIMITS.state, { nullable: true }),
    text('audience', f.audience, TEXT_LIMITS.audience, { nullable: true }),
    list('services', f.services, 100, referenceName),
    f.owningTeam === undefined || f.owningTeam === null || f.owningTeam === ''
      ? null
      : isString(f.owningTeam) ? (referenceName(f.owningTeam) ? problem('owning_team', f.owningTeam, NAME_RULE) : null) : problem('owning_team', f.owningTeam, 'must be text'),
    text('customer_impact', f.customerImpact, TEXT_LIMITS.customerImpact),
    f.impactScope === undefined || isIn(f.impactScope, IMPACT_SCOPES) ? null : problem('impact_scope', f.impactScope, `must be one of ${IMPACT_SCOPES.join(', ')}`),
    list('known_customers_impacted', f.knownCustomersImpacted, 1000, () => null),
    text('commander', f.commander, TEXT_LIMITS.commander, { nullable: true }),
    text('investigator', f.investigator, TEXT_LIMITS.investigator, { nullable: true }),
    text('comms', f.comms, TEXT_LIMITS.comms, { nullable: true }),
    text('scribe', f.scribe, TEXT_LIMITS.scribe, { nullable: true }),
    list('tags', f.tags, 100, (tag) => (maxLength(tag, TEXT_LIMITS.tag) ? null : `must be at most ${TEXT_LIMITS.tag} characters`)),
    f.excludedFromMetrics === undefined || isBoolean(f.excludedFromMetrics) ? null : problem('excluded_from_metrics', f.excludedFromMetrics, 'must be true or false'),
    text('exclusion_reason', f.exclusionReason, TEXT_LIMITS.exclusionReason, { nullable: true }),
    record.sourcePayload === null || isObject(record.sourcePayload) ? null : problem('source_payload', record.sourcePayload, 'must be an object'),
  ];
  for (const found of checks()) if (found) return found;
  const badText = textProblemOf(record);
  if (badText) return badText;

  for (const milestone of MILESTONES) {
    const value = f[milestone];
    if (value === undefined || (value === null && milestone !== 'startedAt')) {
      if (milestone === 'startedAt') return problem('started_at', value, 'is required');
      continue;
    }
    const wrong = isString(value) ? instantProblem(value) : INSTANT_PROBLEM;
    if (wrong) return problem(milestoneColumn(milestone), value, wrong);
  }

  for (const [index, entry] of record.timeline.entries()) {
    const at = `timeline[${index}]`;
    const wrongAt = isString(entry.occurredAt) ? instantProblem(entry.occurredAt) : INSTANT_PROBLEM;
    if (wrongAt) return problem(`${at}.occurred_at`, entry.occurredAt, wrongAt);
    if (!isIn(entry.kind, TIMELINE_KINDS)) return problem(`${at}.kind`, entry.kind, `must be one of ${TIMELINE_KINDS.join(', ')}`);
    const author = text(`${at}.author`, entry.author, TEXT_LIMITS.timelineAuthor, { nullable: true });
    if (author) return author;
    if (!isString(entry.body) || !maxLength(entry.body, TEXT_LIMITS.timelineBody) || !minLength(entry.body, 1) || !matches(entry.body, /\S/)) {
      return problem(`${at}.body`, entry.body, `must be 1–${TEXT_LIMITS.timelineBody} characters, not blank`);
    }
  }
  return null;
}
