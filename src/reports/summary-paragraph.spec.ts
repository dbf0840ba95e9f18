import { changeVerdict, type ChangeFigure, type DurationFigure, type PeriodFigures, type RateFigure } from './monthly-report-figures.js';
import { summaryParagraph, type SummaryInput } from './summary-paragraph.js';

const duration = (n: number, median: number | null, p90: number | null = median): DurationFigure => ({ n, median, p90, mean: median });
const rate = (breached: number, n: number, open = 0): RateFigure => ({ breached, n, rate: n ? breached / n : null, open });
const none = duration(0, null);

function period(label: string, overrides: Partial<PeriodFigures> = {}): PeriodFigures {
  return {
    month: '2026-10',
    label,
    from: '',
    to: '',
    incidents: 0,
    excluded: 0,
    bySeverity: [{ severity: 'SEV1', incidents: 0 }, { severity: 'SEV2', incidents: 0 }, { severity: 'SEV3', incidents: 0 }],
    durations: { ttd: none, tta: none, tte: none, ttm: none, ttr: none, ttRetro: none },
    sla: { ack: rate(0, 0), mitigate: rate(0, 0), resolve: rate(0, 0) },
    slaBySeverity: [],
    retros: { resolved: 0, withRetro: 0, share: null, judged: 0, onTime: 0, onTimeShare: null, overdue: 0 },
    actionItems: { opened: 0, done: 0, doneOnTime: 0, doneJudged: 0, onTimeShare: null, overdue: 0, closedInMonth: 0 },
    comms: { n: 0, share: null, medianShare: null },
    dataQuality: { missing: 0, order: 0, outOfOrder: 0, byMetric: {} as PeriodFigures['dataQuality']['byMetric'] },
    ...overrides,
  };
}

const change = (metric: ChangeFigure['metric'], overrides: Partial<ChangeFigure>): ChangeFigure => ({
  metric, label: 'no clear change', verdict: 'no clear change', nPrevious: 20, nCurrent: 24, pValue: 0.41, medianPrevious: 7_200, medianCurrent: 6_000, ...overrides,
});

const busy = period('October 2026', {
  incidents: 24,
  excluded: 1,
  bySeverity: [{ severity: 'SEV1', incidents: 2 }, { severity: 'SEV2', incidents: 7 }, { severity: 'SEV3', incidents: 15 }],
  durations: { ttd: duration(22, 300), tta: duration(22, 120), tte: duration(20, 60), ttm: duration(23, 2_700, 9_000), ttr: duration(23, 6_000, 36_000), ttRetro: duration(10, 40_000) },
  sla: { ack: rate(1, 22), mitigate: rate(3, 23, 1), resolve: rate(2, 23) },
  retros: { resolved: 23, withRetro: 18, share: 18 / 23, judged: 18, onTime: 12, onTimeShare: 12 / 18, overdue: 2 },
  actionItems: { opened: 30, done: 10, doneOnTime: 8, doneJudged: 10, onTimeShare: 0.8, overdue: 4, closedInMonth: 12 },
});

const input = (current: PeriodFigures, changes: ChangeFigure[]): SummaryInput => ({
  label: current.label,
  timeZone: 'Europe/Berlin',
  current,
  previous: period('September 2026', { incidents: 20 }),
  lastYear: period('October 2025', { incidents: 17 }),
  changes,
  severities: [{ severity: 'SEV1', name: 'Major' }, { severity: 'SEV2', name: 'Minor' }, { severity: 'SEV3', name: 'Investigation' }],
});

describe('summaryParagraph', () => {
  it.each<[string, ChangeFigure[], string[]]>([
    [
      'no clear change, with n and p',
      [change('ttr', {}), change('ttm', {})],
      [
        'In October 2026 (Europe/Berlin) 24 incidents started (SEV1 2, SEV2 7, SEV3 15, 1 of them excluded from metrics), against 20 in September 2026 and 17 in October 2025.',
        'Median time to resolve was 100 min (p90 10 h, n = 23): no clear change from September 2026 (median 2 h, n = 20, p = 0.410).',
        'Median time to mitigate was 45 min (p90 2.5 h, n = 23): no clear change from September 2026 (median 2 h, n = 20, p = 0.410).',
      ],
    ],
    [
      'an improvement and a regression, as the change test labels them',
      [change('ttr', { label: 'improved', verdict: 'improved', pValue: 0.012 }), change('ttm', { label: 'regressed', verdict: 'regressed', pValue: 0.0004, medianPrevious: 1_200 })],
      [
        'Median time to resolve was 100 min (p90 10 h, n = 23): improved from 2 h in September 2026 (n = 20, p = 0.012).',
        'Median time to mitigate was 45 min (p90 2.5 h, n = 23): regressed from 20 min in September 2026 (n = 20, p < 0.001).',
      ],
    ],
    [
      'too few incidents to tell',
      [change('ttr', { verdict: 'too few incidents to tell', nPrevious: 3 }), change('ttm', { verdict: 'too few incidents to tell', nPrevious: 3 })],
      ['Median time to resolve was 100 min (p90 10 h, n = 23); against September 2026 there are too few incidents to tell whether it changed (n = 3 and 24).'],
    ],
  ])('says %s', (_, changes, sentences) => {
    const text = summaryParagraph(input(busy, changes));
    for (const sentence of sentences) expect(text).toContain(sentence);
  });

  it.each<[string, ChangeFigure[], string | null]>([
    [
      'an improvement and no clear change',
      [change('ttr', { label: 'improved', verdict: 'improved', nPrevious: 17, pValue: 0.004 }), change('ttm', { nPrevious: 17 })],
      'Against October 2025, time to resolve improved (n = 17 and 24, p = 0.004); time to mitigate shows no clear change (n = 17 and 24, p = 0.410).',
    ],
    [
      'too few incidents last year',
      [change('ttr', { verdict: 'too few incidents to tell', nPrevious: 2, pValue: 0.3 })],
      'Against October 2025, for time to resolve there are too few incidents to tell (n = 2 and 24).',
    ],
    ['nothing, in a report without the comparison', [], null],
  ])('compares with the same month last year: %s', (_, yearOverYear, sentence) => {
    const text = summaryParagraph({ ...input(busy, [change('ttr', {}), change('ttm', {})]), ...(yearOverYear.length > 0 ? { yearOverYear } : {}) });
    if (sentence) expect(text).toContain(sentence);
    else expect(text).not.toContain('Against October 2025');
  });

  it('reports SLA breaches, retrospectives and action items from the figures', () => {
    const text = summaryParagraph(input(busy, [change('ttr', {}), change('ttm', {})]));
    expect(text).toContain('SLA: 3 of 23 breached the time-to-mitigate target (13 %); 2 of 23 breached the time-to-resolve target (9 %); 1 open breach at the time of this report.');
    expect(text).toContain('78 % of the 23 resolved incidents had a retrospective, 67 % of those judged on time (n = 18); 2 retrospectives overdue.');
    expect(text).toContain('30 action items were opened and 12 closed in the month; 4 of those opened are overdue.');
  });

  it('says plainly that a month had no incidents', () => {
    expect(summaryParagraph(input(period('January 2020'), []))).toBe(
      'No incidents started in January 2020 (Europe/Berlin), against 20 in September 2026 and 17 in October 2025. No action items were opened or closed in the month.',
    );
  });

  it.each([
    [{ opened: 1, closedInMonth: 0, overdue: 0 }, '1 action item was opened and 0 closed in the month; none of those opened is overdue.'],
    [{ opened: 0, closedInMonth: 3, overdue: 0 }, '0 action items were opened and 3 closed in the month; none of those opened is overdue.'],
    [{ opened: 5, closedInMonth: 2, overdue: 1 }, '5 action items were opened and 2 closed in the month; 1 of those opened is overdue.'],
  ])('counts action items %j', (counts, sentence) => {
    const current = period('October 2026', { actionItems: { ...busy.actionItems, ...counts } });
    expect(summaryParagraph(input(current, []))).toContain(sentence);
  });

  it('never claims a median for a metric nobody measured', () => {
    const current = period('October 2026', { incidents: 2, bySeverity: [{ severity: 'SEV3', incidents: 2 }] });
    expect(summaryParagraph(input(current, []))).toContain('No incident had a time to resolve to measure.');
  });
});

describe('changeVerdict', () => {
  it.each([
    ['improved', 5, 5, 'improved'],
    ['regressed', 30, 12, 'regressed'],
    ['no clear change', 12, 30, 'no clear change'],
    ['no clear change', 4, 30, 'too few incidents to tell'],
    ['no clear change', 30, 0, 'too few incidents to tell'],
  ] as const)('%s with n = %i and %i reads %s', (label, nPrevious, nCurrent, verdict) => {
    expect(changeVerdict(label, nPrevious, nCurrent, 5)).toBe(verdict);
  });
});
