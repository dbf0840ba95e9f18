import { MAX_GROUPS } from '../../src/metrics/core/metrics-scope.js';
import { OVERDUE_RETRO_LIST_LIMIT } from '../../src/metrics/health/metrics-health.service.js';
import { after } from '../factories/metric-incidents.js';
import { scoped } from '../factories/scoped-metric-incidents.js';
import { FixedClock, startTestApp, type TestApp } from '../support/app.js';
import { insertScopedMetricIncidents } from '../support/scoped-metric-incidents-db.js';

/**
 * What a metrics request may make the service build: periods (any grouping with a period, not only a period
 * alone) and groups. Over a bound is a 400 naming groupBy, its value and the limit, before the response is built.
 */
describe('metrics bounds', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ clock: new FixedClock(new Date('2027-01-15T12:00:00Z')) });
  });
  afterAll(() => t.close());

  const get = (path: string, query: Record<string, string>) => t.request('viewer').get(path).query(query);
  const GROUPED = ['/api/v1/metrics', '/api/v1/metrics/sla', '/api/v1/metrics/retros', '/api/v1/metrics/comms'];

  it.each(GROUPED)('%s refuses a period grouping with other dimensions over more than 1000 periods (1970 to 9999 by day)', async (path) => {
    const { body } = await get(path, { from: '1970-01-01T00:00:00Z', to: '9999-12-31T00:00:00Z', groupBy: 'period:day,severity' }).expect(400);
    expect(body).toMatchObject({ statusCode: 400, code: 'INVALID_INPUT' });
    expect(body.errors).toEqual([{ field: 'groupBy', value: 'period:day', problems: [expect.stringContaining('more than 1000 periods')] }]);
  });

  it.each(GROUPED)('%s refuses the issue’s request (year 1 to 9999 by day) for its year, before building anything', async (path) => {
    const { body } = await get(path, { from: '0001-01-01T00:00:00Z', to: '9999-12-31T00:00:00Z', groupBy: 'period:day' }).expect(400);
    expect(body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
    expect(body.errors).toEqual([expect.objectContaining({ field: 'from', problems: [expect.stringContaining('1970–9999')] })]);
  });

  describe(`with ${MAX_GROUPS + 1} (day, severity) groups`, () => {
    const range = { from: '2024-01-01T00:00:00Z', to: '2025-12-01T00:00:00Z' };
    beforeAll(async () => {
      // Incident i on day i mod 700 with severity i mod 3: lcm(700, 3) = 2100, so every one is a group of its own.
      const severities = ['SEV1', 'SEV2', 'SEV3'];
      const start = Date.parse(range.from);
      await insertScopedMetricIncidents(
        t.db.dataSource,
        Array.from({ length: MAX_GROUPS + 1 }, (_, i) =>
          scoped(after(new Date(start + (i % 700) * 86_400_000 + 3_600_000).toISOString(), { detectedAt: 60, resolvedAt: 600 }, { severity: severities[i % 3] })),
        ),
      );
    });

    it.each(GROUPED)(`%s refuses more than ${MAX_GROUPS} groups, naming groupBy and the limit`, async (path) => {
      const { body } = await get(path, { ...range, groupBy: 'period:day,severity' }).expect(400);
      const problem = `gives more than ${MAX_GROUPS} groups; the limit is ${MAX_GROUPS} (group by fewer dimensions, a longer period or a shorter range, or filter)`;
      if (path.endsWith('/sla')) {
        expect(body.errors).toEqual([{ field: 'groupBy', value: 'period:day,severity', problems: [expect.stringMatching(new RegExp(`gives ${MAX_GROUPS + 1} groups; the limit is ${MAX_GROUPS}`))] }]);
      } else {
        expect(body.errors).toEqual([{ field: 'groupBy', value: 'period:day,severity', problems: [problem] }]);
      }
    });

    it('/api/v1/metrics/retros lists at most 1000 overdue retros, oldest first, while its groups count them all', async () => {
      const { body } = await get('/api/v1/metrics/retros', range).expect(200);
      expect(body.groups[0].withoutRetro.overdue).toBe(MAX_GROUPS + 1);
      expect(body.overdue).toHaveLength(OVERDUE_RETRO_LIST_LIMIT);
      expect(body.overdue[0].resolvedAt <= body.overdue.at(-1).resolvedAt).toBe(true);
    });

    it.each(GROUPED)('%s still answers the same grouping over a range with fewer groups', async (path) => {
      const { body } = await get(path, { from: range.from, to: '2024-02-01T00:00:00Z', groupBy: 'period:day,severity' }).expect(200);
      expect(body.groups.length).toBeGreaterThan(0);
      expect(body.groups.length).toBeLessThanOrEqual(MAX_GROUPS);
    });
  });
});
