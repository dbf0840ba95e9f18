import type { Milestone } from '../incidents/milestones.js';
import type { SlaKind } from '../metrics/core/sla.js';

/**
 * The rows of the report's list sheets (incidents, SLA breaches, action items, retrospectives), as the
 * reports repository reads them: typed values (instants as Dates, seconds as numbers). Pure.
 */

/** Where one SLA target of one incident stands (the states GET /metrics/sla counts). */
export type SlaState = 'breached' | 'open' | 'met' | 'pending' | 'no-target' | 'excluded' | 'missing' | 'order';

/** Why a metric leaves the incident out (null: counted), as the metrics view says. */
export type LeftOut = 'excluded' | 'missing' | 'order' | null;

/** Every milestone but the start, which every incident has. */
type LaterMilestones = Record<Exclude<Milestone, 'startedAt'>, Date | null>;

export interface IncidentReportRow extends LaterMilestones {
  id: string;
  key: string;
  title: string;
  /** Peak severity key (the one the metrics and SLA use) and the current one. */
  severity: string;
  currentSeverity: string;
  services: string[];
  team: string | null;
  source: string;
  startedAt: Date;
  /** Stored metric seconds, null when left out (see leftOut). */
  ttd: number | null;
  tta: number | null;
  tte: number | null;
  ttm: number | null;
  ttr: number | null;
  /** Business seconds from resolution to retro done, null when left out. */
  ttRetro: number | null;
  leftOut: Record<'ttd' | 'tta' | 'tte' | 'ttm' | 'ttr' | 'ttRetro', LeftOut>;
  sla: Record<SlaKind, SlaState>;
  /** `none`, `draft` or `submitted`. */
  retroStatus: 'none' | 'draft' | 'submitted';
  excludedFromMetrics: boolean;
  exclusionReason: string | null;
  /** Some pair of present milestones is out of lifecycle order. */
  orderViolation: boolean;
}

export interface SlaBreachRow {
  key: string;
  title: string;
  severity: string;
  team: string | null;
  kind: SlaKind;
  /** `breached` (the milestone came late) or `open` (still missing past its deadline at generation). */
  state: 'breached' | 'open';
  targetSeconds: number;
  /** The interval's seconds; null for an open breach. */
  actualSeconds: number | null;
  deadline: Date;
  /** actual − target, or now − deadline for an open breach. */
  overBySeconds: number;
}

export interface ActionItemReportRow {
  incidentKey: string;
  title: string;
  owner: string | null;
  team: string | null;
  priority: string;
  status: string;
  dueDate: string | null;
  createdAt: Date;
  completedAt: Date | null;
  /** Whole days from creation to generation (open items) or to completion (done items). */
  ageDays: number;
  overdue: boolean;
  externalUrl: string | null;
}

export interface RetroReportRow {
  key: string;
  title: string;
  severity: string;
  team: string | null;
  resolvedAt: Date | null;
  status: 'none' | 'draft' | 'submitted';
  heldAt: Date | null;
  /** As GET /metrics/retros judges it: on-time, late, no-target, order; for those without one: overdue, not-yet-due, no-target; null when unresolved. */
  timing: string | null;
  dueBusinessHours: number | null;
  businessSeconds: number | null;
  facilitator: string | null;
  attendees: string[];
  /** The retrospective's answers (for the blame-language hints). */
  answers: string[];
  actionItems: number;
}
