import { SqlParams } from '../../database/sql-params.js';
import { toGroupKeyDto } from '../dto/metrics-scope.mappers.js';
import { rowGroupKey, scopeSql } from './metrics-scope.sql.js';

describe('scopeSql', () => {
  const base = { from: new Date('2026-01-01T00:00:00Z'), to: new Date('2026-04-01T00:00:00Z') };

  it('puts every request value in a parameter', () => {
    const params = new SqlParams();
    const sql = scopeSql(
      { ...base, filter: { severities: ["SEV1' OR 1=1"], teams: ['x'], services: ['y'], sources: ['z'], tags: ['t'] }, groupBy: [{ kind: 'period', unit: 'month' }], timeZone: 'Europe/Berlin' },
      params,
    );
    const text = [sql.from, sql.where, ...sql.keySelects].join(' ');
    expect(text).not.toContain("SEV1'");
    expect(text).not.toContain('Europe/Berlin');
    expect(params.values).toEqual([base.from, base.to, ["SEV1' OR 1=1"], ['x'], ['z'], ['t'], ['y'], 'Europe/Berlin']);
  });

  it('joins services only when grouping by service', () => {
    expect(scopeSql({ ...base, filter: {}, groupBy: [], timeZone: 'UTC' }, new SqlParams()).from).not.toContain('incident_services');
    expect(scopeSql({ ...base, filter: {}, groupBy: [{ kind: 'service' }], timeZone: 'UTC' }, new SqlParams()).from).toContain('incident_services');
  });
});

describe('rowGroupKey', () => {
  const row = { key_period: '2026-03', key_period_start: new Date('2026-02-28T23:00:00Z'), key_severity: 'SEV1', key_team: '(none)' };

  it('builds the API key from a row', () => {
    expect(toGroupKeyDto(rowGroupKey(row, [{ kind: 'period', unit: 'month' }, { kind: 'severity' }, { kind: 'team' }]))).toEqual({
      period: '2026-03', periodStart: '2026-02-28T23:00:00.000Z', severity: 'SEV1', team: '(none)',
    });
  });

  it('keeps the period start an instant, and the dimensions in groupBy order', () => {
    const key = rowGroupKey(row, [{ kind: 'team' }, { kind: 'period', unit: 'month' }]);
    expect(key).toEqual({ team: '(none)', period: '2026-03', periodStart: new Date('2026-02-28T23:00:00Z') });
    expect(Object.keys(toGroupKeyDto(key))).toEqual(['team', 'period', 'periodStart']);
  });
});
