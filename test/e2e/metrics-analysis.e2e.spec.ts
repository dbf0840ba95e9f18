import type { Response } from 'supertest';
import type { MetricIncident } from '../../src/metrics/core/intervals.js';
import { after } from '../factories/metric-incidents.js';
import { FixedClock, startTestApp, type TestApp } from '../support/app.js';
import { insertMetricIncidents } from '../support/metric-incidents-db.js';

/**
 * GET /api/v1/metrics/{sla, severity-trends, changes, data-quality} against hand-computed tables. Each
 * block writes its own incidents into its own year, and asks only for that year. Reporting zone UTC.
 */
const NOW = new Date('2026-06-15T12:00:00Z');
const H = 3600;
const D = 86400;

describe('metrics analysis API', () => {
  let t: TestApp;
  const clock = new FixedClock(NOW);
  beforeAll(async () => {
    t = await startTestApp({ clock, env: { REPORT_TIMEZONE: 'UTC' } });
  });
  afterAll(() => t.close());

  const insert = (incidents: MetricIncident[]) => insertMetricIncidents(t.db.dataSource, incidents);
  const get = (path: string, query: Record<string, unknown>, role: 'viewer' | 'admin' = 'viewer') =>
    t.request(role).get(`/api/v1/metrics/${path}`).query(query);
  const namesField = (response: Response, field: string) =>
    (response.body.errors ?? []).some((e: { field: string }) => e.field === field) && String(response.body.message).includes(field);

  describe('GET /metrics/sla', () => {
    // SEV1 targets: ack 15 min, mitigate 4 h, resolve 24 h. SEV2: ack 30 min, mitigate 8 h, resolve 72 h.
    const MAY = { from: '2026-05-01T00:00:00Z', to: '2026-07-01T00:00:00Z' };
    let ids: string[];
    beforeAll(async () => {
      ids = await insert([
        // A: ack 600 s met, mitigated in 1 h met, resolved after 25 h: resolve breached.
        after('2026-05-01T00:00:00Z', { detectedAt: 60, acknowledgedAt: 660, mitigatedAt: H, resolvedAt: 25 * H }, { severity: 'SEV1' }),
        // B: ack 1000 s breached, mitigated after 20000 s breached, resolved after 30000 s met.
        after('2026-05-02T00:00:00Z', { detectedAt: 0, acknowledgedAt: 1000, mitigatedAt: 20000, resolvedAt: 30000 }, { severity: 'SEV1' }),
        // C: detected at +2 min, nothing since, six weeks ago: three open breaches.
        after('2026-05-03T00:00:00Z', { detectedAt: 120 }, { severity: 'SEV1' }),
        // D: started an hour before now, detected 10 min later, not acknowledged: ack open (deadline 11:40), the rest pending.
        after('2026-06-15T11:00:00Z', { detectedAt: 600 }, { severity: 'SEV2' }),
        // E: a game day: nothing judged.
        after('2026-05-05T00:00:00Z', { detectedAt: 60, acknowledgedAt: 120, mitigatedAt: 180, resolvedAt: 240 }, { severity: 'SEV2', excludedFromMetrics: true }),
        // F: resolved, never detected nor acknowledged: ack not judged (missing start), mitigate and resolve met.
        after('2026-05-06T00:00:00Z', { mitigatedAt: 100, resolvedAt: 200 }, { severity: 'SEV2' }),
        // G: acknowledged before detected: ack's own ends out of order (order); mitigate and resolve met.
        after('2026-05-07T00:00:00Z', { detectedAt: 600, acknowledgedAt: 300, mitigatedAt: 1000, resolvedAt: 2000 }, { severity: 'SEV2' }),
      ]);
      await t.db.dataSource.query(`UPDATE incidents SET title = 'Checkout down' WHERE id = $1`, [ids[2]]);
    });
    afterEach(() => clock.set(NOW));

    const counts = (breached: number, met: number, open: number, pending: number, notEvaluated: Partial<Record<string, number>> = {}) => ({
      breached, met, n: breached + met, breachRate: breached + met > 0 ? breached / (breached + met) : null, open, pending,
      notEvaluated: { noTarget: 0, excluded: 0, missing: 0, order: 0, ...notEvaluated },
    });

    it('counts breached, met, open, pending and not evaluated per severity and kind', async () => {
      const response = await get('sla', { ...MAY, groupBy: 'severity' }).expect(200);
      expect(response.body.now).toBe(NOW.toISOString());
      expect(response.body.groups).toEqual([
        { key: { severity: 'SEV1' }, incidents: 3, sla: { ack: counts(1, 1, 1, 0), mitigate: counts(1, 1, 1, 0), resolve: counts(1, 1, 1, 0) } },
        {
          key: { severity: 'SEV2' }, incidents: 4,
          sla: {
            ack: counts(0, 0, 1, 0, { excluded: 1, missing: 1, order: 1 }),
            mitigate: counts(0, 2, 0, 1, { excluded: 1 }),
            resolve: counts(0, 2, 0, 1, { excluded: 1 }),
          },
        },
      ]);
    });

    it('lists the open breaches at the clock\'s now, earliest deadline first, with how overdue they are', async () => {
      const response = await get('sla', MAY).expect(200);
      expect(response.body.openBreachesTotal).toBe(4);
      expect(response.body.openBreaches).toEqual([
        { id: ids[2], key: expect.any(String), title: 'Checkout down', severity: 'SEV1', kind: 'ack', targetSeconds: 900, deadline: '2026-05-03T00:17:00.000Z', overdueSeconds: 43 * D + 11 * H + 43 * 60 },
        expect.objectContaining({ id: ids[2], kind: 'mitigate', deadline: '2026-05-03T04:00:00.000Z', overdueSeconds: 43 * D + 8 * H }),
        expect.objectContaining({ id: ids[2], kind: 'resolve', deadline: '2026-05-04T00:00:00.000Z', overdueSeconds: 42 * D + 12 * H }),
        expect.objectContaining({ id: ids[3], severity: 'SEV2', kind: 'ack', targetSeconds: 1800, deadline: '2026-06-15T11:40:00.000Z', overdueSeconds: 1200 }),
      ]);
      // Without groupBy: one group, key {}, the sums.
      expect(response.body.groups).toEqual([
        { key: {}, incidents: 7, sla: { ack: counts(1, 1, 2, 0, { excluded: 1, missing: 1, order: 1 }), mitigate: counts(1, 3, 1, 1, { excluded: 1 }), resolve: counts(1, 3, 1, 1, { excluded: 1 }) } },
      ]);
    });

    it('judges open breaches against the injected clock: before the deadline the kind is pending', async () => {
      clock.set(new Date('2026-06-15T11:40:00Z')); // exactly on D's ack deadline: not yet a breach
      const response = await get('sla', { ...MAY, severity: 'SEV2' }).expect(200);
      expect(response.body.openBreaches).toEqual([]);
      expect(response.body.groups[0].sla.ack).toEqual(counts(0, 0, 0, 1, { excluded: 1, missing: 1, order: 1 }));
    });

    it('answers one empty group when nothing is in scope', async () => {
      const response = await get('sla', { from: '2030-01-01T00:00:00Z', to: '2030-02-01T00:00:00Z' }).expect(200);
      expect(response.body.groups).toEqual([{ key: {}, incidents: 0, sla: { ack: counts(0, 0, 0, 0), mitigate: counts(0, 0, 0, 0), resolve: counts(0, 0, 0, 0) } }]);
      expect(response.body).toMatchObject({ openBreaches: [], openBreachesTotal: 0 });
    });

    it('groups by period in the reporting zone', async () => {
      const response = await get('sla', { ...MAY, groupBy: 'period:month' }).expect(200);
      expect(response.body.groups.map((g: { key: object; incidents: number }) => [g.key, g.incidents])).toEqual([
        [{ period: '2026-05', periodStart: '2026-05-01T00:00:00.000Z' }, 6],
        [{ period: '2026-06', periodStart: '2026-06-01T00:00:00.000Z' }, 1],
      ]);
    });
  });

  describe('GET /metrics/severity-trends', () => {
    const Q1_2025 = { from: '2025-01-01T00:00:00Z', to: '2025-04-01T00:00:00Z' };
    beforeAll(async () => {
      await insert([
        after('2025-01-05T10:00:00Z', {}, { severity: 'SEV1' }),
        after('2025-01-06T10:00:00Z', {}, { severity: 'SEV2' }),
        after('2025-01-07T10:00:00Z', {}, { severity: 'SEV2' }),
        after('2025-01-31T23:59:59Z', {}, { severity: 'SEV2' }),
        after('2025-03-01T00:00:00Z', {}, { severity: 'SEV3' }),
        after('2025-03-20T00:00:00Z', {}, { severity: 'SEV3' }),
        after('2025-03-21T00:00:00Z', {}, { severity: 'SEV1', excludedFromMetrics: true }),
        after('2025-04-01T00:00:00Z', {}, { severity: 'SEV1' }), // just outside [from, to)
      ]);
    });

    const level = (severity: string, incidents: number, share: number | null) => ({ severity, name: expect.any(String), incidents, share });

    it('gives every month and every level, zeros included, shares of the counted total, excluded incidents apart', async () => {
      const response = await get('severity-trends', { ...Q1_2025, period: 'month' }).expect(200);
      expect(response.body).toEqual({
        period: 'month', timeZone: 'UTC', total: 6, excluded: 1,
        periods: [
          { period: '2025-01', periodStart: '2025-01-01T00:00:00.000Z', total: 4, excluded: 0, severities: [level('SEV1', 1, 0.25), level('SEV2', 3, 0.75), level('SEV3', 0, 0)] },
          { period: '2025-02', periodStart: '2025-02-01T00:00:00.000Z', total: 0, excluded: 0, severities: [level('SEV1', 0, null), level('SEV2', 0, null), level('SEV3', 0, null)] },
          { period: '2025-03', periodStart: '2025-03-01T00:00:00.000Z', total: 2, excluded: 1, severities: [level('SEV1', 0, 0), level('SEV2', 0, 0), level('SEV3', 2, 1)] },
        ],
      });
    });

    it('defaults to months, takes other periods and the filters', async () => {
      const byDefault = await get('severity-trends', Q1_2025).expect(200);
      expect(byDefault.body.periods).toHaveLength(3);
      const quarter = await get('severity-trends', { ...Q1_2025, period: 'quarter', severity: 'SEV2,SEV3' }).expect(200);
      expect(quarter.body.periods).toEqual([
        { period: '2025-Q1', periodStart: '2025-01-01T00:00:00.000Z', total: 5, excluded: 0, severities: [level('SEV2', 3, 0.6), level('SEV3', 2, 0.4)] },
      ]);
    });
  });

  describe('GET /metrics/changes', () => {
    const H1_2024 = { from: '2024-01-01T00:00:00Z', to: '2024-07-01T00:00:00Z' };
    const spread = (firstDay: string, severity: string, ttms: number[]) =>
      ttms.map((ttm, i) => after(`${firstDay.slice(0, 8)}${String(i + 2).padStart(2, '0')}T08:00:00Z`, { detectedAt: 60, mitigatedAt: ttm, resolvedAt: ttm + 600 }, { severity }));
    beforeAll(async () => {
      await insert([
        // SEV1 time to mitigate: 2–4 h in Q1, 10–22 min in Q2. Every Q2 value is below every Q1 value.
        ...spread('2024-02-01', 'SEV1', [7200, 8200, 9200, 10200, 11200, 12200, 13200, 14200]),
        ...spread('2024-05-01', 'SEV1', [600, 700, 800, 900, 1000, 1100, 1200, 1300]),
        // Left out in Q2: a drill with a huge TTM, and an unmitigated incident.
        after('2024-06-20T08:00:00Z', { mitigatedAt: 100 * H }, { severity: 'SEV1', excludedFromMetrics: true }),
        after('2024-06-21T08:00:00Z', { detectedAt: 60 }, { severity: 'SEV1' }),
        // SEV2: interleaved values, no shift.
        ...spread('2024-02-01', 'SEV2', [1000, 3000, 5000, 7000, 9000, 11000]),
        ...spread('2024-05-01', 'SEV2', [2000, 4000, 6000, 8000, 10000, 12000]),
      ]);
    });

    it('answers "did our SEV1 time to mitigate improve last quarter?" in one call', async () => {
      const response = await get('changes', { metric: 'ttm', period: 'quarter', severity: 'SEV1', ...H1_2024 }).expect(200);
      expect(response.body).toMatchObject({ metric: 'ttm', period: 'quarter', test: 'mann-whitney-u', alpha: 0.05, minSampleSize: 5 });
      expect(response.body.method).toContain('Mann–Whitney U');
      expect(response.body.groups).toEqual([
        {
          key: {},
          periods: [
            { period: '2024-Q1', periodStart: '2024-01-01T00:00:00.000Z', incidents: 8, n: 8, median: 10700, excluded: { missing: 0, order: 0, excluded: 0 }, change: null },
            {
              period: '2024-Q2', periodStart: '2024-04-01T00:00:00.000Z', incidents: 10, n: 8, median: 950, excluded: { missing: 1, order: 0, excluded: 1 },
              change: {
                label: 'improved', test: 'mann-whitney-u', u: 0, method: 'exact', pValue: expect.closeTo(2 / 12870, 12),
                nPrevious: 8, nCurrent: 8, medianPrevious: 10700, medianCurrent: 950,
              },
            },
          ],
        },
      ]);
    });

    it('splits by severity: SEV1 improved, SEV2 no clear change', async () => {
      const response = await get('changes', { metric: 'ttm', period: 'quarter', groupBy: 'severity', ...H1_2024 }).expect(200);
      const verdicts = response.body.groups.map((g: { key: object; periods: { change: { label: string; nPrevious: number; nCurrent: number } | null }[] }) => [
        g.key, g.periods[1].change?.label, g.periods[1].change?.nPrevious, g.periods[1].change?.nCurrent,
      ]);
      expect(verdicts).toEqual([[{ severity: 'SEV1' }, 'improved', 8, 8], [{ severity: 'SEV2' }, 'no clear change', 6, 6]]);
      expect(response.body.groups[1].periods[1].change.pValue).toBeGreaterThan(0.05);
    });

    it('lists empty periods with n = 0 and calls nothing a change without values', async () => {
      const response = await get('changes', { metric: 'ttm', period: 'month', severity: 'SEV1', ...H1_2024 }).expect(200);
      const periods = response.body.groups[0].periods;
      expect(periods.map((p: { period: string; n: number }) => [p.period, p.n])).toEqual([
        ['2024-01', 0], ['2024-02', 8], ['2024-03', 0], ['2024-04', 0], ['2024-05', 8], ['2024-06', 0],
      ]);
      expect(periods[1].change).toMatchObject({ label: 'no clear change', pValue: null, u: null, nPrevious: 0, nCurrent: 8 });
    });
  });

  describe('GET /metrics/data-quality', () => {
    const YEAR_2023 = { from: '2023-01-01T00:00:00Z', to: '2024-01-01T00:00:00Z' };
    let ids: string[];
    beforeAll(async () => {
      ids = await insert([
        // P: a game day, complete.
        after('2023-03-01T00:00:00Z', { detectedAt: 60, acknowledgedAt: 120, investigatingAt: 180, mitigatedAt: 240, resolvedAt: 300, retroDoneAt: 3 * D }, { excludedFromMetrics: true }),
        // Q: detected a minute before it started; never acknowledged. Only TTD runs between the two (issue 11).
        after('2023-04-01T00:00:00Z', { detectedAt: -60, mitigatedAt: H, resolvedAt: 2 * H, retroDoneAt: 2 * D }),
        // R: still open, in order.
        after('2023-05-01T00:00:00Z', { detectedAt: 60 }),
        // S: complete and in order.
        after('2023-02-01T00:00:00Z', { detectedAt: 60, acknowledgedAt: 120, investigatingAt: 180, mitigatedAt: 240, resolvedAt: 300, retroDoneAt: D }),
      ]);
      await t.db.dataSource.query(`UPDATE incidents SET exclusion_reason = 'Game day' WHERE id = $1`, [ids[0]]);
    });

    it('lists incidents left out for excluded or order, newest first, with the reason per metric, and counts every reason', async () => {
      const response = await get('data-quality', YEAR_2023).expect(200);
      expect(response.body.items).toEqual([
        {
          id: ids[1], key: expect.any(String), title: 'generated', startedAt: '2023-04-01T00:00:00.000Z', excludedFromMetrics: false, exclusionReason: null,
          orderViolation: true, suspectMilestones: ['startedAt', 'detectedAt'], missing: ['tta', 'tte'],
          outOfOrderPairs: [{ earlier: { field: 'startedAt', value: '2023-04-01T00:00:00.000Z' }, later: { field: 'detectedAt', value: '2023-03-31T23:59:00.000Z' } }],
          leftOutOf: { ttd: 'order', tta: 'missing', tte: 'missing' },
        },
        {
          id: ids[0], key: expect.any(String), title: 'generated', startedAt: '2023-03-01T00:00:00.000Z', excludedFromMetrics: true, exclusionReason: 'Game day',
          orderViolation: false, outOfOrderPairs: [], suspectMilestones: [], missing: [],
          leftOutOf: { ttd: 'excluded', tta: 'excluded', tte: 'excluded', ttm: 'excluded', ttr: 'excluded', ttRetro: 'excluded' },
        },
      ]);
      expect(response.body).toMatchObject({ total: 2, nextCursor: null, listedReasons: ['excluded', 'order'] });
      expect(response.body.summary).toEqual({
        incidents: 4, excluded: 1, order: 1, missing: 2, outOfOrder: 1,
        byMetric: {
          ttd: { counted: 2, excluded: 1, missing: 0, order: 1 },
          tta: { counted: 1, excluded: 1, missing: 2, order: 0 },
          tte: { counted: 1, excluded: 1, missing: 2, order: 0 },
          ttm: { counted: 2, excluded: 1, missing: 1, order: 0 },
          ttr: { counted: 2, excluded: 1, missing: 1, order: 0 },
          ttRetro: { counted: 2, excluded: 1, missing: 1, order: 0 },
        },
      });
    });

    it('lists incidents left out only for a missing milestone with include=missing', async () => {
      const response = await get('data-quality', { ...YEAR_2023, include: 'missing' }).expect(200);
      expect(response.body.items.map((i: { id: string }) => i.id)).toEqual([ids[2], ids[1], ids[0]]);
      expect(response.body.items[0]).toMatchObject({ missing: ['tta', 'tte', 'ttm', 'ttr', 'ttRetro'], leftOutOf: { tta: 'missing', ttRetro: 'missing' } });
      expect(response.body.total).toBe(3);
    });

    it('pages with limit and cursor, no incident twice or lost', async () => {
      const seen: string[] = [];
      let cursor: string | undefined;
      for (let page = 0; page < 5; page++) {
        const response = await get('data-quality', { ...YEAR_2023, include: 'missing', limit: 1, ...(cursor ? { cursor } : {}) }).expect(200);
        expect(response.body.total).toBe(3);
        seen.push(...response.body.items.map((i: { id: string }) => i.id));
        cursor = response.body.nextCursor ?? undefined;
        if (!cursor) break;
      }
      expect(seen).toEqual([ids[2], ids[1], ids[0]]);
    });
  });

  describe('an incident posted after it ended (Google Cloud status history)', () => {
    // begin 10:00 = startedAt, created 14:00 = detectedAt, end 12:00 = mitigatedAt = resolvedAt; SEV2 (mitigate 8 h, resolve 72 h).
    const YEAR_2022 = { from: '2022-01-01T00:00:00Z', to: '2023-01-01T00:00:00Z' };
    let id: string;
    beforeAll(async () => {
      [id] = await insert([after('2022-06-01T10:00:00Z', { detectedAt: 4 * H, mitigatedAt: 2 * H, resolvedAt: 2 * H }, { severity: 'SEV2' })]);
    });

    it('keeps its time to mitigate and to resolve (2 h) and its time to detect (4 h)', async () => {
      const response = await t.request('viewer').get('/api/v1/metrics').query(YEAR_2022).expect(200);
      const { ttd, tta, ttm, ttr } = response.body.groups[0].metrics;
      expect([ttd.n, ttd.median, ttm.n, ttm.median, ttr.n, ttr.median]).toEqual([1, 4 * H, 1, 2 * H, 1, 2 * H]);
      expect([ttm.excluded, tta.excluded]).toEqual([{ missing: 0, order: 0, excluded: 0 }, { missing: 1, order: 0, excluded: 0 }]);
    });

    it('is judged for the mitigate and resolve targets from its start', async () => {
      const response = await get('sla', YEAR_2022).expect(200);
      const { ack, mitigate, resolve } = response.body.groups[0].sla;
      expect([mitigate.met, mitigate.notEvaluated.order, resolve.met, resolve.notEvaluated.order]).toEqual([1, 0, 1, 0]);
      expect(ack.notEvaluated.missing).toBe(1);
    });

    it('is listed under data quality with both pairs, though no metric leaves it out', async () => {
      const response = await get('data-quality', YEAR_2022).expect(200);
      expect(response.body.items).toEqual([
        expect.objectContaining({
          id, orderViolation: true, suspectMilestones: ['detectedAt', 'mitigatedAt', 'resolvedAt'],
          outOfOrderPairs: [
            { earlier: { field: 'detectedAt', value: '2022-06-01T14:00:00.000Z' }, later: { field: 'mitigatedAt', value: '2022-06-01T12:00:00.000Z' } },
            { earlier: { field: 'detectedAt', value: '2022-06-01T14:00:00.000Z' }, later: { field: 'resolvedAt', value: '2022-06-01T12:00:00.000Z' } },
          ],
          // Left out of nothing for order: only what it lacks (no acknowledgement, no retro yet).
          leftOutOf: { tta: 'missing', tte: 'missing', ttRetro: 'missing' },
        }),
      ]);
      expect(response.body).toMatchObject({ total: 1, summary: { incidents: 1, order: 0, missing: 1, outOfOrder: 1 } });
    });
  });

  describe('validation and access', () => {
    const RANGE = { from: '2026-01-01T00:00:00Z', to: '2026-02-01T00:00:00Z' };

    it.each([
      ['changes', { ...RANGE, metric: 'mttr' }, 'metric'],
      ['changes', { ...RANGE }, 'metric'],
      ['changes', { ...RANGE, metric: 'ttm', period: 'fortnight' }, 'period'],
      ['changes', { ...RANGE, metric: 'ttm', groupBy: 'period:month' }, 'groupBy'],
      ['changes', { ...RANGE, metric: 'ttm', groupBy: 'severity,severity' }, 'groupBy'],
      ['severity-trends', { ...RANGE, period: 'fortnight' }, 'period'],
      ['severity-trends', { from: '2000-01-01T00:00:00Z', to: '2026-01-01T00:00:00Z', period: 'day' }, 'period'],
      ['sla', { ...RANGE, groupBy: 'priority' }, 'groupBy'],
      ['sla', { ...RANGE, groupBy: 'period:month,period:week' }, 'groupBy'],
      ['data-quality', { ...RANGE, include: 'everything' }, 'include'],
      ['data-quality', { ...RANGE, limit: 0 }, 'limit'],
      ['data-quality', { ...RANGE, cursor: 'bm90IGEgY3Vyc29y' }, 'cursor'],
      ...['sla', 'severity-trends', 'data-quality'].flatMap((path) => [
        [path, { from: '2026-02-01T00:00:00Z', to: '2026-02-01T00:00:00Z' }, 'to'],
        [path, { from: '2026-03-01T00:00:00Z', to: '2026-02-01T00:00:00Z' }, 'to'],
        [path, { from: 'yesterday', to: '2026-02-01T00:00:00Z' }, 'from'],
        [path, { from: '2026-01-01T00:00:00', to: '2026-02-01T00:00:00Z' }, 'from'],
      ] as [string, Record<string, string>, string][]),
      ['changes', { metric: 'ttm', from: '2026-02-01T00:00:00Z', to: '2026-01-01T00:00:00Z' }, 'to'],
    ])('GET /metrics/%s?%j is a 400 naming %s', async (path, query, field) => {
      const response = await get(path, query).expect(400);
      expect(namesField(response, field)).toBe(true);
    });

    it.each(['sla', 'severity-trends', 'changes', 'data-quality'])('/metrics/%s is open to viewers and closed to anonymous callers', async (path) => {
      const query = { ...RANGE, metric: 'ttm' as const };
      const params = path === 'changes' ? query : RANGE;
      await get(path, params, 'viewer').expect(200);
      const anonymous = await t.anonymous().get(`/api/v1/metrics/${path}`).query(params).expect(401);
      expect(anonymous.body.code).toBe('UNAUTHENTICATED');
    });

    it('takes SQL metacharacters in every filter as plain text: nothing matches, nothing breaks', async () => {
      const NASTY = [`'; DROP TABLE incidents; --`, '%', '_', '\\', `" OR 1=1 --`, `' OR '1'='1`, '$1', `1); SELECT pg_sleep(5); --`, `'::uuid`, 'Zürich – 東京 🚒'];
      const before = (await t.db.dataSource.query(`SELECT count(*)::int AS n FROM incidents`))[0].n;
      const wide = { from: '2020-01-01T00:00:00Z', to: '2027-01-01T00:00:00Z' };
      const wrong: string[] = [];
      for (const path of ['sla', 'severity-trends', 'changes', 'data-quality']) {
        for (const filter of ['severity', 'service', 'team', 'source', 'tag']) {
          for (const value of NASTY) {
            const response = await get(path, { ...wide, metric: path === 'changes' ? 'ttm' : undefined, period: path === 'changes' || path === 'severity-trends' ? 'year' : undefined, [filter]: value });
            const body = response.body;
            const empty =
              path === 'sla' ? body.groups?.[0]?.incidents === 0 :
              path === 'severity-trends' ? body.total === 0 && body.excluded === 0 :
              path === 'changes' ? body.groups?.every((g: { periods: { incidents: number }[] }) => g.periods.every((p) => p.incidents === 0)) :
              body.summary?.incidents === 0;
            if (response.status !== 200 || !empty) wrong.push(`${path}?${filter}=${value}: ${response.status} ${body.code ?? ''}`);
          }
        }
      }
      expect(wrong).toEqual([]);
      expect((await t.db.dataSource.query(`SELECT count(*)::int AS n FROM incidents`))[0].n).toBe(before);
    });

    it('documents the four endpoints with described query parameters', async () => {
      const doc = (await t.anonymous().get('/api/docs/openapi.json').expect(200)).body;
      for (const path of ['sla', 'severity-trends', 'changes', 'data-quality']) {
        const operation = doc.paths[`/api/v1/metrics/${path}`]?.get;
        expect(operation?.summary).toBeTruthy();
        const undocumented = (operation.parameters as { name: string; description?: string }[]).filter((p) => !p.description).map((p) => p.name);
        expect(undocumented).toEqual([]);
      }
      expect(doc.paths['/api/v1/metrics/changes'].get.parameters.map((p: { name: string }) => p.name)).toEqual(
        expect.arrayContaining(['metric', 'period', 'groupBy', 'from', 'to', 'severity']),
      );
    });
  });
  describe('GET /incidents/{incident}/measures', () => {
    // SEV1 targets: ack 15 min, mitigate 4 h, resolve 24 h. Own year (2019): no other block asks for it.
    it('gives one incident\'s intervals and the state of each SLA target, by key or id, as the aggregates count them', async () => {
      const [resolved, open] = await insert([
        after('2019-05-01T00:00:00Z', { detectedAt: 60, acknowledgedAt: 660, mitigatedAt: H, resolvedAt: 25 * H }, { severity: 'SEV1' }),
        after('2019-05-02T00:00:00Z', { detectedAt: 120 }, { severity: 'SEV1' }),
      ]);
      const [{ key }] = await t.db.dataSource.query(`SELECT key FROM incidents WHERE id = $1`, [resolved]);
      const byKey = await t.request('viewer').get(`/api/v1/incidents/${key}/measures`).expect(200);
      expect(byKey.body.now).toBe(NOW.toISOString());
      expect(byKey.body.severity).toBe('SEV1');
      expect(byKey.body.intervals.map((i: { metric: string; seconds: number | null; reason: string | null }) => [i.metric, i.seconds, i.reason])).toEqual([
        ['ttd', 60, null], ['tta', 600, null], ['tte', null, 'missing'], ['ttm', H, null], ['ttr', 25 * H, null],
      ]);
      expect(byKey.body.sla).toEqual([
        { kind: 'ack', from: 'detectedAt', to: 'acknowledgedAt', state: 'met', targetSeconds: 900, deadline: '2019-05-01T00:16:00.000Z', actualSeconds: 600, reason: null },
        { kind: 'mitigate', from: 'startedAt', to: 'mitigatedAt', state: 'met', targetSeconds: 4 * H, deadline: '2019-05-01T04:00:00.000Z', actualSeconds: H, reason: null },
        { kind: 'resolve', from: 'startedAt', to: 'resolvedAt', state: 'breached', targetSeconds: 24 * H, deadline: '2019-05-02T00:00:00.000Z', actualSeconds: 25 * H, reason: null },
      ]);
      const byId = await t.request('viewer').get(`/api/v1/incidents/${open}/measures`).expect(200);
      expect(byId.body.sla.map((s: { state: string }) => s.state)).toEqual(['open_breach', 'open_breach', 'open_breach']);
      expect(byId.body.sla[0]).toMatchObject({ deadline: '2019-05-02T00:17:00.000Z', actualSeconds: null });
    });

    it('answers 404 naming an incident that does not exist', async () => {
      const response = await t.request('viewer').get('/api/v1/incidents/INC-2019-9999/measures').expect(404);
      expect(response.body.message).toContain('INC-2019-9999');
    });
  });
});
