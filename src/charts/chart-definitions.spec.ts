import { breachRateChart, bucketDurations, DURATION_BUCKETS, durationBucketChart, durationHistogramChart, durationTrendChart, HOUR_LABELS, incidentCountChart, METRIC_TEXT, startTimeHeatmapChart, WEEKDAY_LABELS } from './chart-definitions.js';
import { severityColour, withAlpha } from './chart-palette.js';
import { durationScale, formatDuration, inScale } from './duration-scale.js';

describe('durationScale', () => {
  it.each<[(number | null)[], string]>([
    [[], 'seconds'],
    [[null, null], 'seconds'],
    [[119], 'seconds'],
    [[120], 'minutes'],
    [[7_199, 30], 'minutes'],
    [[7_200], 'hours'],
    [[172_799], 'hours'],
    [[172_800, null], 'days'],
    [[-200_000], 'days'],
    [[Number.NaN, 60], 'seconds'],
  ])('%j → %s', (values, unit) => {
    expect(durationScale(values).unit).toBe(unit);
  });

  it('converts into the unit with two decimals and keeps gaps', () => {
    const hours = durationScale([7_200]);
    expect([inScale(5_400, hours), inScale(1, hours), inScale(null, hours)]).toEqual([1.5, 0, null]);
  });
});

describe('formatDuration', () => {
  it.each<[number | null, string]>([
    [null, '–'],
    [45, '45 s'],
    [119.6, '120 s'],
    [120, '2 min'],
    [750, '13 min'],
    [270, '4.5 min'],
    [5_400, '90 min'],
    [12_600, '3.5 h'],
    [86_400, '24 h'],
    [181_440, '2.1 d'],
    [1_728_000, '20 d'],
  ])('%p → %s', (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text);
  });
});

describe('palette', () => {
  it('colours severities by rank, repeating after eight', () => {
    expect(severityColour(0)).toBe('#D55E00');
    expect(severityColour(8)).toBe(severityColour(0));
    expect(severityColour(-1)).toBe(severityColour(7));
    expect(withAlpha('#D55E00', 0.5)).toBe('rgba(213, 94, 0, 0.5)');
  });
});

describe('durationTrendChart', () => {
  const config = durationTrendChart({
    metric: 'ttm',
    periods: ['Sep 2026', 'Oct 2026', 'Nov 2026'],
    series: [
      { label: 'SEV1', rankIndex: 0, median: [1_800, null, 3_600], p90: [7_200, null, 10_800], n: [4, 0, 2] },
      { label: 'All', rankIndex: null, median: [3_600, 900, 5_400], p90: [9_000, 900, 14_400], n: [10, 1, 6] },
    ],
  });

  it('draws a solid median and a dashed p90 per series, in one unit for the axis, gaps where n = 0', () => {
    expect(config.type).toBe('line');
    expect(config.data.labels).toEqual(['Sep 2026', 'Oct 2026', 'Nov 2026']);
    expect(config.data.datasets.map((d) => [d.label, d.data, d.borderDash ?? null, d.borderColor])).toEqual([
      ['SEV1 median', [0.5, null, 1], null, '#D55E00'],
      ['SEV1 p90', [2, null, 3], [6, 4], '#D55E00'],
      ['All median', [1, 0.25, 1.5], null, '#3E4C59'],
      ['All p90', [2.5, 0.25, 4], [6, 4], '#3E4C59'],
    ]);
    expect(config.options?.scales?.y?.title).toMatchObject({ text: 'hours' });
  });

  it('says what it shows and how the metric is computed', () => {
    expect(config.options?.plugins?.title?.text).toBe('Time to mitigate (TTM): median and p90');
    expect(config.options?.plugins?.subtitle?.text).toBe(
      'Solid: median; dashed: 90th percentile. From started to mitigated, for incidents with both milestones, in order, not excluded from metrics.',
    );
  });
});

describe('incidentCountChart', () => {
  it('stacks the counts by severity', () => {
    const config = incidentCountChart({ periods: ['Oct', 'Nov'], series: [{ label: 'SEV1', rankIndex: 0, counts: [1, 0] }, { label: 'SEV2', rankIndex: 1, counts: [3, 2] }] });
    expect(config.data.datasets.map((d) => [d.label, d.data, d.backgroundColor])).toEqual([['SEV1', [1, 0], '#D55E00'], ['SEV2', [3, 2], '#E69F00']]);
    expect(config.options?.scales?.x).toMatchObject({ stacked: true });
    expect(config.options?.scales?.y).toMatchObject({ stacked: true });
  });
});

describe('breachRateChart', () => {
  it('gives the share in percent with one decimal, and a gap where nothing was measured', () => {
    const config = breachRateChart({ target: 'time to mitigate', periods: ['a', 'b', 'c'], series: [{ label: 'SEV1', rankIndex: 0, breached: [1, 0, 2], measured: [3, 0, 2] }] });
    expect(config.data.datasets[0].data).toEqual([33.3, null, 100]);
    expect(config.options?.plugins?.subtitle?.text).toContain('breached the time to mitigate target');
  });
});

describe('bucketDurations', () => {
  it.each<[number[], Record<string, number>]>([
    [[], {}],
    [[0, 899.9], { '< 15 min': 2 }],
    [[900, 1_799], { '15–30 min': 2 }],
    [[3_600, 86_399, 86_400], { '1–2 h': 1, '8–24 h': 1, '1–3 d': 1 }],
    [[604_800, 10_000_000], { '≥ 7 d': 2 }],
  ])('%j', (seconds, expected) => {
    const counts = bucketDurations(seconds);
    expect(Object.fromEntries(DURATION_BUCKETS.map((b, i) => [b.label, counts[i]]).filter(([, n]) => n !== 0))).toEqual(expected);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(seconds.length);
  });

  it('has contiguous buckets from 0 to infinity', () => {
    expect(DURATION_BUCKETS[0].from).toBe(0);
    for (let i = 1; i < DURATION_BUCKETS.length; i++) expect(DURATION_BUCKETS[i].from).toBe(DURATION_BUCKETS[i - 1].to);
    expect(DURATION_BUCKETS.at(-1)!.to).toBe(Number.POSITIVE_INFINITY);
  });
});

describe('durationHistogramChart', () => {
  it('puts n, median and p90 in the caption', () => {
    const config = durationHistogramChart({ metric: 'ttr', range: 'October 2026', seconds: [600, 5_000, 90_000] }, { median: 5_000, p90: 73_000 });
    expect(config.options?.plugins?.title?.text).toBe('Time to resolve (TTR), October 2026: distribution');
    expect(config.options?.plugins?.subtitle?.text).toMatch(/^n = 3, median 83 min, p90 20 h\. From started to resolved/);
    expect(config.data.datasets[0].data.reduce((a, b) => a + b, 0)).toBe(3);
  });

  it('says so when nothing was measured', () => {
    const config = durationHistogramChart({ metric: 'ttr', range: 'October 2026', seconds: [] }, { median: null, p90: null });
    expect(config.options?.plugins?.subtitle?.text).toBe('No incident was measured in this range.');
  });
});

describe('METRIC_TEXT', () => {
  it('words every interval metric from its milestones', () => {
    expect(METRIC_TEXT.ttd.definition).toMatch(/^from started to detected,/);
    expect(METRIC_TEXT.tta.definition).toMatch(/^from detected to acknowledged,/);
    expect(METRIC_TEXT.ttr.abbreviation).toBe('TTR');
  });
});

describe('durationBucketChart', () => {
  it('draws the counts as given, with the API\'s n, median and p90 in the caption', () => {
    const counts = DURATION_BUCKETS.map((_, i) => i * 3);
    const config = durationBucketChart({ metric: 'ttr', range: 'Jan 2026 – Dec 2026', counts }, { n: 135, median: 5_400, p90: 86_400 });
    expect(config.data.datasets[0].data).toEqual(counts);
    expect(config.data.labels).toEqual(DURATION_BUCKETS.map((b) => b.label));
    expect(config.options?.plugins?.subtitle?.text).toBe(`n = 135, median 90 min, p90 24 h. ${METRIC_TEXT.ttr.definition.replace(/^f/, 'F')}.`);
  });

  it('draws the same chart as the histogram of the values it counts', () => {
    const seconds = [60, 1_000, 4_000, 4_100, 700_000];
    const fromValues = durationHistogramChart({ metric: 'ttm', range: 'May', seconds }, { median: 4_000, p90: 400_000 });
    const fromCounts = durationBucketChart({ metric: 'ttm', range: 'May', counts: bucketDurations(seconds) }, { n: 5, median: 4_000, p90: 400_000 });
    expect(fromCounts.data).toEqual(fromValues.data);
    expect(fromCounts.options?.plugins?.subtitle?.text).toBe(fromValues.options?.plugins?.subtitle?.text);
  });
});

describe('startTimeHeatmapChart', () => {
  const cells = [{ weekday: 1, hour: 0, incidents: 2 }, { weekday: 3, hour: 14, incidents: 5 }, { weekday: 7, hour: 23, incidents: 1 }];

  it('has one cell per weekday and hour, Monday 00 first, with the given counts and zeros elsewhere', () => {
    const config = startTimeHeatmapChart({ timeZone: 'Europe/Berlin', cells, incidents: 8, outOfHoursShare: 0.375 });
    const points = config.data.datasets[0].data;
    expect(points).toHaveLength(7 * 24);
    expect(points[0]).toEqual({ x: '00', y: 'Mon', v: 2 });
    expect(points[2 * 24 + 14]).toEqual({ x: '14', y: 'Wed', v: 5 });
    expect(points[6 * 24 + 23]).toEqual({ x: '23', y: 'Sun', v: 1 });
    expect(points.reduce((sum, p) => sum + p.v, 0)).toBe(8);
    expect(config.options?.scales?.x).toMatchObject({ type: 'category', labels: HOUR_LABELS });
    expect(config.options?.scales?.y).toMatchObject({ type: 'category', labels: WEEKDAY_LABELS });
  });

  it.each<[number | null, number, string]>([
    [0.375, 8, '37.5 % of 8 started outside business hours'],
    [0, 3, '0 % of 3 started outside business hours'],
    [null, 0, 'none counted of 0 started outside business hours'],
  ])('says the out-of-hours share %p and the time zone', (share, incidents, words) => {
    const config = startTimeHeatmapChart({ timeZone: 'Europe/Berlin', cells: [], incidents, outOfHoursShare: share });
    expect(config.options?.plugins?.subtitle?.text).toContain(words);
    expect(config.options?.plugins?.subtitle?.text).toContain('(Europe/Berlin)');
  });

  it('colours the busiest cell darkest and an empty one lightest', () => {
    const config = startTimeHeatmapChart({ timeZone: 'UTC', cells, incidents: 8, outOfHoursShare: 0 });
    const fill = config.data.datasets[0].backgroundColor as (context: { raw: unknown }) => string;
    expect(fill({ raw: { x: '14', y: 'Wed', v: 5 } })).toBe(withAlpha('#0072B2', 1));
    expect(fill({ raw: { x: '01', y: 'Wed', v: 0 } })).toBe(withAlpha('#0072B2', 0.06));
  });
});
