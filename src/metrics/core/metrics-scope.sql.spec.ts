import { SqlParams } from '../../database/sql-params.js';
import { scopeSql } from './metrics-scope.sql.js';

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
});
