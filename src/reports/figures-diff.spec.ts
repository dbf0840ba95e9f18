import { diffFigures, durationText, movedSummaryLine, percentText } from './figures-diff.js';
import type { ChangeFigure, DurationFigure, MonthlyReportFigures, PeriodFigures, RateFigure, TrendSeries } from './monthly-report-figures.js';
import { movedLines, MOVED_FIGURES_SHOWN } from './moved-block.js';

const duration = (n: number, median: number | null, p90: number | null = median): DurationFigure => ({ n, median, p90, mean: median });
const rate = (breached: number, n: number): RateFigure => ({ breached, n, rate: n ? breached / n : null, open: 0 });
const none = duration(0, null);
const SEVERITIES = ['SEV1', 'SEV2'];

function period(label: string, overrides: Partial<PeriodFigures> = {}): PeriodFigures {
  return {
    month: '2026-10', label, from: '', to: '', incidents: 0, excluded: 0,
    bySeverity: SEVERITIES.map((severity) => ({ severity, incidents: 0 })),
    durations: { ttd: none, tta: none, tte: none, ttm: none, ttr: none, ttRetro: none },
    sla: { ack: rate(0, 0), mitigate: rate(0, 0), resolve: rate(0, 0) },
    slaBySeverity: SEVERITIES.map((severity) => ({ severity, sla: { ack: rate(0, 0), mitigate: rate(0, 0), resolve: rate(0, 0) } })),
    retros: { resolved: 0, withRetro: 0, share: null, judged: 0, onTime: 0, onTimeShare: null, overdue: 0 },
    actionItems: { opened: 0, done: 0, doneOnTime: 0, doneJudged: 0, onTimeShare: null, overdue: 0, closedInMonth: 0 },
    comms: { n: 0, share: null, medianShare: null },
    dataQuality: { missing: 0, order: 0, outOfOrder: 0, byMetric: {} as PeriodFigures['dataQuality']['byMetric'] },
    ...overrides,
  };
}

const series = (last: { median: number | null; p90: number | null; n: number }): TrendSeries => ({
  median: [...Array(11).fill(null), last.median], p90: [...Array(11).fill(null), last.p90], n: [...Array(11).fill(0), last.n],
});
const change = (metric: ChangeFigure['metric'], overrides: Partial<ChangeFigure> = {}): ChangeFigure => ({
  metric, label: 'no clear change', verdict: 'no clear change', nPrevious: 20, nCurrent: 24, pValue: 0.41, medianPrevious: 7_200, medianCurrent: 6_000, ...overrides,
});

/** A snapshot of October 2026; SEV1's TTR for the month as given. */
function figures(current: Partial<PeriodFigures>, options: { sev1Ttr?: { median: number | null; p90: number | null; n: number }; changes?: ChangeFigure[]; printed?: Record<string, string> } = {}): MonthlyReportFigures {
  const empty = series({ median: null, p90: null, n: 0 });
  const trend = (metric: string) => ({
    all: empty,
    bySeverity: SEVERITIES.map((severity) => ({ severity, ...(metric === 'ttr' && severity === 'SEV1' && options.sev1Ttr ? series(options.sev1Ttr) : empty) })),
  });
  return {
    kind: 'monthly', month: '2026-10', label: 'October 2026', timeZone: 'UTC', from: '', to: '', generatedAt: '', dataLastChangedAt: null,
    severities: SEVERITIES.map((severity) => ({ severity, name: severity })),
    current: period('October 2026', current), previous: period('September 2026'), lastYear: period('October 2025'),
    changes: options.changes ?? [change('ttr')],
    yearOverYear: [change('ttr')],
    changeTest: { test: 'mann-whitney-u', alpha: 0.05, minSampleSize: 5, method: '' },
    trends: { months: Array.from({ length: 12 }, (_, i) => String(i)), durations: { ttd: trend('ttd'), tta: trend('tta'), ttm: trend('ttm'), ttr: trend('ttr') }, incidents: [], sla: { ack: [], mitigate: [], resolve: [] } },
    ttrHistogram: { buckets: [], counts: [] },
    summary: '',
    printedIncidents: options.printed,
  };
}

describe('durationText and percentText: as the workbook shows [h]:mm and 0.0%', () => {
  it.each([
    [0, '0:00'],
    [59, '0:00'],
    [60, '0:01'],
    [3_599.6, '1:00'],
    [4_320, '1:12'],
    [90_000, '25:00'],
    [null, null],
  ])('%s s reads %s', (seconds, text) => expect(durationText(seconds)).toBe(text));

  it.each([[0.125, '12.5%'], [1 / 3, '33.3%'], [1, '100.0%'], [null, null]])('%s reads %s', (share, text) => expect(percentText(share)).toBe(text));
});

describe('diffFigures', () => {
  it('finds nothing between a snapshot and itself', () => {
    const f = figures({ incidents: 12, durations: { ...period('').durations, ttr: duration(10, 4_320, 9_000) } }, { printed: { 'INC-1': 'a' } });
    expect(diffFigures(f, structuredClone(f))).toEqual({ figures: [], incidents: { added: [], removed: [], changed: [] } });
  });

  it('lists each moved figure in plain words with both printed values, per severity too', () => {
    const before = figures(
      { incidents: 12, bySeverity: [{ severity: 'SEV1', incidents: 3 }, { severity: 'SEV2', incidents: 9 }], durations: { ...period('').durations, ttr: duration(10, 4_320, 9_000) }, sla: { ack: rate(0, 0), mitigate: rate(1, 8), resolve: rate(0, 0) } },
      { sev1Ttr: { median: 11_100, p90: 20_000, n: 3 } },
    );
    const after = figures(
      { incidents: 13, bySeverity: [{ severity: 'SEV1', incidents: 4 }, { severity: 'SEV2', incidents: 9 }], durations: { ...period('').durations, ttr: duration(11, 4_320, 9_000) }, sla: { ack: rate(0, 0), mitigate: rate(2, 9), resolve: rate(0, 0) } },
      { sev1Ttr: { median: 9_660, p90: 20_000, n: 4 }, changes: [change('ttr', { label: 'improved', verdict: 'improved', pValue: 0.012 })] },
    );
    expect(diffFigures(before, after).figures).toEqual([
      { figure: 'Incidents', previous: '12', current: '13' },
      { figure: 'Incidents, SEV1', previous: '3', current: '4' },
      { figure: 'TTR median', previous: '1:12 (n = 10)', current: '1:12 (n = 11)' },
      { figure: 'TTR p90', previous: '2:30 (n = 10)', current: '2:30 (n = 11)' },
      { figure: 'TTR median, SEV1', previous: '3:05 (n = 3)', current: '2:41 (n = 4)' },
      { figure: 'TTR p90, SEV1', previous: '5:33 (n = 3)', current: '5:33 (n = 4)' },
      { figure: 'SLA breach rate, time to mitigate', previous: '12.5% (1 of 8)', current: '22.2% (2 of 9)' },
      { figure: 'TTR change vs September 2026', previous: 'no clear change (p = 0.410)', current: 'improved (p = 0.012)' },
    ]);
  });

  it('does not call a figure moved when it prints the same (a rate moving within 0.05 %)', () => {
    const before = figures({ sla: { ack: rate(0, 0), mitigate: rate(1000, 8000), resolve: rate(0, 0) } });
    const after = figures({ sla: { ack: rate(0, 0), mitigate: { ...rate(1000, 8000), rate: 0.12501 }, resolve: rate(0, 0) } });
    expect(diffFigures(before, after).figures).toEqual([]);
  });

  it('says which incidents were added, removed and changed, by key in key order', () => {
    const before = figures({}, { printed: { 'INC-2': '2026-10-02T00:00:00.000Z', 'INC-10': '2026-10-03T00:00:00.000Z', 'INC-3': '2026-10-04T00:00:00.000Z' } });
    const after = figures({}, { printed: { 'INC-2': '2026-10-02T00:00:00.000Z', 'INC-10': '2026-11-20T00:00:00.000Z', 'INC-11': '2026-11-20T00:00:00.000Z', 'INC-9': '2026-11-20T00:00:00.000Z' } });
    expect(diffFigures(before, after).incidents).toEqual({ added: ['INC-9', 'INC-11'], removed: ['INC-3'], changed: ['INC-10'] });
  });

  it('cannot compare incidents with a version that did not record them, and names the figures it did not print', () => {
    const old = { ...figures({}), printedIncidents: undefined, yearOverYear: undefined };
    const diff = diffFigures(old, figures({}, { printed: {} }));
    expect(diff.incidents).toBeNull();
    expect(diff.figures).toEqual([{ figure: 'TTR change vs October 2025', previous: null, current: 'no clear change (p = 0.410)' }]);
  });
});

describe('the Summary block and the command line line', () => {
  it('shows at most MOVED_FIGURES_SHOWN figures and counts the rest; names incidents', () => {
    const moved = Array.from({ length: MOVED_FIGURES_SHOWN + 2 }, (_, i) => ({ figure: `F${i}`, previous: '1', current: '2' }));
    const lines = movedLines(1, { figures: moved, incidents: { added: ['INC-9'], removed: [], changed: ['INC-1', 'INC-2'] } });
    expect(lines[0]).toEqual({ kind: 'section', text: 'Changed since version 1' });
    expect(lines.filter((l) => l.kind === 'figure')).toHaveLength(MOVED_FIGURES_SHOWN);
    expect(lines.at(-2)).toEqual({ kind: 'note', text: '… and 2 more figures (GET /api/v1/reports/{id} lists them all in movedSincePrevious).' });
    expect(lines.at(-1)).toEqual({ kind: 'note', text: 'Incidents of the month: 1 added (INC-9); 2 changed (INC-1, INC-2).' });
  });

  it('says when nothing moved', () => {
    expect(movedLines(2, { figures: [], incidents: { added: [], removed: [], changed: [] } })).toEqual([
      { kind: 'section', text: 'Changed since version 2' },
      { kind: 'note', text: 'No figure of the month moved since version 2.' },
      { kind: 'note', text: 'Incidents of the month: none added, removed or changed.' },
    ]);
  });

  it('summarises in one line', () => {
    const diff = { figures: [{ figure: 'Incidents', previous: '12', current: '13' }], incidents: { added: ['INC-9'], removed: [], changed: [] } };
    expect(movedSummaryLine(1, diff)).toBe('Since version 1: 1 figure moved (Incidents 12 → 13); incidents 1 added, 0 removed, 0 changed');
  });
});
