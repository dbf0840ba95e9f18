import { groupKey, parseGroupBy, scopeSql, SqlParams } from './metrics-scope.js';

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

describe('scopeSql', () => {
  const base = { from: new Date('2026-01-01T00:00:00Z'), to: new Date('2026-04-01T00:00:00Z') };

  it('puts every request value in a parameter', () => {
    const params = new SqlParams();
    const sql = scopeSql(
      { filter: { ...base, severities: ["SEV1' OR 1=1"], teams: ['x'], services: ['y'], sources: ['z'], tags: ['t'] }, groupBy: [{ kind: 'period', unit: 'month' }], timeZone: 'Europe/Berlin' },
      params,
    );
    const text = [sql.from, sql.where, ...sql.keySelects].join(' ');
    expect(text).not.toContain("SEV1'");
    expect(text).not.toContain('Europe/Berlin');
    expect(params.values).toEqual([base.from, base.to, ["SEV1' OR 1=1"], ['x'], ['z'], ['t'], ['y'], 'Europe/Berlin']);
  });

  it('joins services only when grouping by service', () => {
    expect(scopeSql({ filter: base, groupBy: [], timeZone: 'UTC' }, new SqlParams()).from).not.toContain('incident_services');
    expect(scopeSql({ filter: base, groupBy: [{ kind: 'service' }], timeZone: 'UTC' }, new SqlParams()).from).toContain('incident_services');
  });

  it('builds the API key from a row', () => {
    const row = { key_period: '2026-03', key_period_start: new Date('2026-02-28T23:00:00Z'), key_severity: 'SEV1', key_team: '(none)' };
    expect(groupKey(row, [{ kind: 'period', unit: 'month' }, { kind: 'severity' }, { kind: 'team' }])).toEqual({
      period: '2026-03', periodStart: '2026-02-28T23:00:00.000Z', severity: 'SEV1', team: '(none)',
    });
  });
});
