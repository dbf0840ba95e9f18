import type { IncidentStatus } from './milestones.js';

/**
 * Which incidents a request covers: the incident list and every metric filter with it (the metrics
 * always with `from` and `to`). Each list field matches any of its values, and all given fields must
 * match. Pure: incident-filter.sql.ts turns it into SQL.
 */
export interface IncidentFilter {
  /** Half-open [from, to) on started_at; either end may be left open. */
  from?: Date;
  to?: Date;
  /** Severity keys: the current severity in the incident list, the peak severity in the metrics. */
  severities?: string[];
  /** Affected service names: an incident matches when it affected any of them. */
  services?: string[];
  /** Owning team names. */
  teams?: string[];
  /** Record sources (`hindsight`, `pagerduty`, …). */
  sources?: string[];
  /** Every tag must be present. */
  tags?: string[];
  /** Statuses derived from the milestones. */
  statuses?: IncidentStatus[];
  /** Case-insensitive text in the key, title, functionality or customer impact. */
  text?: string;
}
