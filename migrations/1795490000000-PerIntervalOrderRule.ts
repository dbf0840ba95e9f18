import type { MigrationInterface, QueryRunner } from 'typeorm';
import { STORED_METRIC_SECONDS_FUNCTION, STORED_METRIC_SECONDS_TRIGGER, STORED_METRIC_SECONDS_VIEW } from './1795470000000-StoredMetricSeconds.js';

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

/** The milestones some metric starts or ends at: the only ones the stored seconds depend on. */
const ENDPOINTS = MILESTONES.filter((m) => Object.values(METRICS).some((pair) => pair.includes(m)));

/**
 * Whether any two present milestones are out of lifecycle order: some milestone is before the latest
 * present one ahead of it in the lifecycle (GREATEST skips NULLs; COALESCE makes an absent one false).
 * Equal instants are in order. The same test as outOfOrderPairs(…).length > 0 in
 * src/metrics/core/intervals.ts; `row` prefixes the columns.
 */
function orderViolationTest(row = ''): string {
  const ref = (c: string) => `${row}${c}`;
  return `(${MILESTONES.slice(1)
    .map((column, i) => `COALESCE(GREATEST(${MILESTONES.slice(0, i + 1).map(ref).join(', ')}) > ${ref(column)}, false)`)
    .join('\n         OR ')})`;
}

/** One metric's stored seconds: NULL when excluded, an end is missing, or its own end is before its own start. */
function metricAssignment(metric: string): string {
  const [from, to] = METRICS[metric];
  const value = metric === 'tt_retro' ? 'NEW.retro_business_seconds' : `extract(epoch FROM NEW.${to} - NEW.${from})::double precision`;
  return `NEW.${metric}_seconds := CASE WHEN NEW.excluded_from_metrics OR NEW.${from} IS NULL OR NEW.${to} IS NULL OR NEW.${to} < NEW.${from} THEN NULL
                                     ELSE ${value} END;`;
}

const FUNCTION = `
      CREATE OR REPLACE FUNCTION hindsight_incident_metric_seconds() RETURNS trigger
      LANGUAGE plpgsql
      AS $fn$
      BEGIN
        ${Object.keys(METRICS).map(metricAssignment).join('\n        ')}
        RETURN NEW;
      END
      $fn$`;

/** Fires on the metrics' own milestones only: identified_at and retro_prep_at no longer change any stored value. */
const TRIGGER = `
      CREATE TRIGGER incidents_2_metric_seconds
      BEFORE INSERT OR UPDATE OF ${[...ENDPOINTS, 'excluded_from_metrics', 'retro_business_seconds', ...METRIC_COLUMNS].join(', ')} ON incidents
      FOR EACH ROW EXECUTE FUNCTION hindsight_incident_metric_seconds()`;

/**
 * incident_metric_intervals without the per-milestone suspect flags: the columns StoredMetricSeconds gave it
 * up to order_violation (now: some pair of present milestones is out of order, for data quality), then each
 * metric's stored seconds and its reason: excluded, else missing (an end is NULL), else order (the stored
 * value is NULL for no other reason: its end is before its start).
 */
const VIEW = `
      CREATE VIEW incident_metric_intervals AS
      SELECT id, key, started_at, severity_id, peak_severity_id, owning_team_id, source, tags, excluded_from_metrics,
             ${MILESTONES.filter((m) => m !== 'started_at').join(', ')},
             ${orderViolationTest()} AS order_violation,
             ${Object.entries(METRICS)
               .map(([metric, [from, to]]) => [
                 ...(metric === 'tt_retro' ? ['retro_business_seconds'] : []),
                 `${metric}_seconds`,
                 `CASE WHEN excluded_from_metrics THEN 'excluded' WHEN ${from} IS NULL OR ${to} IS NULL THEN 'missing'
                  WHEN ${metric}_seconds IS NULL THEN 'order' END AS ${metric}_excluded_reason`,
               ].join(',\n             '))
               .join(',\n             ')}
        FROM incidents`;

/**
 * Recomputes the stored seconds of every incident the rules can disagree on: only an incident with an
 * out-of-order pair can be measured differently (both rules agree when every milestone is in order).
 * Writing one stored column fires incidents_2_metric_seconds, which recomputes all six; the business
 * seconds (the costly function, trigger 1) are not touched.
 */
const RECOMPUTE = `UPDATE incidents SET ttd_seconds = NULL WHERE ${orderViolationTest()}`;

/**
 * Issue 11, SPEC §2: "only where both ends exist and are in order (each interval is judged by its own two
 * ends alone …)". Each stored metric is now left out for `order` only when its own end is before its own
 * start; StoredMetricSeconds left it out when either end was out of order with any other milestone (a
 * "suspect" milestone), so an incident posted after it ended (detected after mitigated) lost its time to
 * mitigate and to resolve.
 *
 * - The trigger function judges each metric by its own ends; the trigger fires on those milestones only.
 * - The view drops the nine `*_suspect` columns (nothing distrusts a milestone any more); `order_violation`
 *   stays, true when any pair of present milestones is out of order: data quality lists those incidents
 *   with every pair (src/metrics/analysis), whether or not a metric is left out.
 * - Existing incidents with an out-of-order pair get their stored seconds recomputed.
 *
 * `down` restores StoredMetricSeconds' function, trigger and view and recomputes the same incidents.
 * TypeORM ignores views, functions and triggers: `migration:generate` sees no change.
 */
export class PerIntervalOrderRule1795490000000 implements MigrationInterface {
  name = 'PerIntervalOrderRule1795490000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP VIEW incident_metric_intervals`);
    await queryRunner.query(`DROP TRIGGER incidents_2_metric_seconds ON incidents`);
    await queryRunner.query(FUNCTION);
    await queryRunner.query(TRIGGER);
    await queryRunner.query(RECOMPUTE);
    await queryRunner.query(VIEW);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP VIEW incident_metric_intervals`);
    await queryRunner.query(`DROP TRIGGER incidents_2_metric_seconds ON incidents`);
    await queryRunner.query(STORED_METRIC_SECONDS_FUNCTION);
    await queryRunner.query(STORED_METRIC_SECONDS_TRIGGER);
    await queryRunner.query(RECOMPUTE);
    await queryRunner.query(STORED_METRIC_SECONDS_VIEW);
  }
}
