import { groupKey, parseGroupBy } from './metrics-scope.js';

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

describe('groupKey', () => {
  it('builds the API key from a row', () => {
    const row = { key_period: '2026-03', key_period_start: new Date('2026-02-28T23:00:00Z'), key_severity: 'SEV1', key_team: '(none)' };
    expect(groupKey(row, [{ kind: 'period', unit: 'month' }, { kind: 'severity' }, { kind: 'team' }])).toEqual({
      period: '2026-03', periodStart: '2026-02-28T23:00:00.000Z', severity: 'SEV1', team: '(none)',
    });
  });
});
