import request from 'supertest';
import { incidentBody } from '../factories/incidents.js';
import { FixedClock, startTestApp, type TestApp } from '../support/app.js';

describe('incidents API', () => {
  let t: TestApp;
  const clock = new FixedClock(new Date('2026-03-01T12:00:00Z'));
  beforeAll(async () => {
    t = await startTestApp({ clock });
    await t.db.dataSource.query(`INSERT INTO teams (name) VALUES ('Payments'), ('Platform')`);
    await t.db.dataSource.query(`INSERT INTO services (name, functionality) VALUES ('payments-api', 'Checkout'), ('auth', 'Sign-in')`);
  });
  afterAll(() => t.close());

  const api = () => t.request();

  it('creates an incident with a key, services and team, and reads it back by id and by key', async () => {
    const created = await api()
      .post('/api/v1/incidents')
      .send(incidentBody({ startedAt: '2026-03-01T10:30:00+01:00', services: ['payments-api'], owningTeam: 'Payments', tags: ['db'] }))
      .expect(201);
    expect(created.body).toMatchObject({
      key: expect.stringMatching(/^INC-2026-\d{4}$/),
      severity: 'SEV2',
      peakSeverity: 'SEV2',
      status: 'active',
      startedAt: '2026-03-01T09:30:00.000Z',
      services: ['payments-api'],
      owningTeam: 'Payments',
      version: 1,
    });
    const byKey = await api().get(`/api/v1/incidents/${created.body.key.toLowerCase()}`).expect(200);
    expect(byKey.body.id).toBe(created.body.id);
    const byId = await api().get(`/api/v1/incidents/${created.body.id}`).expect(200);
    expect(byId.body.key).toBe(created.body.key);
  });

  it('numbers keys per year of the start', async () => {
    const a = await api().post('/api/v1/incidents').send(incidentBody({ startedAt: '2019-05-01T00:00:00Z', detectedAt: undefined })).expect(201);
    const b = await api().post('/api/v1/incidents').send(incidentBody({ startedAt: '2019-06-01T00:00:00Z', detectedAt: undefined })).expect(201);
    expect([a.body.key, b.body.key]).toEqual(['INC-2019-0001', 'INC-2019-0002']);
  });

  it('refuses detectedAt before startedAt with a 422 naming both fields and values', async () => {
    const response = await api()
      .post('/api/v1/incidents')
      .send(incidentBody({ startedAt: '2026-03-01T09:30:00Z', detectedAt: '2026-03-01T09:00:00Z' }))
      .expect(422);
    expect(response.body).toMatchObject({
      code: 'MILESTONE_ORDER',
      earlier: { field: 'startedAt', value: '2026-03-01T09:30:00.000Z' },
      later: { field: 'detectedAt', value: '2026-03-01T09:00:00.000Z' },
    });
    expect(response.body.message).toContain('detectedAt (2026-03-01T09:00:00.000Z) is before startedAt (2026-03-01T09:30:00.000Z)');
  });

  it('refuses an update that breaks the order against stored milestones, and keeps the stored row', async () => {
    const created = await api().post('/api/v1/incidents').send(incidentBody({ mitigatedAt: '2026-03-01T11:00:00Z' })).expect(201);
    const response = await api()
      .patch(`/api/v1/incidents/${created.body.key}`)
      .send({ version: 1, resolvedAt: '2026-03-01T10:00:00Z' })
      .expect(422);
    expect(response.body.earlier).toEqual({ field: 'mitigatedAt', value: '2026-03-01T11:00:00.000Z' });
    expect(response.body.later).toEqual({ field: 'resolvedAt', value: '2026-03-01T10:00:00.000Z' });
    const stored = await api().get(`/api/v1/incidents/${created.body.key}`).expect(200);
    expect(stored.body).toMatchObject({ resolvedAt: null, version: 1 });
  });

  it.each([
    ['a timestamp without an offset', { startedAt: '2026-03-01T09:30:00' }, 'startedAt'],
    ['an impossible date', { detectedAt: '2026-02-30T09:30:00Z' }, 'detectedAt'],
    ['an unknown impact scope', { impactScope: 'most' }, 'impactScope'],
    ['an unknown field', { colour: 'red' }, 'colour'],
  ])('refuses %s with a 400 naming the field and value', async (_name, override, field) => {
    const response = await api().post('/api/v1/incidents').send({ ...incidentBody(), ...override }).expect(400);
    expect(response.body.code).toBe('VALIDATION_FAILED');
    expect(response.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field, value: Object.values(override)[0] })]));
    expect(response.body.message).toContain(field);
  });

  it.each(['title', 'severity', 'startedAt'])('refuses an incident without %s with a 400 naming it', async (field) => {
    const body: Record<string, unknown> = { ...incidentBody() };
    delete body[field];
    const response = await api().post('/api/v1/incidents').send(body).expect(400);
    expect(response.body.errors).toEqual([expect.objectContaining({ field, problems: expect.arrayContaining([`${field} should not be null or undefined`]) })]);
    expect(response.body.message).toContain(`${field}:`);
  });

  it.each(['title', 'severity', 'services', 'customerImpact', 'impactScope', 'knownCustomersImpacted', 'tags', 'excludedFromMetrics'])(
    'refuses null for %s, which cannot be cleared, with a 400 naming it and keeps the incident as it was',
    async (field) => {
      const created = await api().post('/api/v1/incidents').send(incidentBody()).expect(201);
      const response = await api().patch(`/api/v1/incidents/${created.body.id}`).send({ version: 1, [field]: null }).expect(400);
      expect(response.body.errors).toEqual([expect.objectContaining({ field, value: null })]);
      const stored = await api().get(`/api/v1/incidents/${created.body.id}`).expect(200);
      expect(stored.body.version).toBe(1);
      expect(stored.body[field]).toEqual(created.body[field]);
    },
  );

  it.each([
    ['severity', { severity: 'SEV9' }, /severity: no severity level "SEV9" \(known: SEV1, SEV2, SEV3\)/],
    ['owningTeam', { owningTeam: 'Nobody' }, /owningTeam: no team "Nobody"/],
    ['services', { services: ['payments-api', 'ghost'] }, /services: no service "ghost"/],
  ])('refuses an unknown %s with a 422 and stores nothing', async (_field, override, message) => {
    const before = await api().get('/api/v1/incidents').expect(200);
    const response = await api().post('/api/v1/incidents').send(incidentBody(override)).expect(422);
    expect(response.body.message).toMatch(message);
    const after = await api().get('/api/v1/incidents').expect(200);
    expect(after.body.total).toBe(before.body.total);
  });

  it('refuses a stale version with a 409 carrying the current version, and loses nothing', async () => {
    const created = await api().post('/api/v1/incidents').send(incidentBody()).expect(201);
    const first = await api().patch(`/api/v1/incidents/${created.body.id}`).send({ version: 1, title: 'First editor' }).expect(200);
    expect(first.body.version).toBe(2);
    const second = await api().patch(`/api/v1/incidents/${created.body.id}`).send({ version: 1, title: 'Second editor' }).expect(409);
    expect(second.body).toMatchObject({ code: 'VERSION_CONFLICT', currentVersion: 2, givenVersion: 1 });
    const stored = await api().get(`/api/v1/incidents/${created.body.id}`).expect(200);
    expect(stored.body.title).toBe('First editor');
  });

  it('lets exactly one of two concurrent edits of the same version win', async () => {
    const created = await api().post('/api/v1/incidents').send(incidentBody()).expect(201);
    const results = await Promise.all(
      ['A', 'B', 'C'].map((who) => api().patch(`/api/v1/incidents/${created.body.id}`).send({ version: 1, commander: who })),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409]);
    const winner = results.find((r) => r.status === 200)!.body.commander;
    const stored = await api().get(`/api/v1/incidents/${created.body.id}`).expect(200);
    expect(stored.body).toMatchObject({ commander: winner, version: 2 });
  });

  it('answers every loser of concurrent severity changes 409 VERSION_CONFLICT, never 404', async () => {
    // The locking read joined the severity levels: re-checked against the winner's row, its old join failed and found nothing.
    for (let run = 0; run < 3; run++) {
      const created = await api().post('/api/v1/incidents').send(incidentBody({ severity: 'SEV2' })).expect(201);
      const results = await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          api().patch(`/api/v1/incidents/${created.body.id}`).send({ version: 1, severity: i % 2 ? 'SEV1' : 'SEV3', commander: `c${i}` })),
      );
      const statuses = results.map((r) => r.status);
      expect(statuses.filter((s) => s === 200)).toHaveLength(1);
      expect(statuses.filter((s) => s !== 200).map((s) => s)).toEqual(Array(49).fill(409));
      expect(results.find((r) => r.status === 409)!.body).toMatchObject({ code: 'VERSION_CONFLICT', givenVersion: 1, currentVersion: 2 });
      const winner = results.find((r) => r.status === 200)!.body;
      const stored = await api().get(`/api/v1/incidents/${created.body.id}`).expect(200);
      expect(stored.body).toMatchObject({ severity: winner.severity, commander: winner.commander, version: 2 });
    }
  });

  it('records severity changes in history and the timeline, and keeps the peak severity', async () => {
    const created = await api().post('/api/v1/incidents').send(incidentBody({ severity: 'SEV3' })).expect(201);
    clock.set(new Date('2026-03-01T10:00:00Z'));
    const up = await api()
      .patch(`/api/v1/incidents/${created.body.id}`)
      .send({ version: 1, severity: 'SEV1', severityChangeReason: 'All EU customers affected' })
      .expect(200);
    expect(up.body).toMatchObject({ severity: 'SEV1', peakSeverity: 'SEV1' });
    clock.set(new Date('2026-03-01T11:00:00Z'));
    const down = await api().patch(`/api/v1/incidents/${created.body.id}`).send({ version: 2, severity: 'SEV2' }).expect(200);
    expect(down.body).toMatchObject({ severity: 'SEV2', peakSeverity: 'SEV1' });
    const history = await api().get(`/api/v1/incidents/${created.body.id}/severity-history`).expect(200);
    expect(history.body.map((h: { from: string | null; to: string }) => [h.from, h.to])).toEqual([[null, 'SEV3'], ['SEV3', 'SEV1'], ['SEV1', 'SEV2']]);
    expect(history.body[1]).toMatchObject({ changedAt: '2026-03-01T10:00:00.000Z', reason: 'All EU customers affected' });
    const timeline = await t.db.dataSource.query(`SELECT kind, body FROM timeline_entries WHERE incident_id = $1 ORDER BY occurred_at`, [created.body.id]);
    expect(timeline).toEqual([
      { kind: 'severity_change', body: 'Severity changed from SEV3 to SEV1: All EU customers affected' },
      { kind: 'severity_change', body: 'Severity changed from SEV1 to SEV2' },
    ]);
  });

  it('clears an optional milestone with null but never the start', async () => {
    const created = await api().post('/api/v1/incidents').send(incidentBody()).expect(201);
    const cleared = await api().patch(`/api/v1/incidents/${created.body.id}`).send({ version: 1, detectedAt: null }).expect(200);
    expect(cleared.body.detectedAt).toBeNull();
    const refused = await api().patch(`/api/v1/incidents/${created.body.id}`).send({ version: 2, startedAt: null }).expect(400);
    expect(refused.body.message).toMatch(/startedAt/);
  });

  it('derives status from milestones', async () => {
    const created = await api()
      .post('/api/v1/incidents')
      .send(incidentBody({ mitigatedAt: '2026-03-01T10:00:00Z', resolvedAt: '2026-03-01T11:00:00Z' }))
      .expect(201);
    expect(created.body.status).toBe('resolved');
  });

  it('refuses a second incident with the same source and external id', async () => {
    await api().post('/api/v1/incidents').send(incidentBody({ source: 'statuspage', externalId: 'abc123' })).expect(201);
    const duplicate = await api().post('/api/v1/incidents').send(incidentBody({ source: 'statuspage', externalId: 'abc123' })).expect(409);
    expect(duplicate.body.message).toContain('statuspage/abc123');
  });

  it('deletes an incident and its children', async () => {
    const created = await api().post('/api/v1/incidents').send(incidentBody()).expect(201);
    await api().delete(`/api/v1/incidents/${created.body.key}?version=7`).expect(409);
    await api().delete(`/api/v1/incidents/${created.body.key}`).expect(204);
    await api().get(`/api/v1/incidents/${created.body.key}`).expect(404);
    const [{ count }] = await t.db.dataSource.query(`SELECT count(*)::int AS count FROM severity_changes WHERE incident_id = $1`, [created.body.id]);
    expect(count).toBe(0);
  });

  it('answers 404 naming what was asked for', async () => {
    const response = await api().get('/api/v1/incidents/INC-1999-9999').expect(404);
    expect(response.body).toMatchObject({ code: 'NOT_FOUND', message: 'Incident "INC-1999-9999" not found' });
  });
});

describe('incident list', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    await t.db.dataSource.query(`INSERT INTO teams (name) VALUES ('Payments'), ('Platform')`);
    await t.db.dataSource.query(`INSERT INTO services (name) VALUES ('payments-api'), ('auth')`);
    const api = t.request();
    const bodies = [
      { title: 'Card payments failing', severity: 'SEV1', startedAt: '2026-01-05T10:00:00Z', services: ['payments-api'], owningTeam: 'Payments', tags: ['db', 'customer'] },
      { title: 'Login slow', severity: 'SEV2', startedAt: '2026-01-10T10:00:00Z', services: ['auth'], owningTeam: 'Platform', mitigatedAt: '2026-01-10T11:00:00Z' },
      { title: 'Refunds delayed 100%_sure', severity: 'SEV3', startedAt: '2026-02-01T10:00:00Z', services: ['payments-api', 'auth'], owningTeam: 'Payments', tags: ['db'], resolvedAt: '2026-02-01T12:00:00Z' },
      { title: 'Old outage', severity: 'SEV2', startedAt: '2025-12-31T23:59:59Z', source: 'pagerduty', externalId: 'P1' },
    ];
    for (const body of bodies) await api.post('/api/v1/incidents').send(body).expect(201);
  });
  afterAll(() => t.close());

  const titles = async (query: string) => {
    const response = await t.request().get(`/api/v1/incidents?${query}`).expect(200);
    return response.body.items.map((i: { title: string }) => i.title);
  };

  it.each([
    ['', ['Refunds delayed 100%_sure', 'Login slow', 'Card payments failing', 'Old outage']],
    ['from=2026-01-01T00:00:00Z&to=2026-02-01T10:00:00Z', ['Login slow', 'Card payments failing']],
    ['severity=SEV1&severity=SEV3', ['Refunds delayed 100%_sure', 'Card payments failing']],
    ['severity=SEV1,SEV2', ['Login slow', 'Card payments failing', 'Old outage']],
    ['service=auth', ['Refunds delayed 100%_sure', 'Login slow']],
    ['team=Payments', ['Refunds delayed 100%_sure', 'Card payments failing']],
    ['status=active', ['Card payments failing', 'Old outage']],
    ['status=mitigated,resolved', ['Refunds delayed 100%_sure', 'Login slow']],
    ['tag=db&tag=customer', ['Card payments failing']],
    ['source=pagerduty', ['Old outage']],
    ['q=LOGIN', ['Login slow']],
    ['q=100%25_', ['Refunds delayed 100%_sure']],
    ['q=%25', ['Refunds delayed 100%_sure']],
  ])('filters %s', async (query, expected) => {
    expect(await titles(query)).toEqual(expected);
  });

  it('pages with a cursor through every incident exactly once', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const response: request.Response = await t.request()
        .get(`/api/v1/incidents?limit=3${cursor ? `&cursor=${cursor}` : ''}`)
        .expect(200);
      expect(response.body.total).toBe(4);
      seen.push(...response.body.items.map((i: { key: string }) => i.key));
      cursor = response.body.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(4);
    expect(new Set(seen).size).toBe(4);
  });

  it.each([
    ['limit=0', 'limit'],
    ['limit=501', 'limit'],
    ['status=open', 'status'],
    ['from=yesterday', 'from'],
    ['cursor=garbage', 'cursor'],
  ])('refuses %s naming the parameter', async (query, field) => {
    const response = await t.request().get(`/api/v1/incidents?${query}`).expect(400);
    expect(response.body.message).toContain(field);
  });

  it('treats SQL metacharacters in filters as plain values', async () => {
    expect(await titles(`q=${encodeURIComponent("'; DROP TABLE incidents; --")}`)).toEqual([]);
    expect(await titles(`team=${encodeURIComponent("Payments' OR '1'='1")}`)).toEqual([]);
    expect((await t.request().get('/api/v1/incidents').expect(200)).body.total).toBe(4);
  });
});
