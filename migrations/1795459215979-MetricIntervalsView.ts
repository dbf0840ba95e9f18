import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Milestone columns in lifecycle order (SPEC §1), as in src/incidents/milestones.ts. */
const MILESTONES = [
  'started_at', 'detected_at', 'acknowledged_at', 'investigating_at', 'identified_at', 'mitigated_at', 'resolved_at', 'retro_prep_at', 'retro_done_at',
];

/** SPEC §2 intervals: name → [from, to]. */
const INTERVALS: Record<string, [string, string]> = {
  ttd: ['started_at', 'detected_at'],
  tta: ['detected_at', 'acknowledged_at'],
  tte: ['acknowledged_at', 'investigating_at'],
  ttm: ['started_at', 'mitigated_at'],
  ttr: ['started_at', 'resolved_at'],
};

const suspect = (column: string) => `${column.replace(/_at$/, '')}_suspect`;

/**
 * A milestone is suspect when it is out of lifecycle order with any other present milestone: some
 * earlier milestone is after it, or some later one before it (GREATEST/LEAST skip NULLs). Mirrors
 * suspectMilestones() in src/metrics/core/intervals.ts.
 */
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

/** Seconds of an interval, or NULL; and why it is left out: excluded, then missing, then order. */
function intervalColumns(name: string, [from, to]: [string, string]): string {
  return [
    `CASE WHEN excluded_from_metrics OR ${from} IS NULL OR ${to} IS NULL OR ${suspect(from)} OR ${suspect(to)} THEN NULL
          ELSE extract(epoch FROM ${to} - ${from})::double precision END AS ${name}_seconds`,
    `CASE WHEN excluded_from_metrics THEN 'excluded' WHEN ${from} IS NULL OR ${to} IS NULL THEN 'missing'
          WHEN ${suspect(from)} OR ${suspect(to)} THEN 'order' END AS ${name}_excluded_reason`,
  ].join(',\n         ');
}

/**
 * incident_metric_intervals: one row per incident with its TTD, TTA, TTE, TTM and TTR in seconds and,
 * where one is left out, the reason — the one SQL statement of the exclusion rule every metric query
 * builds on (tested against the pure reference in test/integration/metric-intervals-view.spec.ts).
 */
export class MetricIntervalsView1795459215979 implements MigrationInterface {
  name = 'MetricIntervalsView1795459215979';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE VIEW incident_metric_intervals AS
      WITH flagged AS (
        SELECT i.*,
               ${MILESTONES.map((_, index) => suspectColumn(index)).join(',\n               ')}
          FROM incidents i
      )
      SELECT id, key, started_at, severity_id, peak_severity_id, owning_team_id, source, tags, excluded_from_metrics,
             ${MILESTONES.filter((m) => m !== 'started_at').join(', ')},
             ${MILESTONES.map(suspect).join(', ')},
             (${MILESTONES.map(suspect).join(' OR ')}) AS order_violation,
             ${Object.entries(INTERVALS).map(([name, pair]) => intervalColumns(name, pair)).join(',\n             ')}
        FROM flagged`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP VIEW incident_metric_intervals`);
  }
}
