import { InvalidInputError } from '../../common/errors.js';
import { checkGroupCount, checkRange, MAX_GROUP_PERIODS, MAX_GROUPS, parseGroupBy, resolveScope, type MetricsScope } from './metrics-scope.js';
import type { PeriodUnit } from './periods.js';

describe('parseGroupBy', () => {
  it.each([
    [[], []],
    [['period:month', 'severity'], [{ kind: 'period', unit: 'month' }, { kind: 'severity' }]],
    [['team', 'service', 'source'], [{ kind: 'team' }, { kind: 'service' }, { kind: 'source' }]],
  ])('reads %j', (values, expected) => {
    expect(parseGroupBy(values)).toEqual({ ok: true, groupBy: expected });
  });

  it.each([
    [['period:fortnight'], 'period:fortnight', /is not a grouping/],
    [['period:month', 'period:week'], 'period:week', /only one period/],
    [['severity', 'severity'], 'severity', /is given twice/],
  ])('refuses %j naming the value', (values, value, problem) => {
    const result = parseGroupBy(values);
    expect(result).toMatchObject({ ok: false, value });
    expect(result.ok ? '' : result.problem).toMatch(problem);
  });
});

describe('resolveScope', () => {
  const from = new Date('2026-01-01T00:00:00Z');
  const to = new Date('2026-02-01T00:00:00Z');

  it('fills in the defaults: no filter, no grouping, the default time zone', () => {
    expect(resolveScope({ from, to }, 'Europe/Berlin')).toEqual({ from, to, filter: {}, groupBy: [], timeZone: 'Europe/Berlin' });
    expect(resolveScope({ from, to, filter: { teams: ['Payments'] }, groupBy: [{ kind: 'team' }], timeZone: 'UTC' }, 'Europe/Berlin')).toEqual({
      from, to, filter: { teams: ['Payments'] }, groupBy: [{ kind: 'team' }], timeZone: 'UTC',
    });
  });

  it.each<[string, MetricsScope, string, unknown, RegExp]>([
    ['to equal to from', { from, to: from }, 'to', '2026-01-01T00:00:00.000Z', /must be after from \(2026-01-01T00:00:00.000Z\)/],
    ['to before from', { from: to, to: from }, 'to', '2026-01-01T00:00:00.000Z', /must be after from \(2026-02-01T00:00:00.000Z\)/],
    ['an invalid from', { from: new Date(Number.NaN), to }, 'from', 'Invalid Date', /is not a valid instant/],
    ['two periods', { from, to, groupBy: [{ kind: 'period', unit: 'month' }, { kind: 'period', unit: 'week' }] }, 'groupBy', 'period:week', /only one period/],
    ['a dimension given twice', { from, to, groupBy: [{ kind: 'team' }, { kind: 'team' }] }, 'groupBy', 'team', /is given twice/],
    ['an unknown period unit', { from, to, groupBy: [{ kind: 'period', unit: 'fortnight' as PeriodUnit }] }, 'groupBy', 'period:fortnight', /is not a grouping/],
    ['an unknown time zone', { from, to, timeZone: 'Mars/Olympus_Mons' }, 'timeZone', 'Mars/Olympus_Mons', /is not an IANA time zone/],
  ])('refuses %s as an InvalidInputError naming the field', (_what, scope, field, value, problem) => {
    let thrown: unknown;
    try {
      resolveScope(scope, 'UTC');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(InvalidInputError);
    expect({ field: (thrown as InvalidInputError).field, value: (thrown as InvalidInputError).value }).toEqual({ field, value });
    expect((thrown as Error).message).toMatch(problem);
  });

  it('quotes the range as the request wrote it when told', () => {
    expect(() => checkRange(to, from, { from: '2026-02-01T01:00:00+01:00', to: '2026-01-01T00:00:00Z' })).toThrow(
      'to: "2026-01-01T00:00:00Z" must be after from (2026-02-01T01:00:00+01:00): the range is [from, to)',
    );
  });
});

describe('checkGroupCount', () => {
  const byDayAndSeverity = [{ kind: 'period', unit: 'day' }, { kind: 'severity' }] as const;
  it.each<[number, { atLeast?: boolean; limit?: number; what?: string }, string | null]>([
    [MAX_GROUPS, {}, null],
    [MAX_GROUPS + 1, {}, `groupBy: "period:day,severity" gives ${MAX_GROUPS + 1} groups; the limit is ${MAX_GROUPS}`],
    [MAX_GROUPS + 1, { atLeast: true }, `groupBy: "period:day,severity" gives more than ${MAX_GROUPS} groups; the limit is ${MAX_GROUPS}`],
    [MAX_GROUP_PERIODS, { limit: MAX_GROUP_PERIODS, what: 'group-periods' }, null],
    [MAX_GROUP_PERIODS + 5, { limit: MAX_GROUP_PERIODS, what: 'group-periods' }, `gives ${MAX_GROUP_PERIODS + 5} group-periods; the limit is ${MAX_GROUP_PERIODS}`],
  ])('%i groups with %o', (count, options, message) => {
    const check = () => checkGroupCount(count, byDayAndSeverity, options);
    if (message === null) expect(check).not.toThrow();
    else expect(check).toThrow(message);
  });

  it('refuses a period grouping with other dimensions over more than MAX_PERIODS periods', () => {
    const scope = { from: new Date('0001-01-01T00:00:00Z'), to: new Date('9999-12-31T00:00:00Z'), groupBy: byDayAndSeverity };
    expect(() => resolveScope(scope, 'UTC')).toThrow('groupBy: "period:day" gives more than 1000 periods');
    const decades = { from: new Date('2000-01-01T00:00:00Z'), to: new Date('2026-01-01T00:00:00Z') };
    expect(() => resolveScope({ ...decades, groupBy: [{ kind: 'period', unit: 'month' }, { kind: 'severity' }] }, 'UTC')).not.toThrow();
  });
});
