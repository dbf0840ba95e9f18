import { fromLocalInput, toLocalInput } from './local-time';

/**
 * The incident form's values (what the inputs hold: text, local datetimes) and the bodies POST and PATCH
 * /api/v1/incidents take. Pure, so the conversions are tested on their own.
 */

export const FORM_MILESTONES = [
  'startedAt', 'detectedAt', 'acknowledgedAt', 'investigatingAt', 'identifiedAt', 'mitigatedAt', 'resolvedAt', 'retroPrepAt', 'retroDoneAt',
] as const;
export type FormMilestone = (typeof FORM_MILESTONES)[number];

const TEXTS = ['title', 'severity', 'customerImpact', 'impactScope', 'commander', 'investigator', 'comms', 'scribe', 'owningTeam', 'exclusionReason'] as const;
/** Optional text fields: empty means none (null), so clearing one on edit sends null. */
const NULLABLE = new Set<string>(['commander', 'investigator', 'comms', 'scribe', 'owningTeam', 'exclusionReason']);
const LISTS = ['services', 'knownCustomersImpacted', 'tags'] as const;

export type IncidentFormValues = Record<(typeof TEXTS)[number], string> &
  Record<FormMilestone, string> & { services: string[]; knownCustomersImpacted: string; tags: string; excludedFromMetrics: boolean; severityChangeReason: string };

/** Every field the form has: where the API's errors about them are shown. */
export const FORM_FIELDS: readonly string[] = [...TEXTS, ...FORM_MILESTONES, ...LISTS, 'excludedFromMetrics', 'severityChangeReason'];

interface IncidentLike {
  title: string;
  severity: string;
  customerImpact: string;
  impactScope: string;
  commander: string | null;
  investigator: string | null;
  comms: string | null;
  scribe: string | null;
  owningTeam: string | null;
  exclusionReason: string | null;
  services: string[];
  knownCustomersImpacted: string[];
  tags: string[];
  excludedFromMetrics: boolean;
  startedAt: string;
  detectedAt: string | null;
  acknowledgedAt: string | null;
  investigatingAt: string | null;
  identifiedAt: string | null;
  mitigatedAt: string | null;
  resolvedAt: string | null;
  retroPrepAt: string | null;
  retroDoneAt: string | null;
}

/** A new incident's form: severity and start left for the user (start defaults to now, in the browser's zone). */
export function emptyValues(now: Date): IncidentFormValues {
  const values = {
    title: '', severity: '', customerImpact: '', impactScope: 'unknown', commander: '', investigator: '', comms: '', scribe: '', owningTeam: '',
    exclusionReason: '', services: [], knownCustomersImpacted: '', tags: '', excludedFromMetrics: false, severityChangeReason: '',
  } as Omit<IncidentFormValues, FormMilestone>;
  const milestones = Object.fromEntries(FORM_MILESTONES.map((m) => [m, ''])) as Record<FormMilestone, string>;
  return { ...values, ...milestones, startedAt: toLocalInput(now.toISOString()) };
}

/** An incident as the form shows it: instants in the browser's zone, lists as comma-separated text. */
export function valuesOf(incident: IncidentLike): IncidentFormValues {
  const milestones = Object.fromEntries(FORM_MILESTONES.map((m) => [m, toLocalInput(incident[m])])) as Record<FormMilestone, string>;
  const texts = Object.fromEntries(TEXTS.map((f) => [f, incident[f] ?? ''])) as Record<(typeof TEXTS)[number], string>;
  return {
    ...texts,
    ...milestones,
    services: [...incident.services],
    knownCustomersImpacted: incident.knownCustomersImpacted.join(', '),
    tags: incident.tags.join(', '),
    excludedFromMetrics: incident.excludedFromMetrics,
    severityChangeReason: '',
  };
}

const splitList = (text: string) => text.split(',').map((s) => s.trim()).filter(Boolean);

/** Each field as the API takes it: text trimmed (empty optional text → null), instants ISO (empty → null), lists as arrays. */
function apiValues(values: IncidentFormValues): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const field of TEXTS) {
    const text = values[field].trim();
    body[field] = text === '' && NULLABLE.has(field) ? null : text;
  }
  for (const m of FORM_MILESTONES) body[m] = fromLocalInput(values[m]);
  body.services = values.services;
  body.knownCustomersImpacted = splitList(values.knownCustomersImpacted);
  body.tags = splitList(values.tags);
  body.excludedFromMetrics = values.excludedFromMetrics;
  return body;
}

/** POST body: every field that has a value (the API fills in the rest). A missing title, severity or start goes as '' so the API names it. */
export function createBody(values: IncidentFormValues): Record<string, unknown> {
  const body = apiValues(values);
  return Object.fromEntries(
    Object.entries(body).filter(([field, value]) => ['title', 'severity', 'startedAt'].includes(field) || (value !== null && value !== '' && !(Array.isArray(value) && value.length === 0))),
  );
}

/** PATCH body: only what changed since `initial`, with the version read; the severity change's reason when the severity changed. */
export function updateBody(initial: IncidentFormValues, values: IncidentFormValues, version: number): Record<string, unknown> {
  const before = apiValues(initial);
  const after = apiValues(values);
  const body: Record<string, unknown> = { version };
  for (const [field, value] of Object.entries(after)) {
    if (JSON.stringify(value) !== JSON.stringify(before[field])) body[field] = field === 'startedAt' && value === null ? '' : value;
  }
  if ('severity' in body && values.severityChangeReason.trim()) body.severityChangeReason = values.severityChangeReason.trim();
  return body;
}
