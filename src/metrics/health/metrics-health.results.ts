import type { GroupDimension, GroupKey } from '../core/metrics-scope.js';

/**
 * What MetricsHealthService answers (retro health, action-item health, comms cadence), as typed values,
 * and the shares derived from the repository's counts. Pure.
 */

// ---- what the repository returns -------------------------------------------------------------------

export interface RetroHealthRow {
  key: GroupKey;
  resolved: number;
  excluded: number;
  withRetro: number;
  onTime: number;
  late: number;
  timingNoTarget: number;
  timingOrder: number;
  overdue: number;
  notYetDue: number;
  backlogNoTarget: number;
  backlogOrder: number;
}

export interface OverdueRetroRow {
  incidentId: string;
  key: string;
  title: string;
  severity: string;
  team: string | null;
  resolvedAt: Date;
  retroDueBusinessHours: number;
}

export interface ActionItemHealthRow {
  /** null on the overall row. */
  team: string | null;
  total: number;
  open: number;
  inProgress: number;
  overdue: number;
  done: number;
  doneOnTime: number;
  doneLate: number;
  wontDo: number;
  closedN: number;
  medianDaysToClose: number | null;
}

export interface CommsHealthRow {
  key: GroupKey;
  n: number;
  openSeconds: number;
  coveredSeconds: number;
  medianShare: number | null;
  noCadence: number;
  excluded: number;
  order: number;
}

const ratio = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole);

/** What a grouped health report repeats about its scope. */
export interface HealthScopeEcho {
  timeZone: string;
  from: Date;
  to: Date;
  groupBy: GroupDimension[];
  /** The instant deadlines and open windows were judged at. */
  now: Date;
}

// ---- retros ----------------------------------------------------------------------------------------

export interface RetroHealthGroup {
  key: GroupKey;
  /** Resolved incidents not excluded from metrics: the denominator of retroShare. */
  resolved: number;
  /** Resolved incidents left out: excluded from metrics. */
  excluded: number;
  /** Resolved incidents with a retro (retroDoneAt, or a submitted retrospective). */
  withRetro: number;
  retroShare: number | null;
  /** Of those with a retro: held within the peak severity's business-hours target or late. */
  timing: { n: number; onTime: number; late: number; onTimeShare: number | null; noTarget: number; order: number };
  /** Of those without a retro: where they stand at `now`. */
  withoutRetro: { overdue: number; notYetDue: number; noTarget: number; order: number };
}

export interface OverdueRetro {
  incidentId: string;
  key: string;
  title: string;
  /** Peak severity key. */
  severity: string;
  team: string | null;
  resolvedAt: Date;
  retroDueBusinessHours: number;
  /** resolvedAt + the target in business hours of the configured calendar. */
  dueAt: Date;
}

export interface RetroHealthReport extends HealthScopeEcho {
  /** Ordered by key; one group with key {} without grouping. */
  groups: RetroHealthGroup[];
  /** Every resolved incident in scope still without a retro whose deadline has passed, oldest resolution first. */
  overdue: OverdueRetro[];
}

export function toRetroHealthGroup(row: RetroHealthRow): RetroHealthGroup {
  const judged = row.onTime + row.late;
  return {
    key: row.key,
    resolved: row.resolved,
    excluded: row.excluded,
    withRetro: row.withRetro,
    retroShare: ratio(row.withRetro, row.resolved),
    timing: { n: judged, onTime: row.onTime, late: row.late, onTimeShare: ratio(row.onTime, judged), noTarget: row.timingNoTarget, order: row.timingOrder },
    withoutRetro: { overdue: row.overdue, notYetDue: row.notYetDue, noTarget: row.backlogNoTarget, order: row.backlogOrder },
  };
}

// ---- action items ----------------------------------------------------------------------------------

/** Which action items the health covers: judged on their own, not through their incident. */
export interface ActionItemScope {
  /** Half-open [from, to) on the item's creation; either end may be left open. */
  from?: Date;
  to?: Date;
  /** The items' own team names. */
  teams?: string[];
  /** The zone "today" and completion dates are read in; REPORT_TIMEZONE when unset. */
  timeZone?: string;
}

export interface ActionItemHealth {
  total: number;
  open: number;
  inProgress: number;
  /** Open or in progress with a due date before today. */
  overdue: number;
  done: number;
  /** Done, the local date of completion on or before the due date. */
  doneOnTime: number;
  doneLate: number;
  /** Done without a due date or without completedAt. */
  doneNotJudged: number;
  onTimeShare: number | null;
  wontDo: number;
  /** Done items with completedAt: the n of medianDaysToClose. */
  closedN: number;
  medianDaysToClose: number | null;
}

export interface ActionItemHealthReport {
  timeZone: string;
  /** Today (YYYY-MM-DD) in the time zone at `now`: items due before it and still open are overdue. */
  today: string;
  now: Date;
  from: Date | null;
  to: Date | null;
  /** One entry per team with items in scope, by name, `(none)` last. */
  teams: (ActionItemHealth & { team: string })[];
  overall: ActionItemHealth;
}

export function toActionItemHealth(row: ActionItemHealthRow): ActionItemHealth {
  return {
    total: row.total,
    open: row.open,
    inProgress: row.inProgress,
    overdue: row.overdue,
    done: row.done,
    doneOnTime: row.doneOnTime,
    doneLate: row.doneLate,
    doneNotJudged: row.done - row.doneOnTime - row.doneLate,
    onTimeShare: ratio(row.doneOnTime, row.doneOnTime + row.doneLate),
    wontDo: row.wontDo,
    closedN: row.closedN,
    medianDaysToClose: row.medianDaysToClose,
  };
}

// ---- comms cadence ---------------------------------------------------------------------------------

export interface CommsHealthGroup {
  key: GroupKey;
  /** Incidents judged. */
  n: number;
  /** Sum of the judged incidents' open windows, seconds. */
  openSeconds: number;
  /** Sum of the seconds of those windows covered by status updates within the cadence. */
  coveredSeconds: number;
  /** coveredSeconds / openSeconds (1 when every window is empty); null when n = 0. */
  share: number | null;
  /** Median of the per-incident shares. */
  medianShare: number | null;
  notJudged: { noCadence: number; excluded: number; order: number };
}

export interface CommsHealthReport extends HealthScopeEcho {
  /** Ordered by key; one group with key {} without grouping. */
  groups: CommsHealthGroup[];
}

export function toCommsHealthGroup(row: CommsHealthRow): CommsHealthGroup {
  return {
    key: row.key,
    n: row.n,
    openSeconds: row.openSeconds,
    coveredSeconds: row.coveredSeconds,
    // Like commsCadence(): a window of zero length has nothing to cover, so a group of only those is fully covered.
    share: row.n === 0 ? null : row.openSeconds === 0 ? 1 : row.coveredSeconds / row.openSeconds,
    medianShare: row.medianShare,
    notJudged: { noCadence: row.noCadence, excluded: row.excluded, order: row.order },
  };
}
