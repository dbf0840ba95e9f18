import { after } from '../factories/metric-incidents.js';
import { scoped } from '../factories/scoped-metric-incidents.js';
import { FixedClock, startTestApp, type TestApp } from '../support/app.js';
import { insertScopedMetricIncidents, type ScopedMetricIncident } from '../support/scoped-metric-incidents-db.js';

/** GET /api/v1/metrics on hand-computed tables; the property test covers random ones. */
describe('metrics API', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ clock: new FixedClock(new Date('2027-01-15T12:00:00Z')), env: { REPORT_TIMEZONE: 'Europe/Berlin' } });
  });
  afterAll(() => t.close());
  beforeEach(() => t.db.dataSource.query('DELETE FROM incidents'));

  const insert = (incidents: ScopedMetricIncident[]) => insertScopedMetricIncidents(t.db.dataSource, incidents);
  const metrics = (query: Record<string, string | string[]>) => t.request('viewer').get('/api/v1/metrics').query(query);
  const MARCH = { from: '2026-03-01T00:00:00+01:00', to: '2026-04-01T00:00:00+02:00' };
  const none = { missing: 0, order: 0, excluded: 0 };
  const empty = { n: 0, median: null, p90: null, p95: null, mean: null, min: null, max: null };

  it('summarises ties, missing and out-of-order milestones and excluded incidents, by hand', async () => {
    await insert([
      after('2026-03-02T09:00:00Z', { detectedAt: 60 }),
      after('2026-03-03T09:00:00Z', { detectedAt: 60 }),
      after('2026-03-04T09:00:00Z', { detectedAt: 120 }),
      after('2026-03-05T09:00:00Z', { detectedAt: 600 }),
      after('2026-03-06T09:00:00Z', {}),
      after('2026-03-07T09:00:00Z', { detectedAt: -30 }),
      after('2026-03-08T09:00:00Z', { detectedAt: 5 }, { excludedFromMetrics: true }),
    ].map((i) => scoped(i)));
    const response = await metrics(MARCH).expect(200);
    expect(response.body).toMatchObject({ timeZone: 'Europe/Berlin', from: '2026-02-28T23:00:00.000Z', to: '2026-03-31T22:00:00.000Z', groupBy: [] });
    expect(response.body.groups).toHaveLength(1);
    const [group] = response.body.groups;
    expect(group.key).toEqual({});
    expect(group.incidents).toBe(7);
    // 60, 60, 120, 600: median (60 + 120) / 2; p90 at rank 2.7 = 120 + 0.7 × 480; p95 at rank 2.85 = 120 + 0.85 × 480.
    expect(group.metrics.ttd).toEqual({
      n: 4, median: 90, p90: expect.closeTo(456, 9), p95: expect.closeTo(528, 9), mean: 210, min: 60, max: 600,
      excluded: { missing: 1, order: 1, excluded: 1 },
    });
    expect(group.metrics.ttm).toEqual({ ...empty, excluded: { missing: 6, order: 0, excluded: 1 } });
    expect(Object.keys(group.metrics)).toEqual(['ttd', 'tta', 'tte', 'ttm', 'ttr', 'ttRetro']);
  });

  it('gives every statistic the one value when n = 1', async () => {
    await insert([scoped(after('2026-03-10T09:00:00Z', { mitigatedAt: 3600 }))]);
    const { body } = await metrics(MARCH).expect(200);
    expect(body.groups[0].metrics.ttm).toEqual({ n: 1, median: 3600, p90: 3600, p95: 3600, mean: 3600, min: 3600, max: 3600, excluded: none });
  });

  it('answers one group of nulls with n = 0 when nothing matches', async () => {
    await insert([scoped(after('2026-03-10T09:00:00Z', { mitigatedAt: 3600 }))]);
    const { body } = await metrics({ from: '2020-01-01T00:00:00Z', to: '2020-02-01T00:00:00Z' }).expect(200);
    expect(body.groups).toEqual([{ key: {}, incidents: 0, metrics: expect.objectContaining({ ttm: { ...empty, excluded: none }, ttRetro: { ...empty, excluded: none } }) }]);
  });

  it('buckets months at Berlin local midnight (2026-02-28T23:00Z is March) and lists empty months', async () => {
    await insert([
      scoped(after('2026-02-28T22:59:59Z', { detectedAt: 10 })),
      scoped(after('2026-02-28T23:00:00Z', { detectedAt: 20 })),
    ]);
    const { body } = await metrics({ from: '2026-01-01T00:00:00+01:00', to: MARCH.to, groupBy: 'period:month' }).expect(200);
    expect(body.groupBy).toEqual(['period:month']);
    expect(body.groups.map((g: { key: unknown; incidents: number; metrics: { ttd: { median: number | null } } }) => [g.key, g.incidents, g.metrics.ttd.median])).toEqual([
      [{ period: '2026-01', periodStart: '2025-12-31T23:00:00.000Z' }, 0, null],
      [{ period: '2026-02', periodStart: '2026-01-31T23:00:00.000Z' }, 1, 10],
      [{ period: '2026-03', periodStart: '2026-02-28T23:00:00.000Z' }, 1, 20],
    ]);
  });

  it('measures time to retro in business hours (Friday 17:00 to Monday 11:00 Berlin = 2 h) and refuses it out of order', async () => {
    await insert([
      scoped(after('2026-03-06T08:00:00Z', { resolvedAt: 8 * 3600, retroDoneAt: (8 + 66) * 3600 })),
      scoped(after('2026-03-06T08:00:00Z', { resolvedAt: 7200, retroDoneAt: 3600 })),
      scoped(after('2026-03-06T08:00:00Z', { resolvedAt: 7200 })),
    ]);
    const { body } = await metrics(MARCH).expect(200);
    expect(body.groups[0].metrics.ttRetro).toEqual({ n: 1, median: 7200, p90: 7200, p95: 7200, mean: 7200, min: 7200, max: 7200, excluded: { missing: 1, order: 1, excluded: 0 } });
    // Retro done before resolution leaves out time to retro only: TTR's own ends (started → resolved) are in order (issue 11).
    expect(body.groups[0].metrics.ttr).toMatchObject({ n: 3, min: 7200, max: 8 * 3600, excluded: { missing: 0, order: 0, excluded: 0 } });
  });

  it('counts an incident in each of its services when grouping by service, and once when filtering by them', async () => {
    await insert([
      scoped(after('2026-03-10T09:00:00Z', { mitigatedAt: 600 }), { services: ['api', 'db'] }),
      scoped(after('2026-03-11T09:00:00Z', { mitigatedAt: 1200 }), { services: ['api'] }),
      scoped(after('2026-03-12T09:00:00Z', { mitigatedAt: 5 }), { services: ['web'] }),
    ]);
    type Group = { key: { service: string }; incidents: number; metrics: { ttm: { n: number; median: number } } };
    const row = (g: Group) => [g.key.service, g.incidents, g.metrics.ttm.n, g.metrics.ttm.median];
    const grouped = await metrics({ ...MARCH, groupBy: 'service' }).expect(200);
    expect(grouped.body.groups.map(row)).toEqual([['api', 2, 2, 900], ['db', 1, 1, 600], ['web', 1, 1, 5]]);
    // The filter picks incidents; the grouping still shows each picked incident under all its services.
    const picked = await metrics({ ...MARCH, groupBy: 'service', service: 'db' }).expect(200);
    expect(picked.body.groups.map(row)).toEqual([['api', 1, 1, 600], ['db', 1, 1, 600]]);
    const filtered = await metrics({ ...MARCH, service: 'api,db' }).expect(200);
    expect(filtered.body.groups[0].incidents).toBe(2);
    expect(filtered.body.groups[0].metrics.ttm).toMatchObject({ n: 2, median: 900, mean: 900 });
  });

  it('orders groups by severity rank, then names alphabetically', async () => {
    await insert([
      scoped(after('2026-03-10T09:00:00Z', {}, { severity: 'SEV2' }), { team: 'Payments' }),
      scoped(after('2026-03-10T09:00:00Z', {}, { severity: 'SEV1' }), { team: 'Platform' }),
      scoped(after('2026-03-10T09:00:00Z', {}, { severity: 'SEV1' }), { team: 'Payments' }),
      scoped(after('2026-03-10T09:00:00Z', {}, { severity: 'SEV3' }), { team: 'Platform' }),
    ]);
    const { body } = await metrics({ ...MARCH, groupBy: ['severity', 'team'] }).expect(200);
    expect(body.groupBy).toEqual(['severity', 'team']);
    expect(body.groups.map((g: { key: unknown }) => g.key)).toEqual([
      { severity: 'SEV1', team: 'Payments' },
      { severity: 'SEV1', team: 'Platform' },
      { severity: 'SEV2', team: 'Payments' },
      { severity: 'SEV3', team: 'Platform' },
    ]);
  });

  it('answers "did our SEV1 time to mitigate improve last quarter?" in one call', async () => {
    await insert([
      scoped(after('2026-07-03T10:00:00Z', { mitigatedAt: 3600 }, { severity: 'SEV1' })),
      scoped(after('2026-08-03T10:00:00Z', { mitigatedAt: 7200 }, { severity: 'SEV1' })),
      scoped(after('2026-09-30T21:59:59Z', { mitigatedAt: 10800 }, { severity: 'SEV1' })),
      scoped(after('2026-09-30T22:00:00Z', { mitigatedAt: 1800 }, { severity: 'SEV1' })),
      scoped(after('2026-11-03T10:00:00Z', { mitigatedAt: 2400 }, { severity: 'SEV1' })),
      scoped(after('2026-11-04T10:00:00Z', { mitigatedAt: 100 }, { severity: 'SEV2' })),
    ]);
    const { body } = await metrics({ from: '2026-07-01T00:00:00+02:00', to: '2027-01-01T00:00:00+01:00', groupBy: 'period:quarter', severity: 'SEV1' }).expect(200);
    expect(body.groups.map((g: { key: unknown; incidents: number; metrics: { ttm: { n: number; median: number; p90: number } } }) => ({
      key: g.key, incidents: g.incidents, n: g.metrics.ttm.n, median: g.metrics.ttm.median,
    }))).toEqual([
      { key: { period: '2026-Q3', periodStart: '2026-06-30T22:00:00.000Z' }, incidents: 3, n: 3, median: 7200 },
      { key: { period: '2026-Q4', periodStart: '2026-09-30T22:00:00.000Z' }, incidents: 2, n: 2, median: 2100 },
    ]);
  });

  describe('refuses bad requests with 400 naming the parameter', () => {
    it.each([
      ['from equal to to', { from: '2026-03-01T00:00:00Z', to: '2026-03-01T01:00:00+01:00' }, 'to'],
      ['from after to', { from: '2026-04-01T00:00:00Z', to: '2026-03-01T00:00:00Z' }, 'to'],
      ['a missing from', { to: '2026-03-01T00:00:00Z' }, 'from'],
      ['a local time without offset', { from: '2026-03-01T00:00:00', to: '2026-04-01T00:00:00Z' }, 'from'],
      ['an unknown grouping', { ...MARCH, groupBy: 'weekday' }, 'groupBy'],
      ['two period groupings', { ...MARCH, groupBy: 'period:month,period:week' }, 'groupBy'],
      ['a grouping given twice', { ...MARCH, groupBy: ['team', 'team'] }, 'groupBy'],
    ])('%s', async (_what, query, field) => {
      const { body } = await metrics(query).expect(400);
      expect(body.errors.map((e: { field: string }) => e.field)).toContain(field);
      expect(body.message).toContain(field);
    });

    it('quotes the offending groupBy value', async () => {
      expect((await metrics({ ...MARCH, groupBy: 'weekday' }).expect(400)).body.message).toContain('weekday');
      expect((await metrics({ ...MARCH, groupBy: 'period:month,period:week' }).expect(400)).body.message).toContain('"period:week"');
    });

    it('refuses grouping by period alone into more than 1000 periods, naming groupBy and its value as severity-trends names period', async () => {
      const problem = 'gives more than 1000 periods between from and to (use a longer period or a shorter range)';
      const { body } = await metrics({ from: '2000-01-01T00:00:00Z', to: '2026-01-01T00:00:00Z', groupBy: 'period:day' }).expect(400);
      expect(body).toEqual({
        statusCode: 400, error: 'Bad Request', code: 'INVALID_INPUT', message: `groupBy: "period:day" ${problem}`,
        errors: [{ field: 'groupBy', value: 'period:day', problems: [problem] }],
      });
      // 1001 Berlin days (2020-01-01 to 2022-09-28 local) are refused by the exact count; 1000 are listed, the empty ones too.
      await insert([scoped(after('2021-06-01T09:00:00Z', { mitigatedAt: 60 }))]);
      const thousand = { from: '2020-01-01T00:00:00+01:00', to: '2022-09-27T00:00:00+02:00', groupBy: 'period:day' };
      expect((await metrics({ ...thousand, to: '2022-09-28T00:00:00+02:00' }).expect(400)).body.errors).toEqual([{ field: 'groupBy', value: 'period:day', problems: [problem] }]);
      const { body: days } = await metrics(thousand).expect(200);
      expect(days.groups).toHaveLength(1000);
      expect(days.groups[0].key).toEqual({ period: '2020-01-01', periodStart: '2019-12-31T23:00:00.000Z' });
      expect(days.groups.at(-1).key).toEqual({ period: '2022-09-26', periodStart: '2022-09-25T22:00:00.000Z' });
      expect(days.groups.filter((g: { incidents: number }) => g.incidents > 0).map((g: { key: { period: string } }) => g.key.period)).toEqual(['2021-06-01']);
      // Grouped by more than the period nothing is filled in, but so many periods are refused all the same.
      const combined = await metrics({ from: '2000-01-01T00:00:00Z', to: '2026-01-01T00:00:00Z', groupBy: 'period:day,severity' }).expect(400);
      expect(combined.body.errors).toEqual([{ field: 'groupBy', value: 'period:day', problems: [problem] }]);
    });
  });

  it('is open to viewers and closed to anonymous callers', async () => {
    await t.request('viewer').get('/api/v1/metrics').query(MARCH).expect(200);
    const anonymous = await t.anonymous().get('/api/v1/metrics').query(MARCH).expect(401);
    expect(anonymous.body.code).toBe('UNAUTHENTICATED');
  });

  it('takes SQL metacharacters in every filter as plain values', async () => {
    const nasty = `O'Brien "; DROP TABLE incidents; -- % _ \\ $1`;
    await insert([
      scoped(after('2026-03-10T09:00:00Z', { mitigatedAt: 60 }), { team: nasty, services: [nasty], tags: [nasty], source: nasty }),
      scoped(after('2026-03-10T09:00:00Z', { mitigatedAt: 60 }), { team: 'Payments', services: ['api'], tags: ['db'], source: 'hindsight' }),
    ]);
    for (const parameter of ['severity', 'service', 'team', 'source', 'tag']) {
      for (const value of [`'; DROP TABLE incidents; --`, '%', '_', `' OR '1'='1`, '$1']) {
        const { body } = await metrics({ ...MARCH, [parameter]: value }).expect(200);
        expect({ parameter, value, incidents: body.groups[0].incidents }).toEqual({ parameter, value, incidents: 0 });
      }
      if (parameter !== 'severity') {
        const { body } = await metrics({ ...MARCH, [parameter]: nasty }).expect(200);
        expect({ parameter, incidents: body.groups[0].incidents }).toEqual({ parameter, incidents: 1 });
      }
    }
    expect((await t.db.dataSource.query('SELECT count(*)::int AS n FROM incidents'))[0].n).toBe(2);
  });
});
