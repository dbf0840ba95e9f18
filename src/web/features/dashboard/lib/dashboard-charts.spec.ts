import { breachRateData, durationTrendData, formatPValue, formatShare, incidentCountData, latestChange, type Changes, type MetricsResponse, type SeverityLevel, type SeverityTrends, type SlaReport } from './dashboard-charts';

const level = (key: string, rank: number) => ({ key, rank, name: key }) as SeverityLevel;
const LEVELS = [level('SEV2', 2), level('SEV1', 1), level('SEV3', 3)];
const PERIODS = ['2026-01', '2026-02', '2026-03'];
const figure = (median: number, p90: number, n: number) => ({ median, p90, n });

describe('durationTrendData', () => {
  it('puts each severity\'s median, p90 and n on the period grid, gaps where a month has no group, most severe first', () => {
    const grouped = {
      groups: [
        { key: { period: '2026-01', severity: 'SEV2' }, incidents: 3, metrics: { ttr: figure(600, 900, 3) } },
        { key: { period: '2026-03', severity: 'SEV1' }, incidents: 2, metrics: { ttr: figure(1200, 2000, 2) } },
        { key: { period: '2026-01', severity: 'SEV1' }, incidents: 1, metrics: { ttr: figure(60, 60, 1) } },
      ],
    } as unknown as MetricsResponse;
    const data = durationTrendData('ttr', PERIODS, grouped, LEVELS);
    expect(data.periods).toEqual(['Jan 2026', 'Feb 2026', 'Mar 2026']);
    expect(data.series).toEqual([
      { label: 'SEV1', rankIndex: 0, median: [60, null, 1200], p90: [60, null, 2000], n: [1, 0, 2] },
      { label: 'SEV2', rankIndex: 1, median: [600, null, null], p90: [900, null, null], n: [3, 0, 0] },
    ]);
  });
});

describe('incidentCountData and breachRateData', () => {
  it('copies the counts per severity and month', () => {
    const trends = {
      periods: PERIODS.map((period, i) => ({ period, severities: [{ severity: 'SEV1', incidents: i }, { severity: 'SEV3', incidents: 10 + i }] })),
    } as unknown as SeverityTrends;
    expect(incidentCountData(trends, LEVELS).series).toEqual([
      { label: 'SEV1', rankIndex: 0, counts: [0, 1, 2] },
      { label: 'SEV3', rankIndex: 2, counts: [10, 11, 12] },
    ]);
  });

  it('takes breached and n of the asked target', () => {
    const kinds = (breached: number, n: number) => ({ ack: { breached: 0, n: 0 }, mitigate: { breached, n }, resolve: { breached: 0, n: 0 } });
    const sla = { groups: [{ key: { period: '2026-02', severity: 'SEV2' }, sla: kinds(1, 4) }] } as unknown as SlaReport;
    expect(breachRateData('mitigate', PERIODS, sla, LEVELS)).toEqual({
      target: 'time to mitigate', periods: ['Jan 2026', 'Feb 2026', 'Mar 2026'],
      series: [{ label: 'SEV2', rankIndex: 1, breached: [0, 1, 0], measured: [0, 4, 0] }],
    });
  });
});

describe('latestChange', () => {
  const change = (label: string, nPrevious: number, nCurrent: number, pValue: number) => ({ label, nPrevious, nCurrent, pValue });
  const changes = {
    minSampleSize: 5,
    groups: [{
      periods: [
        { period: '2026-01', periodStart: '2026-01-01T00:00:00Z', change: null },
        { period: '2026-02', periodStart: '2026-02-01T00:00:00Z', change: change('improved', 9, 8, 0.01) },
        { period: '2026-03', periodStart: '2026-03-01T00:00:00Z', change: change('regressed', 8, 3, 0.02) },
      ],
    }],
  } as unknown as Changes;

  it.each<[string, object | null]>([
    ['2026-04-02T00:00:00Z', { period: '2026-03', verdict: 'too few incidents to tell', pValue: 0.02, nPrevious: 8, nCurrent: 3 }],
    ['2026-03-15T00:00:00Z', { period: '2026-02', verdict: 'improved', pValue: 0.01, nPrevious: 9, nCurrent: 8 }],
    ['2026-02-15T00:00:00Z', null],
  ])('at %s compares the latest ended month with the one before', (now, expected) => {
    expect(latestChange(changes, '2026-04-01T00:00:00Z', new Date(now))).toEqual(expected);
  });
});


it.each<[number | null, string]>([[0.0123, 'p = 0.012'], [0.0004, 'p < 0.001'], [0.5, 'p = 0.500'], [null, '']])('formatPValue(%p) = %p', (p, text) => {
  expect(formatPValue(p)).toBe(text);
});

it.each<[number | null, string]>([[0.375, '37.5 %'], [0, '0 %'], [1, '100 %'], [null, '–']])('formatShare(%p) = %p', (share, text) => {
  expect(formatShare(share)).toBe(text);
});
