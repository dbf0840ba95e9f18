import { Module, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { InvalidInputError } from '../../src/common/errors.js';
import { CommonModule } from '../../src/common/common.module.js';
import { loadConfig } from '../../src/config/config.js';
import { ConfigModule } from '../../src/config/config.module.js';
import { dataSourceOptions } from '../../src/database/data-source.js';
import { prepareDatabase } from '../../src/database/migrate.js';
import { MetricsAnalysisService } from '../../src/metrics/analysis/metrics-analysis.service.js';
import type { MetricsScope } from '../../src/metrics/core/metrics-scope.js';
import { MetricsHealthService } from '../../src/metrics/health/metrics-health.service.js';
import { MetricsModule } from '../../src/metrics/metrics.module.js';
import { MetricsSummaryService } from '../../src/metrics/summary/metrics-summary.service.js';
import { after } from '../factories/metric-incidents.js';
import { scoped } from '../factories/scoped-metric-incidents.js';
import { FixedClock } from '../support/app.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { insertScopedMetricIncidents } from '../support/scoped-metric-incidents-db.js';

/**
 * The metrics as a report job or the web app reaches them: a Nest application context without HTTP over
 * MetricsModule (plus configuration, clock and database), every public service method called with Date
 * scopes, the typed results checked against hand-computed figures.
 *
 * Business calendar Mon–Fri 09:00–17:00 Europe/Berlin; the default severity levels: SLA targets SEV1 ack
 * 15 min / resolve 24 h, SEV2 ack 30 min / resolve 72 h; comms cadence SEV2 1 h; retros due within 48
 * business hours.
 */
const ENV = { REPORT_TIMEZONE: 'Europe/Berlin', BUSINESS_DAYS: 'Mon,Tue,Wed,Thu,Fri', BUSINESS_HOURS: '09:00-17:00' };
const NOW = new Date('2026-04-15T12:00:00Z');
const at = (iso: string) => new Date(iso);
/** March, April and May 2026 in Berlin. */
const SPRING = { from: at('2026-03-01T00:00:00+01:00'), to: at('2026-06-01T00:00:00+02:00') };

@Module({})
class ReportJobModule {}

describe('metrics in process, without HTTP', () => {
  const config = loadConfig(ENV);
  let db: TestDatabase;
  let context: INestApplicationContext;
  let summary: MetricsSummaryService;
  let analysis: MetricsAnalysisService;
  let health: MetricsHealthService;

  beforeAll(async () => {
    db = await createTestDatabase();
    await prepareDatabase(db.url, config.businessCalendar, () => undefined);
    context = await NestFactory.createApplicationContext(
      {
        module: ReportJobModule,
        imports: [
          ConfigModule.register(config),
          CommonModule.register(new FixedClock(NOW)),
          TypeOrmModule.forRoot({ ...dataSourceOptions(db.url), migrationsRun: false }),
          MetricsModule,
        ],
      },
      { logger: false },
    );
    summary = context.get(MetricsSummaryService);
    analysis = context.get(MetricsAnalysisService);
    health = context.get(MetricsHealthService);

    const [a] = await insertScopedMetricIncidents(db.dataSource, [
      // A: acknowledged 1 min after detection (met), mitigated after 1 h, resolved Mon 2 Mar 12:00 local; no retro.
      scoped(after('2026-03-02T09:00:00Z', { detectedAt: 60, acknowledgedAt: 120, mitigatedAt: 3600, resolvedAt: 7200 }, { severity: 'SEV1' }), { team: 'Payments', services: ['api'] }),
      // B: acknowledged 30 min after detection (SEV1 ack breached), mitigated after 2 h, resolved Tue 10 Mar 13:00 local; no retro.
      scoped(after('2026-03-10T09:00:00Z', { detectedAt: 60, acknowledgedAt: 1860, mitigatedAt: 7200, resolvedAt: 10800 }, { severity: 'SEV1' }), { team: 'Payments', services: ['api'] }),
      // C: never acknowledged nor resolved: open ack and resolve breaches; open for comms since its detection.
      scoped(after('2026-03-20T09:00:00Z', { detectedAt: 300, mitigatedAt: 10800 }, { severity: 'SEV2' }), { team: 'Platform', services: ['db'] }),
      // A game day: counted as an incident, left out of every metric.
      scoped(after('2026-03-25T09:00:00Z', { mitigatedAt: 600 }, { severity: 'SEV3', excludedFromMetrics: true }), { team: 'Payments' }),
    ]);
    const item = `INSERT INTO action_items (incident_id, title, team_id, status, due_date, created_at, completed_at, version)
                  VALUES ($1, 'item', (SELECT id FROM teams WHERE name = 'Payments'), $2, $3, $4, $5, 1)`;
    await db.dataSource.query(item, [a, 'open', '2026-04-01', '2026-03-03T10:00:00Z', null]);
    await db.dataSource.query(item, [a, 'done', '2026-03-20', '2026-03-03T10:00:00Z', '2026-03-19T10:00:00Z']);
  });
  afterAll(async () => {
    await context?.close();
    await db?.close();
  });

  it('gives every service through the one module', () => {
    expect(context.select(MetricsModule).get(MetricsSummaryService)).toBe(summary);
    expect([summary, analysis, health].every(Boolean)).toBe(true);
  });

  describe('MetricsSummaryService.summarize', () => {
    it('summarises a Date scope as distributions with typed keys, filling the months without incidents', async () => {
      const report = await summary.summarize({ ...SPRING, groupBy: [{ kind: 'period', unit: 'month' }] });
      expect(report).toMatchObject({ timeZone: 'Europe/Berlin', from: SPRING.from, to: SPRING.to, groupBy: [{ kind: 'period', unit: 'month' }] });
      expect(report.groups.map((g) => [g.key, g.incidents, g.metrics.ttm.n])).toEqual([
        [{ period: '2026-03', periodStart: at('2026-02-28T23:00:00Z') }, 4, 3],
        [{ period: '2026-04', periodStart: at('2026-03-31T22:00:00Z') }, 0, 0],
        [{ period: '2026-05', periodStart: at('2026-04-30T22:00:00Z') }, 0, 0],
      ]);
      // Time to mitigate: 3600, 7200, 10800 s; the game day left out.
      expect(report.groups[0].metrics.ttm).toEqual({ n: 3, median: 7200, p90: 10080, p95: 10440, mean: 7200, min: 3600, max: 10800, excluded: { missing: 0, order: 0, excluded: 1 } });
      expect(report.groups[1].metrics.ttr).toEqual({ n: 0, median: null, p90: null, p95: null, mean: null, min: null, max: null, excluded: { missing: 0, order: 0, excluded: 0 } });
    });

    it('filters by peak severity and service, and cuts periods in the time zone the scope names', async () => {
      const [sev1] = (await summary.summarize({ ...SPRING, filter: { severities: ['SEV1'], services: ['api'] } })).groups;
      expect(sev1).toMatchObject({ key: {}, incidents: 2, metrics: { tta: { n: 2, median: 930, min: 60, max: 1800 } } });
      const utc = await summary.summarize({ ...SPRING, groupBy: [{ kind: 'period', unit: 'month' }], timeZone: 'UTC' });
      expect(utc.groups.map((g) => g.key.period)).toEqual(['2026-02', '2026-03', '2026-04', '2026-05']);
    });

    it.each<[string, MetricsScope, string, unknown]>([
      ['a range of more than 1000 days by day', { from: at('2000-01-01T00:00:00Z'), to: at('2026-01-01T00:00:00Z'), groupBy: [{ kind: 'period', unit: 'day' }] }, 'groupBy', 'period:day'],
      ['to before from', { from: SPRING.to, to: SPRING.from }, 'to', '2026-02-28T23:00:00.000Z'],
      ['a dimension given twice', { ...SPRING, groupBy: [{ kind: 'team' }, { kind: 'team' }] }, 'groupBy', 'team'],
      ['an unknown time zone', { ...SPRING, timeZone: 'Europe/Atlantis' }, 'timeZone', 'Europe/Atlantis'],
    ])('refuses %s with an InvalidInputError naming the field', async (_what, scope, field, value) => {
      const error = await summary.summarize(scope).then(() => null, (e: unknown) => e);
      expect(error).toBeInstanceOf(InvalidInputError);
      expect({ field: (error as InvalidInputError).field, value: (error as InvalidInputError).value }).toEqual({ field, value });
    });
  });

  describe('MetricsAnalysisService', () => {
    it('sla: breaches per group and the open breaches, judged at the clock', async () => {
      const report = await analysis.sla({ ...SPRING, groupBy: [{ kind: 'severity' }] });
      expect(report.now).toEqual(NOW);
      const [sev1, sev2, sev3] = report.groups;
      expect(sev1).toMatchObject({ key: { severity: 'SEV1' }, incidents: 2, sla: { ack: { breached: 1, met: 1, n: 2, breachRate: 0.5 }, resolve: { breached: 0, met: 2 } } });
      expect(sev2).toMatchObject({ key: { severity: 'SEV2' }, incidents: 1, sla: { ack: { open: 1, n: 0, breachRate: null }, resolve: { open: 1 } } });
      expect(sev3).toMatchObject({ key: { severity: 'SEV3' }, incidents: 1 });
      expect(report.openBreachesTotal).toBe(2);
      expect(report.openBreaches.map((b) => [b.kind, b.severity, b.deadline])).toEqual([
        ['ack', 'SEV2', at('2026-03-20T09:35:00Z')],
        ['resolve', 'SEV2', at('2026-03-23T09:00:00Z')],
      ]);
      expect(report.openBreaches[1].overdueSeconds).toBe((NOW.getTime() - Date.parse('2026-03-23T09:00:00Z')) / 1000);
    });

    it('severityTrends: counts and shares per month, empty months included, the game day apart', async () => {
      const report = await analysis.severityTrends(SPRING, { period: 'month' });
      expect({ total: report.total, excluded: report.excluded }).toEqual({ total: 3, excluded: 1 });
      expect(report.periods.map((p) => [p.period, p.periodStart, p.total, p.severities.map((s) => s.incidents)])).toEqual([
        ['2026-03', at('2026-02-28T23:00:00Z'), 3, [2, 1, 0]],
        ['2026-04', at('2026-03-31T22:00:00Z'), 0, [0, 0, 0]],
        ['2026-05', at('2026-04-30T22:00:00Z'), 0, [0, 0, 0]],
      ]);
      expect(report.periods[0].severities[0]).toEqual({ severity: 'SEV1', name: expect.any(String), incidents: 2, share: 2 / 3 });
      await expect(analysis.severityTrends({ from: at('2000-01-01T00:00:00Z'), to: at('2026-01-01T00:00:00Z') }, { period: 'day' })).rejects.toMatchObject({ field: 'period', value: 'day' });
    });

    it('changes: each month against the previous one, n and medians as numbers', async () => {
      const report = await analysis.changes(SPRING, { metric: 'ttm', period: 'month' });
      expect(report).toMatchObject({ metric: 'ttm', period: 'month', test: 'mann-whitney-u', alpha: 0.05, minSampleSize: 5 });
      const [all] = report.groups;
      expect(all.key).toEqual({});
      expect(all.periods.map((p) => [p.period, p.n, p.median])).toEqual([['2026-03', 3, 7200], ['2026-04', 0, null], ['2026-05', 0, null]]);
      expect(all.periods[0].change).toBeNull();
      expect(all.periods[1].change).toMatchObject({ label: 'no clear change', nPrevious: 3, nCurrent: 0, medianPrevious: 7200 });
      const byTeam = await analysis.changes({ ...SPRING, groupBy: [{ kind: 'team' }] }, { metric: 'tta' });
      expect(byTeam.groups.map((g) => [g.key, g.periods[0].n])).toEqual([[{ team: 'Payments' }, 2], [{ team: 'Platform' }, 0]]);
      await expect(analysis.changes(SPRING, { metric: 'ttx; DROP TABLE incidents' as 'ttm' })).rejects.toMatchObject({ field: 'metric' });
    });

    it('dataQuality: the game day listed; with missing milestones all four, paged by cursor', async () => {
      const plain = await analysis.dataQuality(SPRING);
      expect(plain.items.map((i) => [i.excludedFromMetrics, i.startedAt])).toEqual([[true, at('2026-03-25T09:00:00Z')]]);
      expect(plain).toMatchObject({ total: 1, listedReasons: ['excluded', 'order'], nextCursor: null, summary: { incidents: 4, excluded: 1, order: 0, missing: 3 } });
      const first = await analysis.dataQuality(SPRING, { includeMissing: true, limit: 3 });
      const second = await analysis.dataQuality(SPRING, { includeMissing: true, limit: 3, cursor: first.nextCursor! });
      expect([first.total, first.items.length, second.items.length, second.nextCursor]).toEqual([4, 3, 1, null]);
      expect([...first.items, ...second.items].map((i) => i.startedAt.toISOString().slice(0, 10))).toEqual(['2026-03-25', '2026-03-20', '2026-03-10', '2026-03-02']);
      expect(second.items[0].leftOutOf).toEqual({ tte: 'missing', ttRetro: 'missing' });
    });
  });

  describe('MetricsHealthService', () => {
    it('retros: the two resolved incidents without a retro are overdue, with their business-hours deadlines', async () => {
      const report = await health.retros({ ...SPRING, groupBy: [{ kind: 'team' }] });
      expect(report).toMatchObject({ now: NOW, from: SPRING.from, to: SPRING.to, groupBy: [{ kind: 'team' }] });
      expect(report.groups).toEqual([expect.objectContaining({ key: { team: 'Payments' }, resolved: 2, withRetro: 0, retroShare: 0, withoutRetro: { overdue: 2, notYetDue: 0, noTarget: 0, order: 0 } })]);
      // 48 business hours from Mon 2 Mar 12:00 local: 5 h that day, 5 × 8 h to Mon 9 Mar, 3 h on Tue 10 Mar;
      // from Tue 10 Mar 13:00: 4 h that day, 5 × 8 h to Tue 17 Mar, 4 h on Wed 18 Mar.
      expect(report.overdue.map((o) => [o.resolvedAt, o.dueAt])).toEqual([
        [at('2026-03-02T11:00:00Z'), at('2026-03-10T11:00:00Z')],
        [at('2026-03-10T12:00:00Z'), at('2026-03-18T12:00:00Z')],
      ]);
    });

    it('actionItems: one overdue and one done on time, today in the reporting zone', async () => {
      const report = await health.actionItems({ from: at('2026-03-01T00:00:00Z') });
      expect(report).toMatchObject({ timeZone: 'Europe/Berlin', today: '2026-04-15', now: NOW, from: at('2026-03-01T00:00:00Z'), to: null });
      expect(report.overall).toMatchObject({ total: 2, open: 1, overdue: 1, done: 1, doneOnTime: 1, onTimeShare: 1, closedN: 1, medianDaysToClose: 16 });
      expect(report.teams.map((t) => [t.team, t.total])).toEqual([['Payments', 2]]);
      await expect(health.actionItems({ from: NOW, to: NOW })).rejects.toMatchObject({ field: 'to' });
    });

    it('comms: an unresolved incident is open from its detection to the clock, its first hour covered', async () => {
      const report = await health.comms({ ...SPRING, filter: { teams: ['Platform'] } });
      const openSeconds = (NOW.getTime() - Date.parse('2026-03-20T09:05:00Z')) / 1000;
      expect(report.groups).toEqual([{ key: {}, n: 1, openSeconds, coveredSeconds: 3600, share: 3600 / openSeconds, medianShare: expect.closeTo(3600 / openSeconds, 12), notJudged: { noCadence: 0, excluded: 0, order: 0 } }]);
    });
  });
});
