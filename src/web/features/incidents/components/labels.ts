import type { Incident } from '../api/incidents';

/** How the pages name the API's values. */
export const STATUS_TEXT: Record<Incident['status'], string> = { active: 'Active', mitigated: 'Mitigated', resolved: 'Resolved', closed: 'Closed' };

export const MILESTONE_TEXT = {
  startedAt: 'Started',
  detectedAt: 'Detected',
  acknowledgedAt: 'Acknowledged',
  investigatingAt: 'Investigating',
  identifiedAt: 'Identified',
  mitigatedAt: 'Mitigated',
  resolvedAt: 'Resolved',
  retroPrepAt: 'Retro prep started',
  retroDoneAt: 'Retro done',
} as const;
export type MilestoneField = keyof typeof MILESTONE_TEXT;
export const MILESTONE_FIELDS = Object.keys(MILESTONE_TEXT) as MilestoneField[];

export const IMPACT_SCOPE_TEXT: Record<Incident['impactScope'], string> = { unknown: 'Unknown', all: 'All customers', some: 'Some customers', few: 'A few customers' };
