import { SqlParams } from '../database/sql-params.js';
import type { IncidentFilter } from './incident-filter.js';
import { incidentFilterSql, type IncidentFilterAliases } from './incident-filter.sql.js';

const LIST: IncidentFilterAliases = { incident: 'i', severity: 's', team: 't' };
const METRICS: IncidentFilterAliases = { incident: 'v', severity: 'ps', team: 't' };
const FROM = new Date('2026-01-01T00:00:00Z');
const TO = new Date('2026-04-01T00:00:00Z');

describe('incidentFilterSql', () => {
  it.each<[string, IncidentFilter, IncidentFilterAliases, string[], unknown[]]>([
    ['nothing for an empty filter', {}, LIST, [], []],
    ['empty lists as no filter', { severities: [], services: [], teams: [], sources: [], tags: [], statuses: [], text: '' }, LIST, [], []],
    ['the range, either end alone', { to: TO }, LIST, ['i.started_at < $1'], [TO]],
    ['the current severity through the list\'s alias', { from: FROM, to: TO, severities: ['SEV1'] }, LIST,
      ['i.started_at >= $1', 'i.started_at < $2', 's.key = ANY($3::text[])'], [FROM, TO, ['SEV1']]],
    ['the peak severity through the metrics\' alias', { from: FROM, to: TO, severities: ['SEV1', 'SEV2'] }, METRICS,
      ['v.started_at >= $1', 'v.started_at < $2', 'ps.key = ANY($3::text[])'], [FROM, TO, ['SEV1', 'SEV2']]],
    ['team, source and every tag', { teams: ['Payments'], sources: ['pagerduty'], tags: ['db', 'eu'] }, METRICS,
      ['t.name = ANY($1::text[])', 'v.source = ANY($2::text[])', 'v.tags @> $3::text[]'], [['Payments'], ['pagerduty'], ['db', 'eu']]],
    ['statuses as one OR of milestone tests, without parameters', { statuses: ['active', 'closed'] }, LIST,
      ['((i.mitigated_at IS NULL AND i.resolved_at IS NULL AND i.retro_done_at IS NULL) OR (i.retro_done_at IS NOT NULL))'], []],
    ['text as one escaped ILIKE pattern over four columns', { text: '50%_off\\' }, LIST,
      ['(i.key ILIKE $1 OR i.title ILIKE $1 OR i.functionality ILIKE $1 OR i.customer_impact ILIKE $1)'], ['%50\\%\\_off\\\\%']],
  ])('%s', (_what, filter, aliases, conditions, values) => {
    const params = new SqlParams();
    expect(incidentFilterSql(filter, aliases, params)).toEqual(conditions);
    expect(params.values).toEqual(values);
  });

  it('matches services through the incident\'s links, as one EXISTS', () => {
    const params = new SqlParams();
    const [condition] = incidentFilterSql({ services: ['api'] }, METRICS, params);
    expect(condition.replace(/\s+/g, ' ')).toBe(
      'EXISTS (SELECT 1 FROM incident_services fx JOIN services fs ON fs.id = fx.service_id WHERE fx.incident_id = v.id AND fs.name = ANY($1::text[]))',
    );
    expect(params.values).toEqual([['api']]);
  });

  it('adds the parameters in a fixed order, after those already in the statement, and never splices a value', () => {
    const params = new SqlParams();
    params.add('earlier');
    const nasty = "x' OR 1=1 --";
    const conditions = incidentFilterSql(
      { text: nasty, services: [nasty], tags: [nasty], sources: [nasty], teams: [nasty], severities: [nasty], to: TO, from: FROM, statuses: ['resolved'] },
      LIST,
      params,
    );
    expect(conditions.join(' ')).not.toContain("x'");
    expect(params.values).toEqual(['earlier', FROM, TO, [nasty], [nasty], [nasty], [nasty], [nasty], `%${nasty}%`]);
    expect(conditions.map((c) => c.match(/\$\d+/g) ?? [])).toEqual([['$2'], ['$3'], ['$4'], ['$5'], ['$6'], ['$7'], ['$8'], [], ['$9', '$9', '$9', '$9']]);
  });
});
