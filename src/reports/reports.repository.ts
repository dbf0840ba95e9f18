import { Injectable } from '@nestjs/common';
import type { BusinessCalendar } from '../config/config.js';
import { Database } from '../database/transactions.js';
import { SqlParams } from '../database/sql-params.js';
import { SLA_KINDS_SQL, slaStateSql } from '../metrics/analysis/metrics-analysis.repository.js';
import { calendarArgs } from '../metrics/core/metrics-scope.sql.js';
import type { SlaKind } from '../metrics/core/sla.js';
import { retroLateral } from '../metrics/health/metrics-health.repository.js';
import type { ActionItemReportRow, IncidentReportRow, LeftOut, RetroReportRow, SlaBreachRow, SlaState } from './report-rows.js';

/** Rows read per statement: a month of 50,000 incidents is read in pages, never held at once. */
export const REPORT_PAGE_SIZE = 2_000;

export interface MonthScope {
  from: Date;
  to: Date;
  /** The instant open breaches, overdue items and ages are judged at (the report's generation time). */
  now: Date;
}

/**
 * The SLA state of each kind of incident `v` (peak severity `ps`), as GET /metrics/sla judges it: the metrics'
 * own SQL (SLA_KINDS_SQL, slaStateSql), one JSON object per incident.
 */
const slaObject = (now: string) => `(SELECT jsonb_object_agg(k.kind, st.state) FROM (SELECT 1) one ${SLA_KINDS_SQL} ${slaStateSql(now)})`;

const num = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));

/**
 * The SQL of the monthly report's list sheets: every incident of a month with its milestones, intervals,
 * SLA states, retro status and data-quality flags; SLA breaches; action items; retrospectives. Long lists
 * are read in keyset pages (async iterables), so a large month streams through the workbook writer. The
 * figures themselves come from the metrics services, not from here.
 *
 * Lists of text (an incident's services, a retrospective's attendees and answers) are read as JSON arrays: pg
 * parses json with JSON.parse, where a text[] goes through postgres-array character by character (at 50,000
 * incidents, hundreds of MB of short-lived strings).
 */
@Injectable()
export class ReportsRepository {
  constructor(private readonly db: Database) {}

  /** Every incident that started in [from, to), oldest first, page by page. */
  async *incidents(scope: MonthScope): AsyncGenerator<IncidentReportRow> {
    let after: { startedAt: Date; id: string } | null = null;
    for (;;) {
      const params = new SqlParams();
      const now = `${params.add(scope.now)}::timestamptz`;
      const where = [`v.started_at >= ${params.add(scope.from)}`, `v.started_at < ${params.add(scope.to)}`];
      if (after) where.push(`(v.started_at, v.id) > (${params.add(after.startedAt)}::timestamptz, ${params.add(after.id)}::uuid)`);
      const rows: Record<string, unknown>[] = await this.db.query(
        `SELECT v.id, v.key, i.title, ps.key AS severity, cs.key AS current_severity, t.name AS team, v.source,
                COALESCE((SELECT json_agg(sv.name ORDER BY sv.name) FROM incident_services x JOIN services sv ON sv.id = x.service_id WHERE x.incident_id = v.id), '[]') AS services,
                v.started_at, v.detected_at, v.acknowledged_at, v.investigating_at, v.identified_at, v.mitigated_at, v.resolved_at, v.retro_prep_at, v.retro_done_at,
                v.ttd_seconds, v.tta_seconds, v.tte_seconds, v.ttm_seconds, v.ttr_seconds, v.tt_retro_seconds,
                v.ttd_excluded_reason, v.tta_excluded_reason, v.tte_excluded_reason, v.ttm_excluded_reason, v.ttr_excluded_reason, v.tt_retro_excluded_reason,
                ${slaObject(now)} AS sla, COALESCE(rs.status, 'none') AS retro_status,
                v.excluded_from_metrics, i.exclusion_reason, v.order_violation
           FROM incident_metric_intervals v
           JOIN incidents i ON i.id = v.id
           JOIN severity_levels ps ON ps.id = v.peak_severity_id
           JOIN severity_levels cs ON cs.id = v.severity_id
           LEFT JOIN teams t ON t.id = v.owning_team_id
           LEFT JOIN retrospectives rs ON rs.incident_id = v.id
          WHERE ${where.join(' AND ')}
          ORDER BY v.started_at, v.id
          LIMIT ${params.add(REPORT_PAGE_SIZE)}`,
        params.values,
      );
      for (const row of rows) yield toIncidentRow(row);
      if (rows.length < REPORT_PAGE_SIZE) return;
      const last = rows[rows.length - 1];
      after = { startedAt: last.started_at as Date, id: last.id as string };
    }
  }

  /** SLA targets breached (or open past their deadline) by incidents of the month, in incident then kind order. */
  async *slaBreaches(scope: MonthScope): AsyncGenerator<SlaBreachRow> {
    let after: { startedAt: Date; id: string; position: number } | null = null;
    for (;;) {
      const params = new SqlParams();
      const now = `${params.add(scope.now)}::timestamptz`;
      const where = [`v.started_at >= ${params.add(scope.from)}`, `v.started_at < ${params.add(scope.to)}`, `st.state IN ('breached', 'open')`];
      if (after) {
        where.push(`(v.started_at, v.id, k.position) > (${params.add(after.startedAt)}::timestamptz, ${params.add(after.id)}::uuid, ${params.add(after.position)}::int)`);
      }
      const rows: Record<string, unknown>[] = await this.db.query(
        `SELECT v.id, v.started_at, k.position, v.key, i.title, ps.key AS severity, t.name AS team, k.kind, st.state, k.target AS target_seconds,
                k.seconds AS actual_seconds, k.start_at + k.target * interval '1 second' AS deadline,
                CASE WHEN st.state = 'open' THEN extract(epoch FROM ${now} - (k.start_at + k.target * interval '1 second'))::double precision
                     ELSE k.seconds - k.target END AS over_by_seconds
           FROM incident_metric_intervals v
           JOIN incidents i ON i.id = v.id
           JOIN severity_levels ps ON ps.id = v.peak_severity_id
           LEFT JOIN teams t ON t.id = v.owning_team_id
           ${SLA_KINDS_SQL} ${slaStateSql(now)}
          WHERE ${where.join(' AND ')}
          ORDER BY v.started_at, v.id, k.position
          LIMIT ${params.add(REPORT_PAGE_SIZE)}`,
        params.values,
      );
      for (const row of rows) {
        yield {
          key: row.key as string,
          title: row.title as string,
          severity: row.severity as string,
          team: row.team as string | null,
          kind: row.kind as SlaKind,
          state: row.state as 'breached' | 'open',
          targetSeconds: Number(row.target_seconds),
          actualSeconds: num(row.actual_seconds),
          deadline: row.deadline as Date,
          overBySeconds: Number(row.over_by_seconds),
        };
      }
      if (rows.length < REPORT_PAGE_SIZE) return;
      const last = rows[rows.length - 1];
      after = { startedAt: last.started_at as Date, id: last.id as string, position: Number(last.position) };
    }
  }

  /**
   * Action items still open or in progress at `now` (any month: the backlog leadership looks at), oldest first,
   * or those done in [from, to) when `done` is set. `today` (YYYY-MM-DD in the report's zone) decides overdue.
   */
  async *actionItems(scope: MonthScope & { today: string; done: boolean }): AsyncGenerator<ActionItemReportRow> {
    let after: { createdAt: Date; id: string } | null = null;
    for (;;) {
      const params = new SqlParams();
      const now = `${params.add(scope.now)}::timestamptz`;
      const today = `${params.add(scope.today)}::date`;
      const where = scope.done
        ? [`a.status = 'done'`, `a.completed_at >= ${params.add(scope.from)}`, `a.completed_at < ${params.add(scope.to)}`]
        : [`a.status IN ('open', 'in_progress')`, `a.created_at <= ${now}`];
      if (after) where.push(`(a.created_at, a.id) > (${params.add(after.createdAt)}::timestamptz, ${params.add(after.id)}::uuid)`);
      const rows: Record<string, unknown>[] = await this.db.query(
        `SELECT a.id, i.key AS incident_key, a.title, a.owner, t.name AS team, a.priority, a.status, to_char(a.due_date, 'YYYY-MM-DD') AS due_date,
                a.created_at, a.completed_at, a.external_url,
                floor(extract(epoch FROM COALESCE(a.completed_at, ${now}) - a.created_at) / 86400)::int AS age_days,
                (a.status IN ('open', 'in_progress') AND a.due_date < ${today}) AS overdue
           FROM action_items a
           JOIN incidents i ON i.id = a.incident_id
           LEFT JOIN teams t ON t.id = a.team_id
          WHERE ${where.join(' AND ')}
          ORDER BY a.created_at, a.id
          LIMIT ${params.add(REPORT_PAGE_SIZE)}`,
        params.values,
      );
      for (const row of rows) {
        yield {
          incidentKey: row.incident_key as string,
          title: row.title as string,
          owner: row.owner as string | null,
          team: row.team as string | null,
          priority: row.priority as string,
          status: row.status as string,
          dueDate: row.due_date as string | null,
          createdAt: row.created_at as Date,
          completedAt: row.completed_at as Date | null,
          ageDays: Math.max(0, Number(row.age_days)),
          overdue: row.overdue as boolean,
          externalUrl: row.external_url as string | null,
        };
      }
      if (rows.length < REPORT_PAGE_SIZE) return;
      const last = rows[rows.length - 1];
      after = { createdAt: last.created_at as Date, id: last.id as string };
    }
  }

  /** Action items done with a completion in [from, to). */
  async countDoneBetween(from: Date, to: Date): Promise<number> {
    const [row]: { count: number }[] = await this.db.query(
      `SELECT count(*)::int AS count FROM action_items WHERE status = 'done' AND completed_at >= $1 AND completed_at < $2`,
      [from, to],
    );
    return row.count;
  }

  /**
   * Resolved incidents of the month and any with a retrospective, with the retro's timing judged as GET
   * /metrics/retros judges it (the metrics' own SQL, retroLateral), oldest first.
   */
  async *retrospectives(scope: MonthScope, calendar: BusinessCalendar): AsyncGenerator<RetroReportRow> {
    let after: { startedAt: Date; id: string } | null = null;
    for (;;) {
      const params = new SqlParams();
      const now = `${params.add(scope.now)}::timestamptz`;
      const where = [`v.started_at >= ${params.add(scope.from)}`, `v.started_at < ${params.add(scope.to)}`, `(v.resolved_at IS NOT NULL OR rs.id IS NOT NULL)`];
      if (after) where.push(`(v.started_at, v.id) > (${params.add(after.startedAt)}::timestamptz, ${params.add(after.id)}::uuid)`);
      const lateral = retroLateral(now, calendarArgs(calendar, params));
      const rows: Record<string, unknown>[] = await this.db.query(
        `SELECT v.id, v.started_at, v.key, i.title, ps.key AS severity, t.name AS team, v.resolved_at,
                COALESCE(rs.status, 'none') AS status, COALESCE(v.retro_done_at, rs.held_at) AS held_at,
                CASE WHEN v.resolved_at IS NULL THEN NULL ELSE COALESCE(r.timing, r.backlog) END AS timing,
                ps.retro_due_business_hours, v.retro_business_seconds, rs.facilitator, COALESCE(to_json(rs.attendees), '[]') AS attendees,
                COALESCE((SELECT json_agg(an.answer ORDER BY an.question_key) FROM retro_answers an WHERE an.retrospective_id = rs.id), '[]') AS answers,
                (SELECT count(*)::int FROM action_items a WHERE a.incident_id = v.id) AS action_items
           FROM incident_metric_intervals v
           JOIN incidents i ON i.id = v.id
           JOIN severity_levels ps ON ps.id = v.peak_severity_id
           LEFT JOIN teams t ON t.id = v.owning_team_id
           LEFT JOIN retrospectives rs ON rs.incident_id = v.id
           ${lateral}
          WHERE ${where.join(' AND ')}
          ORDER BY v.started_at, v.id
          LIMIT ${params.add(REPORT_PAGE_SIZE)}`,
        params.values,
      );
      for (const row of rows) {
        yield {
          key: row.key as string,
          title: row.title as string,
          severity: row.severity as string,
          team: row.team as string | null,
          resolvedAt: row.resolved_at as Date | null,
          status: row.status as RetroReportRow['status'],
          heldAt: row.held_at as Date | null,
          timing: row.timing as string | null,
          dueBusinessHours: num(row.retro_due_business_hours),
          businessSeconds: num(row.retro_business_seconds),
          facilitator: row.facilitator as string | null,
          attendees: row.attendees as string[],
          answers: row.answers as string[],
          actionItems: row.action_items as number,
        };
      }
      if (rows.length < REPORT_PAGE_SIZE) return;
      const last = rows[rows.length - 1];
      after = { startedAt: last.started_at as Date, id: last.id as string };
    }
  }

  /** This month's time to resolve of every incident measured, seconds (the histogram's values). */
  async ttrSeconds(from: Date, to: Date): Promise<number[]> {
    const rows: { s: number }[] = await this.db.query(
      `SELECT ttr_seconds::double precision AS s FROM incident_metric_intervals WHERE started_at >= $1 AND started_at < $2 AND ttr_seconds IS NOT NULL`,
      [from, to],
    );
    return rows.map((row) => row.s);
  }

  /** The latest write to the data the report shows; null when there is none. */
  async dataLastChangedAt(): Promise<Date | null> {
    const [row]: { at: Date | null }[] = await this.db.query(
      `SELECT GREATEST((SELECT max(updated_at) FROM incidents), (SELECT max(updated_at) FROM timeline_entries), (SELECT max(updated_at) FROM retrospectives),
                       (SELECT max(updated_at) FROM action_items), (SELECT max(updated_at) FROM severity_levels)) AS at`,
    );
    return row.at;
  }

  /**
   * The incidents that started in [from, to), by key: when each last changed (the incident row, or any audit
   * event on it: its timeline, retrospective, action items). A report stores this so that a later version can
   * say which incidents were added, removed or changed between the two.
   */
  async incidentStamps(from: Date, to: Date): Promise<Record<string, string>> {
    const rows: { key: string; at: Date }[] = await this.db.query(
      `SELECT i.key, GREATEST(i.updated_at, (SELECT max(e.occurred_at) FROM audit_events e WHERE e.incident_id = i.id)) AS at
         FROM incidents i WHERE i.started_at >= $1 AND i.started_at < $2 ORDER BY i.key`,
      [from, to],
    );
    return Object.fromEntries(rows.map((row) => [row.key, row.at.toISOString()]));
  }
}

function toIncidentRow(row: Record<string, unknown>): IncidentReportRow {
  const sla = (row.sla ?? {}) as Record<SlaKind, SlaState>;
  return {
    id: row.id as string,
    key: row.key as string,
    title: row.title as string,
    severity: row.severity as string,
    currentSeverity: row.current_severity as string,
    services: row.services as string[],
    team: row.team as string | null,
    source: row.source as string,
    startedAt: row.started_at as Date,
    detectedAt: row.detected_at as Date | null,
    acknowledgedAt: row.acknowledged_at as Date | null,
    investigatingAt: row.investigating_at as Date | null,
    identifiedAt: row.identified_at as Date | null,
    mitigatedAt: row.mitigated_at as Date | null,
    resolvedAt: row.resolved_at as Date | null,
    retroPrepAt: row.retro_prep_at as Date | null,
    retroDoneAt: row.retro_done_at as Date | null,
    ttd: num(row.ttd_seconds),
    tta: num(row.tta_seconds),
    tte: num(row.tte_seconds),
    ttm: num(row.ttm_seconds),
    ttr: num(row.ttr_seconds),
    ttRetro: num(row.tt_retro_seconds),
    leftOut: {
      ttd: row.ttd_excluded_reason as LeftOut,
      tta: row.tta_excluded_reason as LeftOut,
      tte: row.tte_excluded_reason as LeftOut,
      ttm: row.ttm_excluded_reason as LeftOut,
      ttr: row.ttr_excluded_reason as LeftOut,
      ttRetro: row.tt_retro_excluded_reason as LeftOut,
    },
    sla: { ack: sla.ack, mitigate: sla.mitigate, resolve: sla.resolve },
    retroStatus: row.retro_status as IncidentReportRow['retroStatus'],
    excludedFromMetrics: row.excluded_from_metrics as boolean,
    exclusionReason: row.exclusion_reason as string | null,
    orderViolation: row.order_violation as boolean,
  };
}
