import { emptyPeriodGroup, type MetricsGroup, type SummaryReport } from '../metrics/summary/metrics-summary.results.js';
import { toActionItemHealth, toCommsHealthGroup, toRetroHealthGroup } from '../metrics/health/metrics-health.results.js';
import type { ChangesReport, DataQualitySummary, SlaGroup, SlaKindCounts, SlaReport } from '../metrics/analysis/metrics-analysis.results.js';
import { DEFAULT_BUSINESS_CALENDAR } from '../config/config.js';
import { compareDurations } from '../metrics/core/change-over-time.js';
import { INTERVAL_METRIC_KEYS } from '../metrics/core/intervals.js';
import { toMonthlyReportFigures, type FigureSources, type PeriodSources } from './monthly-report-figures.js';
import { reportMonths, type MonthRange } from './report-month.js';

/** Sources as the metrics services answer them, for October 2026 in UTC: only what each test sets differs from empty. */
const months = reportMonths('2026-10', 'UTC');
const NOW = new Date('2026-11-02T06:00:00Z');
const severities = [{ severity: 'SEV1', name: 'Major' }, { severity: 'SEV2', name: 'Minor' }];

const group = (key: MetricsGroup['key'], incidents: number, ttr?: Partial<MetricsGroup['metrics']['ttr']>): MetricsGroup => {
  const empty = emptyPeriodGroup({ period: '', periodStart: new Date(0) });
  return { key, incidents, metrics: { ...empty.metrics, ttr: { ...empty.metrics.ttr, ...ttr } } };
};
const summary = (groups: MetricsGroup[]): SummaryReport => ({ timeZone: 'UTC', from: months.current.from, to: months.current.to, groupBy: [], groups });
const kind = (breached: number, met: number, open = 0): SlaKindCounts => ({
  breached, met, n: breached + met, breachRate: breached + met ? breached / (breached + met) : null, open, pending: 0, notEvaluated: { noTarget: 0, excluded: 0, missing: 0, order: 0 },
});
const slaGroup = (key: SlaGroup['key'], mitigate: SlaKindCounts): SlaGroup => ({ key, incidents: mitigate.n, sla: { ack: kind(0, 0), mitigate, resolve: kind(0, 0) } });
const sla = (groups: SlaGroup[]): SlaReport => ({ now: NOW, groups, openBreaches: [], openBreachesTotal: 0 });
const quality = (excluded: number): DataQualitySummary => ({ incidents: 0, excluded, order: 0, missing: 0, outOfOrder: 0, byMetric: {} as DataQualitySummary['byMetric'] });
const items = { total: 0, open: 0, inProgress: 0, overdue: 0, done: 0, doneOnTime: 0, doneLate: 0, wontDo: 0, closedN: 0, medianDaysToClose: null };
const retro = { key: {}, resolved: 0, excluded: 0, withRetro: 0, onTime: 0, late: 0, timingNoTarget: 0, timingOrder: 0, overdue: 0, notYetDue: 0, backlogNoTarget: 0, backlogOrder: 0 };

function period(range: MonthRange, overrides: Partial<PeriodSources> = {}): PeriodSources {
  const echo = { timeZone: 'UTC', from: range.from, to: range.to, groupBy: [], now: NOW };
  return {
    range,
    summary: summary([group({}, 0)]),
    summaryBySeverity: summary([]),
    sla: sla([slaGroup({}, kind(0, 0))]),
    slaBySeverity: sla([]),
    retros: { ...echo, groups: [toRetroHealthGroup(retro)], overdue: [] },
    comms: { ...echo, groups: [toCommsHealthGroup({ key: {}, n: 0, openSeconds: 0, coveredSeconds: 0, medianShare: null, noCadence: 0, excluded: 0, order: 0 })] },
    actionItems: { timeZone: 'UTC', today: '2026-11-02', now: NOW, from: range.from, to: range.to, teams: [], overall: toActionItemHealth({ team: null, ...items }) },
    actionItemsClosedInMonth: 0,
    dataQuality: quality(0),
    ...overrides,
  };
}

function changes(nPrevious: number, nCurrent: number, label: 'improved' | 'no clear change', pValue: number | null): ChangesReport {
  const periods = [months.previous, months.current].map((m, i) => ({
    period: m.month, periodStart: m.from, incidents: i ? nCurrent : nPrevious, n: i ? nCurrent : nPrevious, median: 3600, excluded: { missing: 0, order: 0, excluded: 0 },
    change: i ? { label, test: 'mann-whitney-u' as const, u: 1, pValue, nPrevious, nCurrent, medianPrevious: 7200, medianCurrent: 3600, method: 'exact' as const } : null,
  }));
  return { metric: 'ttr', period: 'month', timeZone: 'UTC', test: 'mann-whitney-u', alpha: 0.05, minSampleSize: 5, method: 'Mann–Whitney U.', groups: [{ key: {}, periods }] };
}

function sources(overrides: Partial<FigureSources> = {}): FigureSources {
  const trendMonths = Array.from({ length: 12 }, (_, i) => `${i < 2 ? 2025 : 2026}-${String(((i + 10) % 12) + 1).padStart(2, '0')}`);
  return {
    months,
    generatedAt: NOW,
    dataLastChangedAt: new Date('2026-11-01T09:00:00Z'),
    current: period(months.current),
    previous: period(months.previous),
    lastYear: period(months.lastYear),
    changes: Object.fromEntries(INTERVAL_METRIC_KEYS.map((metric) => [metric, { ...changes(20, 22, 'no clear change', 0.4), metric }])) as FigureSources['changes'],
    severityTrends: {
      period: 'month', timeZone: 'UTC', total: 0, excluded: 0,
      periods: trendMonths.map((m) => ({ period: m, periodStart: new Date(`${m}-01T00:00:00Z`), total: 0, excluded: 0, severities: severities.map((s) => ({ ...s, incidents: 0, share: null })) })),
    },
    trendSummary: summary([]),
    trendSummaryBySeverity: summary([]),
    trendSla: sla([]),
    ttrSeconds: [],
    yearOverYear: Object.fromEntries(INTERVAL_METRIC_KEYS.map((metric) => [metric, compareDurations([], [])])) as FigureSources['yearOverYear'],
    calendar: DEFAULT_BUSINESS_CALENDAR,
    printedIncidents: {},
    ...overrides,
  };
}

describe('toMonthlyReportFigures', () => {
  it('copies the services\' figures for the month, per severity in rank order, zeros for a level without incidents', () => {
    const current = period(months.current, {
      summary: summary([group({}, 7, { n: 6, median: 5400, p90: 20_000, mean: 8000 })]),
      summaryBySeverity: summary([group({ severity: 'SEV2' }, 7)]),
      sla: sla([slaGroup({}, kind(2, 4, 1))]),
      slaBySeverity: sla([slaGroup({ severity: 'SEV2' }, kind(2, 4, 1))]),
      actionItemsClosedInMonth: 3,
      dataQuality: quality(1),
    });
    const figures = toMonthlyReportFigures(sources({ current }));
    expect(figures).toMatchObject({ month: '2026-10', label: 'October 2026', timeZone: 'UTC', generatedAt: NOW.toISOString(), dataLastChangedAt: '2026-11-01T09:00:00.000Z', severities });
    expect(figures.current).toMatchObject({ incidents: 7, excluded: 1, bySeverity: [{ severity: 'SEV1', incidents: 0 }, { severity: 'SEV2', incidents: 7 }] });
    expect(figures.current.durations.ttr).toEqual({ n: 6, median: 5400, p90: 20_000, mean: 8000 });
    expect(figures.current.sla.mitigate).toEqual({ breached: 2, n: 6, rate: 2 / 6, open: 1 });
    expect(figures.current.slaBySeverity[0].sla.mitigate).toEqual({ breached: 0, n: 0, rate: null, open: 0 });
    expect(figures.current.actionItems.closedInMonth).toBe(3);
  });

  it.each([
    [20, 22, 'improved', 0.01, 'improved'],
    [20, 22, 'no clear change', 0.4, 'no clear change'],
    [4, 22, 'no clear change', 0.2, 'too few incidents to tell'],
    [20, 0, 'no clear change', null, 'too few incidents to tell'],
  ] as const)('labels a change with n = %i and %i, API label %s (p %s), as %s', (nPrevious, nCurrent, label, pValue, verdict) => {
    const figures = toMonthlyReportFigures(sources({ changes: { ...sources().changes, ttr: changes(nPrevious, nCurrent, label, pValue) } }));
    expect(figures.changes.find((c) => c.metric === 'ttr')).toEqual({ metric: 'ttr', label, verdict, nPrevious, nCurrent, pValue, medianPrevious: 7200, medianCurrent: 3600 });
  });

  // The same month last year: compareDurations on the two months' values (what compareRanges answers), labelled as month over month is.
  const minutes = (...values: number[]) => values.map((m) => m * 60);
  it.each([
    ['clearly shorter this year', minutes(50, 60, 70, 80, 90, 100), minutes(5, 6, 7, 8, 9, 10), 'improved', 'improved'],
    ['clearly longer this year', minutes(5, 6, 7, 8, 9, 10), minutes(50, 60, 70, 80, 90, 100), 'regressed', 'regressed'],
    ['interleaved', minutes(5, 20, 35, 50, 65, 80), minutes(10, 25, 40, 55, 70, 85), 'no clear change', 'no clear change'],
    ['four incidents last year', minutes(50, 60, 70, 80), minutes(5, 6, 7, 8, 9, 10), 'no clear change', 'too few incidents to tell'],
    ['none this year', minutes(50, 60, 70, 80, 90), [], 'no clear change', 'too few incidents to tell'],
  ] as const)('labels the year-over-year change (%s) as the change test does: %s, shown as %s', (_, lastYear, current, label, verdict) => {
    const change = compareDurations(lastYear, current);
    const figures = toMonthlyReportFigures(sources({ yearOverYear: { ...sources().yearOverYear, ttm: change } }));
    expect(figures.yearOverYear?.find((c) => c.metric === 'ttm')).toEqual({
      metric: 'ttm', label, verdict, nPrevious: lastYear.length, nCurrent: current.length, pValue: change.pValue, medianPrevious: change.medianPrevious, medianCurrent: change.medianCurrent,
    });
    expect(figures.yearOverYear?.map((c) => c.metric)).toEqual(INTERVAL_METRIC_KEYS);
  });

  it('gives every chart series twelve months, gaps as null and zeros for counts', () => {
    const figures = toMonthlyReportFigures(sources({
      trendSummaryBySeverity: summary([{ ...group({ period: '2026-10', severity: 'SEV1' }, 3, { n: 3, median: 600, p90: 900 }) }]),
      trendSla: sla([slaGroup({ period: '2026-10', severity: 'SEV1' }, kind(1, 2))]),
      ttrSeconds: [600, 700, 90_000],
    }));
    expect(figures.trends.months).toHaveLength(12);
    const sev1 = figures.trends.durations.ttr.bySeverity[0];
    expect(sev1.median).toEqual([...Array(11).fill(null), 600]);
    expect(sev1.n).toEqual([...Array(11).fill(0), 3]);
    expect(figures.trends.incidents[0].counts).toEqual([...Array(11).fill(0), 3]);
    expect(figures.trends.sla.mitigate[0]).toEqual({ severity: 'SEV1', breached: [...Array(11).fill(0), 1], measured: [...Array(11).fill(0), 3] });
    expect(figures.ttrHistogram.counts[0]).toBe(2);
    expect(figures.ttrHistogram.counts.reduce((a, b) => a + b, 0)).toBe(3);
  });
});
