import type { MigrationInterface, QueryRunner } from 'typeorm';
import { MetricIntervalsView1795459215979 } from './1795459215979-MetricIntervalsView.js';

/** Milestone columns in lifecycle order (SPEC §1), as in src/incidents/milestones.ts. */
const MILESTONES = [
  'started_at', 'detected_at', 'acknowledged_at', 'investigating_at', 'identified_at', 'mitigated_at', 'resolved_at', 'retro_prep_at', 'retro_done_at',
];

/** SPEC §2: metric → [from, to] milestones. Time to retro is counted in business seconds, the others in wall-clock seconds. */
const METRICS: Record<string, [string, string]> = {
  ttd: ['started_at', 'detected_at'],
  tta: ['detected_at', 'acknowledged_at'],
  tte: ['acknowledged_at', 'investigating_at'],
  ttm: ['started_at', 'mitigated_at'],
  ttr: ['started_at', 'resolved_at'],
  tt_retro: ['resolved_at', 'retro_done_at'],
};

const METRIC_COLUMNS = Object.keys(METRICS).map((metric) => `${metric}_seconds`);

const suspect = (column: string) => `${column.replace(/_at$/, '')}_suspect`;

/**
 * Whether a milestone is suspect: present and out of lifecycle order with any other present milestone
 * (some earlier one after it, or some later one before it; GREATEST/LEAST skip NULLs). The same test as
 * MetricIntervalsView and suspectMilestones() in src/metrics/core/intervals.ts; `row` prefixes the columns
 * (`NEW.` in the trigger).
 */
function suspectTest(column: string, row = ''): string {
  const index = MILESTONES.indexOf(column);
  const ref = (c: string) => `${row}${c}`;
  const earlier = MILESTONES.slice(0, index).map(ref);
  const later = MILESTONES.slice(index + 1).map(ref);
  const tests = [
    ...(earlier.length ? [`COALESCE(GREATEST(${earlier.join(', ')}) > ${ref(column)}, false)`] : []),
    ...(later.length ? [`COALESCE(LEAST(${later.join(', ')}) < ${ref(column)}, false)`] : []),
  ];
  return `(${ref(column)} IS NOT NULL AND (${tests.join(' OR ')}))`;
}

/** The milestones some metric starts or ends at: the only suspect flags the trigger needs. */
const ENDPOINTS = MILESTONES.filter((m) => Object.values(METRICS).some((pair) => pair.includes(m)));

/** One metric's stored seconds, as the trigger computes them: NULL when excluded, an end is missing, or either end is suspect. */
function metricAssignment(metric: string): string {
  const [from, to] = METRICS[metric];
  const value = metric === 'tt_retro' ? 'NEW.retro_business_seconds' : `extract(epoch FROM NEW.${to} - NEW.${from})::double precision`;
  return `NEW.${metric}_seconds := CASE WHEN NEW.excluded_from_metrics OR NEW.${from} IS NULL OR NEW.${to} IS NULL OR ${suspect(from)} OR ${suspect(to)} THEN NULL
                                     ELSE ${value} END;`;
}

/** The incident columns the view reads. */
const VIEW_INCIDENT_COLUMNS = [
  'id', 'key', 'severity_id', 'peak_severity_id', 'owning_team_id', 'source', 'tags', 'excluded_from_metrics', ...MILESTONES, 'retro_business_seconds', ...METRIC_COLUMNS,
];

/**
 * incident_metric_intervals, same columns as MetricIntervalsView made it, plus retro_business_seconds,
 * tt_retro_seconds and tt_retro_excluded_reason at the end (so CREATE OR REPLACE keeps the view). The six
 * metrics' seconds are the stored columns; a metric's reason is excluded, else missing (an end is NULL),
 * else order (the stored value is NULL for no other reason). The suspect flags and order_violation are
 * still computed here, for the endpoints that list them. Exported so PerIntervalOrderRule can restore it.
 *
 * The CTE names the incident columns it reads (it first read `i.*`, the same view): the view then depends on
 * those only, so PerIntervalOrderRule's `down` can restore it after Imports added columns and Imports can
 * still be reverted.
 */
export const STORED_METRIC_SECONDS_VIEW = `
      CREATE OR REPLACE VIEW incident_metric_intervals AS
      WITH flagged AS (
        SELECT ${VIEW_INCIDENT_COLUMNS.join(', ')},
               ${MILESTONES.map((m) => `${suspectTest(m)} AS ${suspect(m)}`).join(',\n               ')}
          FROM incidents i
      )
      SELECT id, key, started_at, severity_id, peak_severity_id, owning_team_id, source, tags, excluded_from_metrics,
             ${MILESTONES.filter((m) => m !== 'started_at').join(', ')},
             ${MILESTONES.map(suspect).join(', ')},
             (${MILESTONES.map(suspect).join(' OR ')}) AS order_violation,
             ${Object.entries(METRICS)
               .map(([metric, [from, to]]) => [
                 ...(metric === 'tt_retro' ? ['retro_business_seconds'] : []),
                 `${metric}_seconds`,
                 `CASE WHEN excluded_from_metrics THEN 'excluded' WHEN ${from} IS NULL OR ${to} IS NULL THEN 'missing'
                  WHEN ${metric}_seconds IS NULL THEN 'order' END AS ${metric}_excluded_reason`,
               ].join(',\n             '))
               .join(',\n             ')}
        FROM flagged`;

/** The metric-seconds trigger function as this migration makes it (exported so PerIntervalOrderRule can restore it). */
export const STORED_METRIC_SECONDS_FUNCTION = `
      CREATE OR REPLACE FUNCTION hindsight_incident_metric_seconds() RETURNS trigger
      LANGUAGE plpgsql
      AS $fn$
      DECLARE
        ${ENDPOINTS.map((m) => `${suspect(m)} boolean := ${suspectTest(m, 'NEW.')};`).join('\n        ')}
      BEGIN
        ${Object.keys(METRICS).map(metricAssignment).join('\n        ')}
        RETURN NEW;
      END
      $fn$`;

/** Its trigger: on any milestone, the excluded flag, retro_business_seconds or any stored metric column. */
export const STORED_METRIC_SECONDS_TRIGGER = `
      CREATE TRIGGER incidents_2_metric_seconds
      BEFORE INSERT OR UPDATE OF ${[...MILESTONES, 'excluded_from_metrics', 'retro_business_seconds', ...METRIC_COLUMNS].join(', ')} ON incidents
      FOR EACH ROW EXECUTE FUNCTION hindsight_incident_metric_seconds()`;

/** The configuration defaults (src/config/config.ts): Monday–Friday, 09:00–17:00, UTC (REPORT_TIMEZONE's default), no holidays. */
const DEFAULT_CALENDAR = { workingDays: [1, 2, 3, 4, 5], dayStartMinute: 9 * 60, dayEndMinute: 17 * 60, timeZone: 'UTC', holidays: [] as string[] };

/**
 * Every metric's seconds stored with the incident, so GET /api/v1/metrics reads six columns instead of
 * working out, per incident and request, the order rule (two dozen GREATEST/LEAST tests), the interval
 * arithmetic (numeric extract) and time to retro (a plpgsql function running in one process) — about
 * 10 s of the endpoint's 12 s at a million incidents (BENCHMARKS.md).
 *
 * - incidents.retro_business_seconds: hindsight_business_seconds(resolved_at, retro_done_at, <calendar>)
 *   whenever both are set, in either order, else NULL. The calendar is business_calendar's one row,
 *   seeded here with the configuration defaults; at start-up the service and the CLI compare it with the
 *   configured calendar and, when it differs, store the new one and recompute every incident's value in
 *   one transaction (src/database/business-calendar.ts).
 * - incidents.ttd_seconds … ttr_seconds, tt_retro_seconds: each metric's value exactly as the metrics
 *   count it, NULL when the incident is left out of it (excluded from metrics, an end missing, or an end
 *   out of lifecycle order with any other milestone).
 * - Two BEFORE triggers keep them right on every write path (API, demo data, imports, raw SQL). They
 *   fire in name order: incidents_1_retro_business_seconds (on resolved_at, retro_done_at, or the column
 *   itself), then incidents_2_metric_seconds (on any milestone, the excluded flag, or any of the
 *   columns), which reads the first one's result. A write to any of the columns is recomputed, so none
 *   can be set by hand; the calendar recompute sets retro_business_seconds to NULL to have it refilled.
 * - The view reads the stored values (its columns and meaning unchanged) and gains time to retro.
 *
 * TypeORM ignores views, functions, triggers and tables without an entity, so `migration:generate`
 * sees only the new columns, which the Incident entity declares.
 */
export class StoredMetricSeconds1795470000000 implements MigrationInterface {
  name = 'StoredMetricSeconds1795470000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE business_calendar (
        id smallint PRIMARY KEY DEFAULT 1 CHECK (id = 1),
        working_days int[] NOT NULL,
        day_start_minute int NOT NULL,
        day_end_minute int NOT NULL,
        time_zone text NOT NULL,
        holidays date[] NOT NULL
      )`);
    await queryRunner.query(
      `INSERT INTO business_calendar (working_days, day_start_minute, day_end_minute, time_zone, holidays) VALUES ($1::int[], $2, $3, $4, $5::date[])`,
      [DEFAULT_CALENDAR.workingDays, DEFAULT_CALENDAR.dayStartMinute, DEFAULT_CALENDAR.dayEndMinute, DEFAULT_CALENDAR.timeZone, DEFAULT_CALENDAR.holidays],
    );
    await queryRunner.query(`ALTER TABLE incidents ${['retro_business_seconds', ...METRIC_COLUMNS].map((c) => `ADD ${c} double precision`).join(', ')}`);

    await queryRunner.query(`
      CREATE FUNCTION hindsight_incident_retro_business_seconds() RETURNS trigger
      LANGUAGE plpgsql
      AS $fn$
      DECLARE
        c business_calendar%ROWTYPE;
      BEGIN
        IF NEW.resolved_at IS NULL OR NEW.retro_done_at IS NULL THEN
          NEW.retro_business_seconds := NULL;
        ELSE
          SELECT * INTO STRICT c FROM business_calendar;
          NEW.retro_business_seconds := hindsight_business_seconds(NEW.resolved_at, NEW.retro_done_at, c.working_days, c.day_start_minute,
                                                                   c.day_end_minute, c.time_zone, c.holidays);
        END IF;
        RETURN NEW;
      END
      $fn$`);
    await queryRunner.query(`
      CREATE TRIGGER incidents_1_retro_business_seconds
      BEFORE INSERT OR UPDATE OF resolved_at, retro_done_at, retro_business_seconds ON incidents
      FOR EACH ROW EXECUTE FUNCTION hindsight_incident_retro_business_seconds()`);

    await queryRunner.query(STORED_METRIC_SECONDS_FUNCTION);
    await queryRunner.query(STORED_METRIC_SECONDS_TRIGGER);

    // Fills every existing incident: setting retro_business_seconds fires both triggers.
    await queryRunner.query(`UPDATE incidents SET retro_business_seconds = NULL`);
    await queryRunner.query(STORED_METRIC_SECONDS_VIEW);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    // CREATE OR REPLACE cannot drop view columns: drop the view, and make it again as it was once the
    // columns are gone (its `i.*` would otherwise take them in again).
    await queryRunner.query(`DROP VIEW incident_metric_intervals`);
    await queryRunner.query(`DROP TRIGGER incidents_2_metric_seconds ON incidents`);
    await queryRunner.query(`DROP FUNCTION hindsight_incident_metric_seconds()`);
    await queryRunner.query(`DROP TRIGGER incidents_1_retro_business_seconds ON incidents`);
    await queryRunner.query(`DROP FUNCTION hindsight_incident_retro_business_seconds()`);
    await queryRunner.query(`ALTER TABLE incidents ${['retro_business_seconds', ...METRIC_COLUMNS].map((c) => `DROP COLUMN ${c}`).join(', ')}`);
    await queryRunner.query(`DROP TABLE business_calendar`);
    await new MetricIntervalsView1795459215979().up(queryRunner);
  }
}
