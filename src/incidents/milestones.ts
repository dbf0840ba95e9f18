/** The nine milestones of SPEC §1, in lifecycle order. Pure: no Nest, no TypeORM. */
export const MILESTONES = [
  'startedAt',
  'detectedAt',
  'acknowledgedAt',
  'investigatingAt',
  'identifiedAt',
  'mitigatedAt',
  'resolvedAt',
  'retroPrepAt',
  'retroDoneAt',
] as const;

export type Milestone = (typeof MILESTONES)[number];
export type Milestones = Partial<Record<Milestone, Date | null>>;

/** snake_case column name of a milestone, as in SPEC.md and CSV files (`started_at`). */
export const milestoneColumn = (milestone: Milestone): string => milestone.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

export interface MilestoneOrderViolation {
  earlier: { field: Milestone; value: Date };
  later: { field: Milestone; value: Date };
}

/**
 * The first pair of present milestones out of lifecycle order: a later milestone that is before an
 * earlier one. Each present milestone must be ≥ every earlier present one; equal instants are fine.
 */
export function findOrderViolation(milestones: Milestones): MilestoneOrderViolation | null {
  let latest: { field: Milestone; value: Date } | null = null;
  for (const field of MILESTONES) {
    const value = milestones[field];
    if (!value) continue;
    if (latest && value.getTime() < latest.value.getTime()) {
      return { earlier: latest, later: { field, value } };
    }
    if (!latest || value.getTime() >= latest.value.getTime()) latest = { field, value };
  }
  return null;
}

export const INCIDENT_STATUSES = ['active', 'mitigated', 'resolved', 'closed'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

/**
 * Where the incident stands, derived from its milestones: `active` until impact ends, `mitigated`
 * until the fix is durable, `resolved` until the retrospective is done, then `closed`.
 */
export function incidentStatus(milestones: Milestones): IncidentStatus {
  if (milestones.retroDoneAt) return 'closed';
  if (milestones.resolvedAt) return 'resolved';
  if (milestones.mitigatedAt) return 'mitigated';
  return 'active';
}
