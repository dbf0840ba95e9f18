import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { OPEN_STATUSES } from '../../action-items/action-item-rules.js';
import type { BusinessCalendar } from '../../config/config.js';
import { SqlParams } from '../../database/sql-params.js';
import { MAX_GROUPS, type ResolvedScope } from '../core/metrics-scope.js';
import { calendarArgs, rowGroupKey, scopeSql } from '../core/metrics-scope.sql.js';
import type { ActionItemHealthRow, CommsHealthRow, OverdueRetroRow, RetroHealthRow } from './metrics-health.results.js';

export interface ActionItemFilter {
  from?: Date;
  to?: Date;
  teams?: string[];
  /** YYYY-MM-DD in `timeZone`: open items due before it are overdue. */
  today: string;
  timeZone: string;
}

/** How long a stretch the overdue test first looks at (see retroOverdueSql). */
const OVERDUE_PROBE = `interval '60 days'`;


/**
 * Per scoped row `v` (with the peak severity `ps` and the retrospective `rs`): whether the incident has
 * a retro, when it was held, and the verdicts. `OFFSET 0` keeps the function calls once per row.
 *
 * - Retro held: the incident's retro_done_at (the milestone time to retro is measured to; submitting a
 *   retrospective sets it), else a submitted retrospective's held_at, else its submitted_at. A draft is no retro.
 * - On time: business seconds from resolved_at to the retro ≤ target × 3600, i.e. held no later than
 *   addBusinessSeconds(resolved_at, target) — exactly on the deadline is on time, as for the SLA. For a
 *   retro held at retro_done_at that is the stored retro_business_seconds; otherwise it is computed.
 * - Order (issue 11: each figure judged by the milestones it uses alone): the timing is `order` only when the
 *   retro was held before resolved_at (its own two ends); other milestones out of order do not matter. The
 *   backlog (no retro yet) runs from resolved_at to now, no second milestone: never `order` (the count stays
 *   in the response, always 0).
 * - Overdue (no retro): now is strictly after that deadline. Since the deadline is the earliest instant
 *   whose business seconds reach the target, now > deadline ⇔ business seconds up to (now − 1 µs) ≥ target
 *   (timestamps are microseconds). The function's cost grows with the span, so the test is staged, each
 *   stage exact: fewer wall-clock than target hours cannot be overdue; reaching the target within the
 *   first 60 days decides yes; otherwise only a longer span can still reach it.
 */
export function retroLateral(now: string, calendar: string): string {
  const due = 'ps.retro_due_business_hours';
  const businessSeconds = (to: string) => `hindsight_business_seconds(v.resolved_at, ${to}, ${calendar})`;
  // Held at retro_done_at: the stored business seconds (same calendar: made so at start-up). Held at a
  // retrospective's own time: computed.
  const heldBusinessSeconds = `CASE WHEN v.retro_done_at IS NOT NULL THEN v.retro_business_seconds ELSE ${businessSeconds('h.held_at')} END`;
  const overdue = `CASE WHEN ${now} - v.resolved_at <= make_interval(hours => ${due}) THEN false
                        WHEN ${businessSeconds(`LEAST(${now}, v.resolved_at + ${OVERDUE_PROBE}) - interval '1 microsecond'`)} >= ${due} * 3600 THEN true
                        WHEN ${now} <= v.resolved_at + ${OVERDUE_PROBE} THEN false
                        ELSE ${businessSeconds(`${now} - interval '1 microsecond'`)} >= ${due} * 3600 END`;
  return `CROSS JOIN LATERAL (
      SELECT CASE WHEN h.held_at IS NULL THEN NULL
                  WHEN ${due} IS NULL THEN 'no-target'
                  WHEN h.held_at < v.resolved_at THEN 'order'
                  WHEN ${heldBusinessSeconds} <= ${due} * 3600 THEN 'on-time'
                  ELSE 'late' END AS timing,
             CASE WHEN h.held_at IS NOT NULL THEN NULL
                  WHEN ${due} IS NULL THEN 'no-target'
                  WHEN ${overdue} THEN 'overdue'
                  ELSE 'not-yet-due' END AS backlog
        FROM (SELECT COALESCE(v.retro_done_at, CASE WHEN rs.status = 'submitted' THEN COALESCE(rs.held_at, rs.submitted_at) END) AS held_at) h
      OFFSET 0) r`;
}

/**
 * The comms-cadence coverage of one scoped incident `v` with its peak severity `ps`, exactly as
 * commsCadence() in comms-cadence.ts computes it:
 * - not judged: no cadence, excluded, or resolved_at before the window's start (its own two ends: issue 11;
 *   other milestones out of order do not matter, and an unresolved window ends at now: never `order`);
 * - window [start, end): start = detected_at, else started_at; end = GREATEST(start, resolved_at, else now);
 * - each point p of {start} ∪ {status updates t with start ≤ t < end} covers [p, p + cadence) clipped to
 *   the window. An update before the start covers at most [start, t + cadence) ⊂ [start, start + cadence),
 *   so it adds nothing; one at or after the end adds nothing. With the points sorted, the union of
 *   equal-length covers is Σ LEAST(next point − p, cadence) with the last point's "next" being the end
 *   (the clip): overlaps counted once, duplicates adding 0.
 */
function commsLateral(now: string): string {
  return `CROSS JOIN LATERAL (
      SELECT w.verdict, w.open_seconds, w.covered_seconds,
             CASE WHEN w.verdict <> 'judged' THEN NULL WHEN w.open_seconds = 0 THEN 1 ELSE w.covered_seconds / w.open_seconds END AS share
        FROM (
          SELECT b.verdict,
                 extract(epoch FROM b.end_at - b.start_at)::double precision AS open_seconds,
                 (SELECT COALESCE(sum(LEAST(extract(epoch FROM COALESCE(p.next_at, b.end_at) - p.at), ps.update_cadence_seconds)), 0)::double precision
                    FROM (SELECT x.at, lead(x.at) OVER (ORDER BY x.at) AS next_at
                            FROM (SELECT b.start_at AS at
                                  UNION ALL
                                  SELECT te.occurred_at FROM timeline_entries te
                                   WHERE te.incident_id = v.id AND te.kind = 'status_update' AND te.occurred_at >= b.start_at AND te.occurred_at < b.end_at) x) p
                   WHERE b.verdict = 'judged') AS covered_seconds
            FROM (
              SELECT CASE WHEN ps.update_cadence_seconds IS NULL THEN 'no-cadence'
                          WHEN v.excluded_from_metrics THEN 'excluded'
                          WHEN v.resolved_at < COALESCE(v.detected_at, v.started_at) THEN 'order'
                          ELSE 'judged' END AS verdict,
                     COALESCE(v.detected_at, v.started_at) AS start_at,
                     GREATEST(COALESCE(v.detected_at, v.started_at), COALESCE(v.resolved_at, ${now})) AS end_at
            ) b
        ) w
      OFFSET 0) c`;
}

/** Grouped, at most MAX_GROUPS + 1 groups: one more tells the service there are too many. */
const groupAndOrder = (keyExpressions: string[]) =>
  keyExpressions.length > 0 ? `GROUP BY ${keyExpressions.join(', ')} ORDER BY ${keyExpressions.join(', ')} LIMIT ${MAX_GROUPS + 1}` : '';

const numberOrNull = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));

/**
 * All SQL of the health endpoints (retros, action items, comms cadence). Aggregates are computed in
 * PostgreSQL; only group rows (and the list of overdue retros) reach Node.
 */
@Injectable()
export class MetricsHealthRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Retro health per group of the scope: one row per group (one in all without grouping, even over nothing). */
  async retroHealth(scope: ResolvedScope, calendar: BusinessCalendar, now: Date): Promise<RetroHealthRow[]> {
    const params = new SqlParams();
    const sql = scopeSql(scope, params);
    const nowSql = `${params.add(now)}::timestamptz`;
    const counted = `NOT v.excluded_from_metrics`;
    const statement = `
      SELECT ${[
        ...sql.keySelects,
        `count(*) FILTER (WHERE ${counted})::int AS resolved`,
        `count(*) FILTER (WHERE v.excluded_from_metrics)::int AS excluded`,
        `count(*) FILTER (WHERE ${counted} AND r.timing IS NOT NULL)::int AS with_retro`,
        `count(*) FILTER (WHERE ${counted} AND r.timing = 'on-time')::int AS on_time`,
        `count(*) FILTER (WHERE ${counted} AND r.timing = 'late')::int AS late`,
        `count(*) FILTER (WHERE ${counted} AND r.timing = 'no-target')::int AS timing_no_target`,
        `count(*) FILTER (WHERE ${counted} AND r.timing = 'order')::int AS timing_order`,
        `count(*) FILTER (WHERE ${counted} AND r.backlog = 'overdue')::int AS overdue`,
        `count(*) FILTER (WHERE ${counted} AND r.backlog = 'not-yet-due')::int AS not_yet_due`,
        `count(*) FILTER (WHERE ${counted} AND r.backlog = 'no-target')::int AS backlog_no_target`,
        `count(*) FILTER (WHERE ${counted} AND r.backlog = 'order')::int AS backlog_order`,
      ].join(',\n             ')}
        ${sql.from}
        LEFT JOIN retrospectives rs ON rs.incident_id = v.id
        ${retroLateral(nowSql, calendarArgs(calendar, params))}
        ${sql.where} AND v.resolved_at IS NOT NULL
        ${groupAndOrder(sql.keyExpressions)}`;
    const rows: Record<string, unknown>[] = await this.dataSource.query(statement, params.values);
    return rows.map((row) => ({
      key: rowGroupKey(row, scope.groupBy),
      resolved: row.resolved as number,
      excluded: row.excluded as number,
      withRetro: row.with_retro as number,
      onTime: row.on_time as number,
      late: row.late as number,
      timingNoTarget: row.timing_no_target as number,
      timingOrder: row.timing_order as number,
      overdue: row.overdue as number,
      notYetDue: row.not_yet_due as number,
      backlogNoTarget: row.backlog_no_target as number,
      backlogOrder: row.backlog_order as number,
    }));
  }

  /** The scope's resolved incidents still without a retro whose deadline has passed at `now`, oldest resolution first. */
  async overdueRetros(scope: ResolvedScope, calendar: BusinessCalendar, now: Date, limit: number): Promise<OverdueRetroRow[]> {
    const params = new SqlParams();
    const sql = scopeSql({ ...scope, groupBy: [] }, params);
    const nowSql = `${params.add(now)}::timestamptz`;
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT v.id, v.key, i.title, ps.key AS severity, t.name AS team, v.resolved_at, ps.retro_due_business_hours
         ${sql.from}
         JOIN incidents i ON i.id = v.id
         LEFT JOIN retrospectives rs ON rs.incident_id = v.id
         ${retroLateral(nowSql, calendarArgs(calendar, params))}
         ${sql.where} AND v.resolved_at IS NOT NULL AND NOT v.excluded_from_metrics AND r.backlog = 'overdue'
        ORDER BY v.resolved_at, v.key
        LIMIT ${params.add(limit)}`,
      params.values,
    );
    return rows.map((row) => ({
      incidentId: row.id as string,
      key: row.key as string,
      title: row.title as string,
      severity: row.severity as string,
      team: row.team as string | null,
      resolvedAt: row.resolved_at as Date,
      retroDueBusinessHours: row.retro_due_business_hours as number,
    }));
  }

  /**
   * Action-item health per team (the item's own team) and overall, in one statement (GROUPING SETS).
   * The overall row comes first, then teams by name with `(none)` last.
   */
  async actionItemHealth(filter: ActionItemFilter): Promise<ActionItemHealthRow[]> {
    const params = new SqlParams();
    const where: string[] = [];
    if (filter.from) where.push(`a.created_at >= ${params.add(filter.from)}`);
    if (filter.to) where.push(`a.created_at < ${params.add(filter.to)}`);
    if (filter.teams?.length) where.push(`t.name = ANY(${params.add(filter.teams)}::text[])`);
    const today = `${params.add(filter.today)}::date`;
    const completedLocalDate = `(a.completed_at AT TIME ZONE ${params.add(filter.timeZone)})::date`;
    const done = `a.status = 'done'`;
    const judged = `${done} AND a.due_date IS NOT NULL AND a.completed_at IS NOT NULL`;
    const statement = `
      SELECT GROUPING(t.name) = 1 AS overall,
             COALESCE(t.name, '(none)') AS team,
             count(*)::int AS total,
             count(*) FILTER (WHERE a.status = 'open')::int AS open,
             count(*) FILTER (WHERE a.status = 'in_progress')::int AS in_progress,
             count(*) FILTER (WHERE a.status IN (${OPEN_STATUSES.map((s) => `'${s}'`).join(', ')}) AND a.due_date IS NOT NULL AND a.due_date < ${today})::int AS overdue,
             count(*) FILTER (WHERE ${done})::int AS done,
             count(*) FILTER (WHERE ${judged} AND ${completedLocalDate} <= a.due_date)::int AS done_on_time,
             count(*) FILTER (WHERE ${judged} AND ${completedLocalDate} > a.due_date)::int AS done_late,
             count(*) FILTER (WHERE a.status = 'wont_do')::int AS wont_do,
             count(*) FILTER (WHERE ${done} AND a.completed_at IS NOT NULL)::int AS closed_n,
             percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM a.completed_at - a.created_at)::double precision / 86400)
               FILTER (WHERE ${done} AND a.completed_at IS NOT NULL) AS median_days_to_close
        FROM action_items a
        LEFT JOIN teams t ON t.id = a.team_id
        ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       GROUP BY GROUPING SETS ((), (t.name))
       ORDER BY GROUPING(t.name) DESC, t.name IS NULL, t.name`;
    const rows: Record<string, unknown>[] = await this.dataSource.query(statement, params.values);
    return rows.map((row) => ({
      team: row.overall ? null : (row.team as string),
      total: row.total as number,
      open: row.open as number,
      inProgress: row.in_progress as number,
      overdue: row.overdue as number,
      done: row.done as number,
      doneOnTime: row.done_on_time as number,
      doneLate: row.done_late as number,
      wontDo: row.wont_do as number,
      closedN: row.closed_n as number,
      medianDaysToClose: numberOrNull(row.median_days_to_close),
    }));
  }

  /** Comms-cadence adherence per group of the scope (see commsLateral for the exact rule). */
  async commsHealth(scope: ResolvedScope, now: Date): Promise<CommsHealthRow[]> {
    const params = new SqlParams();
    const sql = scopeSql(scope, params);
    const nowSql = `${params.add(now)}::timestamptz`;
    const judged = `c.verdict = 'judged'`;
    const statement = `
      SELECT ${[
        ...sql.keySelects,
        `count(*) FILTER (WHERE ${judged})::int AS n`,
        `COALESCE(sum(c.open_seconds) FILTER (WHERE ${judged}), 0) AS open_seconds`,
        `COALESCE(sum(c.covered_seconds) FILTER (WHERE ${judged}), 0) AS covered_seconds`,
        `percentile_cont(0.5) WITHIN GROUP (ORDER BY c.share) FILTER (WHERE ${judged}) AS median_share`,
        `count(*) FILTER (WHERE c.verdict = 'no-cadence')::int AS no_cadence`,
        `count(*) FILTER (WHERE c.verdict = 'excluded')::int AS excluded`,
        `count(*) FILTER (WHERE c.verdict = 'order')::int AS "order"`,
      ].join(',\n             ')}
        ${sql.from}
        ${commsLateral(nowSql)}
        ${sql.where}
        ${groupAndOrder(sql.keyExpressions)}`;
    const rows: Record<string, unknown>[] = await this.dataSource.query(statement, params.values);
    return rows.map((row) => ({
      key: rowGroupKey(row, scope.groupBy),
      n: row.n as number,
      openSeconds: Number(row.open_seconds),
      coveredSeconds: Number(row.covered_seconds),
      medianShare: numberOrNull(row.median_share),
      noCadence: row.no_cadence as number,
      excluded: row.excluded as number,
      order: row.order as number,
    }));
  }
}
