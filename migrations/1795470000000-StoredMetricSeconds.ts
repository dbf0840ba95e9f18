import type { MigrationInterface, QueryRunner } from 'typeorm';
import { MetricIntervalsView1795459215979 } from './1795459215979-MetricIntervalsView.js';

/** Milestone columns in lifecycle order (SPEC §1), as in src/incidents/milestones.ts. */
const MILESTONES = [
  'started_at', 'detected_at', 'acknowledged_at', 'investigating_at', 'identified_at', 'mitigated_at', 'resolved_at', 'retro_prep_at', 'retro_done_at',
];

/** SPEC §2 wall-clock intervals: name → [from, to]. */
const INTERVALS: Record<string, [string, string]> = {
  ttd: ['started_at', 'detected_at'],
  tta: ['detected_at', 'acknowledged_at'],
  tte: ['acknowledged_at', 'investigating_at'],
  ttm: ['started_at', 'mitigated_at'],
  ttr: ['started_at', 'resolved_at'],
};

const suspect = (column: string) => `${column.replace(/_at$/, '')}_suspect`;

/** Suspect flag of a milestone, as in MetricIntervalsView: out of lifecycle order with any other present milestone. */
function suspectColumn(index: number): string {
  const column = MILESTONES[index];
  const earlier = MILESTONES.slice(0, index);
  const later = MILESTONES.slice(index + 1);
  const tests = [
    ...(earlier.length ? [`COALESCE(GREATEST(${earlier.join(', ')}) > ${column}, false)`] : []),
    ...(later.length ? [`COALESCE(LEAST(${later.join(', ')}) < ${column}, false)`] : []),
  ];
  return `(${column} IS NOT NULL AND (${tests.join(' OR ')})) AS ${suspect(column)}`;
}

/** A metric's seconds (`value`) or NULL, and why it is left out: excluded, then missing, then order. */
function metricColumns(name: string, [from, to]: [string, string], value: string): string {
  return [
    `CASE WHEN excluded_from_metrics OR ${from} IS NULL OR ${to} IS NULL OR ${suspect(from)} OR ${suspect(to)} THEN NULL
          ELSE ${value} END AS ${name}_seconds`,
    `CASE WHEN excluded_from_metrics THEN 'excluded' WHEN ${from} IS NULL OR ${to} IS NULL THEN 'missing'
          WHEN ${suspect(from)} OR ${suspect(to)} THEN 'order' END AS ${name}_excluded_reason`,
  ].join(',\n         ');
}

/**
 * incident_metric_intervals as MetricIntervalsView made it, plus time to retro: the stored
 * retro_business_seconds and, under the same exclusion rule as the five intervals, tt_retro_seconds
 * and tt_retro_excluded_reason. New columns come last, so CREATE OR REPLACE keeps the view's identity.
 */
const VIEW = `
      CREATE OR REPLACE VIEW incident_metric_intervals AS
      WITH flagged AS (
        SELECT i.*,
               ${MILESTONES.map((_, index) => suspectColumn(index)).join(',\n               ')}
          FROM incidents i
      )
      SELECT id, key, started_at, severity_id, peak_severity_id, owning_team_id, source, tags, excluded_from_metrics,
             ${MILESTONES.filter((m) => m !== 'started_at').join(', ')},
             ${MILESTONES.map(suspect).join(', ')},
             (${MILESTONES.map(suspect).join(' OR ')}) AS order_violation,
             ${Object.entries(INTERVALS).map(([name, pair]) => metricColumns(name, pair, `extract(epoch FROM ${pair[1]} - ${pair[0]})::double precision`)).join(',\n             ')},
             retro_business_seconds,
             ${metricColumns('tt_retro', ['resolved_at', 'retro_done_at'], 'retro_business_seconds')}
        FROM flagged`;

/** The configuration defaults (src/config/config.ts): Monday–Friday, 09:00–17:00, UTC (REPORT_TIMEZONE's default), no holidays. */
const DEFAULT_CALENDAR = { workingDays: [1, 2, 3, 4, 5], dayStartMinute: 9 * 60, dayEndMinute: 17 * 60, timeZone: 'UTC', holidays: [] as string[] };

/**
 * Time to retro, stored: incidents.retro_business_seconds is hindsight_business_seconds(resolved_at,
 * retro_done_at, <calendar>) whenever both milestones are set (out of order too: the exclusion rule is
 * the view's job), else NULL. So GET /api/v1/metrics reads a column instead of running the plpgsql
 * function once per incident at query time.
 *
 * - business_calendar: exactly one row, the calendar the stored values were computed with. Seeded here
 *   with the configuration defaults; at start-up the service and the CLI compare it with the configured
 *   calendar and, when it differs, store the new one and recompute every incident's value in the same
 *   transaction (src/database/business-calendar.ts).
 * - A BEFORE INSERT OR UPDATE OF resolved_at, retro_done_at, retro_business_seconds trigger keeps the
 *   column right on every write path (API, demo data, imports, raw SQL). A write to the column itself
 *   is recomputed too, so the column cannot be set by hand; the calendar recompute sets it to NULL to
 *   have the trigger fill it in.
 * - The view gains retro_business_seconds, tt_retro_seconds and tt_retro_excluded_reason.
 *
 * TypeORM ignores views, functions, triggers and tables without an entity, so `migration:generate`
 * sees only the new column, which the Incident entity declares.
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
    await queryRunner.query(`ALTER TABLE incidents ADD retro_business_seconds double precision`);
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
      CREATE TRIGGER incidents_retro_business_seconds
      BEFORE INSERT OR UPDATE OF resolved_at, retro_done_at, retro_business_seconds ON incidents
      FOR EACH ROW EXECUTE FUNCTION hindsight_incident_retro_business_seconds()`);
    await queryRunner.query(`UPDATE incidents SET retro_business_seconds = NULL WHERE resolved_at IS NOT NULL AND retro_done_at IS NOT NULL`);
    await queryRunner.query(VIEW);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    // CREATE OR REPLACE cannot drop view columns: drop the view, and make it again as it was once the
    // column is gone (its `i.*` would otherwise take the column in again).
    await queryRunner.query(`DROP VIEW incident_metric_intervals`);
    await queryRunner.query(`DROP TRIGGER incidents_retro_business_seconds ON incidents`);
    await queryRunner.query(`DROP FUNCTION hindsight_incident_retro_business_seconds()`);
    await queryRunner.query(`ALTER TABLE incidents DROP COLUMN retro_business_seconds`);
    await queryRunner.query(`DROP TABLE business_calendar`);
    await new MetricIntervalsView1795459215979().up(queryRunner);
  }
}
