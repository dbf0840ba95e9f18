import { after } from '../factories/metric-incidents.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { insertMetricIncidents } from '../support/metric-incidents-db.js';

/**
 * GET /api/v1/metrics/start-times and /metrics/distribution (the dashboard's heatmap and histogram) against
 * hand-computed tables. Reporting zone Europe/Berlin (UTC+1 in March 2026); business hours Mon–Fri 09:00–17:00
 * in the same zone, 2 March 2026 a holiday.
 */
describe('metrics start times and distribution API', () => {
  let t: TestApp;
  const MARCH = { from: '2026-03-01T00:00:00Z', to: '2026-04-01T00:00:00Z' };
  beforeAll(async () => {
    t = await startTestApp({ env: { REPORT_TIMEZONE: 'Europe/Berlin', BUSINESS_DAYS: 'Mon,Tue,Wed,Thu,Fri', BUSINESS_HOURS: '09:00-17:00', BUSINESS_HOLIDAYS: '2026-03-02' } });
    await insertMetricIncidents(t.db.dataSource, [
      // Monday 11:00 Berlin, but a holiday: out of hours. TTR 10 min.
      after('2026-03-02T10:00:00Z', { resolvedAt: 600 }, { severity: 'SEV1' }),
      // Tuesday 08:59 Berlin: before the day starts. TTR 1000 s.
      after('2026-03-03T07:59:00Z', { resolvedAt: 1_000 }, { severity: 'SEV1' }),
      // Tuesday 09:00 and 16:59:59 Berlin: in hours. TTR 5000 s each.
      after('2026-03-03T08:00:00Z', { resolvedAt: 5_000 }, { severity: 'SEV1' }),
      after('2026-03-03T15:59:59Z', { resolvedAt: 5_000 }, { severity: 'SEV2' }),
      // Tuesday 17:00 Berlin: the day has ended. TTR over a week.
      after('2026-03-03T16:00:00Z', { resolvedAt: 700_000 }, { severity: 'SEV1' }),
      // Saturday 13:00 Berlin: not a working day. Not resolved: no TTR.
      after('2026-03-07T12:00:00Z', { detectedAt: 60 }, { severity: 'SEV1' }),
      // Sunday 23:30 UTC is Monday 00:30 in Berlin. TTR 100 s.
      after('2026-03-08T23:30:00Z', { resolvedAt: 100 }, { severity: 'SEV1' }),
      // A game day on Wednesday noon: neither counted nor measured.
      after('2026-03-04T12:00:00Z', { resolvedAt: 60 }, { severity: 'SEV1', excludedFromMetrics: true }),
    ]);
  });
  afterAll(() => t.close());

  const get = (path: string, query: Record<string, unknown>) => t.request('viewer').get(`/api/v1/metrics/${path}`).query(query);
  const cell = (body: { cells: { weekday: number; hour: number; incidents: number }[] }, weekday: number, hour: number) =>
    body.cells.find((c) => c.weekday === weekday && c.hour === hour)?.incidents;

  it('counts incidents per weekday and hour in the reporting zone, with the out-of-hours share', async () => {
    const { body } = await get('start-times', MARCH).expect(200);
    expect(body).toMatchObject({ timeZone: 'Europe/Berlin', incidents: 7, excluded: 1, outOfHours: 5, outOfHoursShare: 5 / 7 });
    expect(body.cells).toHaveLength(168);
    expect(body.cells[0]).toEqual({ weekday: 1, hour: 0, incidents: 1 });
    expect([cell(body, 1, 11), cell(body, 2, 8), cell(body, 2, 9), cell(body, 2, 16), cell(body, 2, 17), cell(body, 6, 13)]).toEqual([1, 1, 1, 1, 1, 1]);
    expect(cell(body, 3, 13)).toBe(0);
    expect(body.cells.reduce((sum: number, c: { incidents: number }) => sum + c.incidents, 0)).toBe(7);
  });

  it('takes the filters: only SEV2, which started in hours', async () => {
    const { body } = await get('start-times', { ...MARCH, severity: 'SEV2' }).expect(200);
    expect(body).toMatchObject({ incidents: 1, excluded: 0, outOfHours: 0, outOfHoursShare: 0 });
    expect(cell(body, 2, 16)).toBe(1);
  });

  it('counts the measured values of a metric per duration bucket, n as GET /metrics gives it', async () => {
    const [{ body }, summary] = await Promise.all([get('distribution', { ...MARCH, metric: 'ttr' }).expect(200), get('', MARCH).expect(200)]);
    expect(body.metric).toBe('ttr');
    expect(body.buckets.map((b: { incidents: number }) => b.incidents)).toEqual([2, 1, 0, 2, 0, 0, 0, 0, 0, 1]);
    expect(body.buckets[3]).toEqual({ label: '1–2 h', fromSeconds: 3_600, toSeconds: 7_200, incidents: 2 });
    expect(body.buckets[9].toSeconds).toBeNull();
    expect(body.n).toBe(6);
    expect(summary.body.groups[0].metrics.ttr.n).toBe(body.n);
  });

  it('answers every bucket empty when nothing is in scope', async () => {
    const { body } = await get('distribution', { from: '2020-01-01T00:00:00Z', to: '2020-02-01T00:00:00Z', metric: 'ttm' }).expect(200);
    expect(body.n).toBe(0);
    expect(body.buckets.every((b: { incidents: number }) => b.incidents === 0)).toBe(true);
    const start = await get('start-times', { from: '2020-01-01T00:00:00Z', to: '2020-02-01T00:00:00Z' }).expect(200);
    expect(start.body).toMatchObject({ incidents: 0, outOfHoursShare: null });
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['distribution', { ...MARCH, metric: 'ttRetro' }, 'metric'],
    ['distribution', MARCH, 'metric'],
    ['start-times', { to: MARCH.to }, 'from'],
    ['start-times', { ...MARCH, groupBy: 'severity' }, 'groupBy'],
  ])('GET /metrics/%s with %j is refused naming %s', async (path, query, field) => {
    const response = await get(path, query).expect(400);
    expect(String(response.body.message)).toContain(field);
  });

  it('refuses anonymous callers', async () => {
    await t.anonymous().get('/api/v1/metrics/start-times').query(MARCH).expect(401);
  });
});
