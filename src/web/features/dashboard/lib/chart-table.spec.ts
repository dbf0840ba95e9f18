import { DURATION_BUCKETS, durationBucketChart, durationTrendChart, incidentCountChart, startTimeHeatmapChart } from '../../../../charts/chart-definitions';
import { chartTable, chartText, legendItems } from './chart-table';

type Config = Parameters<typeof chartTable>[0];

describe('chartTable', () => {
  it('gives a row per month and a column per series, with the axis unit in the corner', () => {
    const config = incidentCountChart({ periods: ['Jan 2026', 'Feb 2026'], series: [{ label: 'SEV1', rankIndex: 0, counts: [3, 0] }, { label: 'SEV2', rankIndex: 1, counts: [1, 4] }] });
    expect(chartTable(config as unknown as Config)).toEqual({
      corner: 'Month (incidents)',
      columns: ['SEV1', 'SEV2'],
      rows: [{ label: 'Jan 2026', cells: ['3', '1'] }, { label: 'Feb 2026', cells: ['0', '4'] }],
    });
  });

  it('names the rows as asked: the histogram\'s buckets', () => {
    const config = durationBucketChart({ metric: 'ttr', range: 'May', counts: DURATION_BUCKETS.map((_, i) => i) }, { n: 45, median: 60, p90: 120 });
    const table = chartTable(config, 'Time to resolve');
    expect(table.corner).toBe('Time to resolve (incidents)');
    expect(table.rows[3]).toEqual({ label: '1–2 h', cells: ['3'] });
  });

  it('pivots the heatmap: a row per weekday, a column per hour', () => {
    const config = startTimeHeatmapChart({ timeZone: 'UTC', cells: [{ weekday: 2, hour: 5, incidents: 7 }], incidents: 7, outOfHoursShare: 1 });
    const table = chartTable(config);
    expect(table.columns).toHaveLength(24);
    expect(table.rows.map((row) => row.label)).toEqual(['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']);
    expect(table.rows[1].cells[5]).toBe('7');
    expect(table.rows[0].cells[5]).toBe('0');
  });

  it('writes a gap as a dash', () => {
    const config = { type: 'line', data: { labels: ['Jan'], datasets: [{ label: 'SEV1 median', data: [null] }] }, options: {} } as unknown as Config;
    expect(chartTable(config).rows[0].cells).toEqual(['–']);
  });
});

it('chartText reads the title and caption of a definition', () => {
  const config = startTimeHeatmapChart({ timeZone: 'Europe/Berlin', cells: [], incidents: 0, outOfHoursShare: null });
  expect(chartText(config as unknown as Config)).toEqual({ title: 'When incidents start', caption: expect.stringContaining('(Europe/Berlin)') });
});

describe('legendItems', () => {
  it('lists each series with its colour, the p90 lines dashed', () => {
    const config = durationTrendChart({ metric: 'ttr', periods: ['Jan 2026'], series: [{ label: 'SEV1', rankIndex: 0, median: [60], p90: [120], n: [4] }] });
    const items = legendItems(config);
    expect(items.map(({ index, label, dashed }) => ({ index, label, dashed }))).toEqual([
      { index: 0, label: 'SEV1 median', dashed: false },
      { index: 1, label: 'SEV1 p90', dashed: true },
    ]);
    expect(items[0].colour).toBe(items[1].colour);
    expect(items[0].colour).toMatch(/^#[0-9a-f]{6}$/i);
  });

  it('has none for a chart without a legend: the histogram and the heatmap', () => {
    const histogram = durationBucketChart({ metric: 'ttr', range: 'May', counts: DURATION_BUCKETS.map(() => 1) }, { n: 9, median: 60, p90: 120 });
    const heatmap = startTimeHeatmapChart({ timeZone: 'UTC', cells: [], incidents: 0, outOfHoursShare: null });
    expect(legendItems(histogram as unknown as Config)).toEqual([]);
    expect(legendItems(heatmap as unknown as Config)).toEqual([]);
  });
});
