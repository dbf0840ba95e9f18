import { incidentBody } from '../factories/incidents.js';
import { severityLevelBody } from '../factories/severity-levels.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { whileAnotherWriterHolds } from '../support/concurrent-writer.js';

describe('severity levels API', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const api = () => t.request();
  const keys = async () => (await api().get('/api/v1/severity-levels').expect(200)).body.map((l: { key: string }) => l.key);
  const countRows = async () => Number((await t.db.dataSource.query(`SELECT count(*)::int AS n FROM severity_levels`))[0].n);

  it('lists the seeded defaults, most severe first, with their SLA targets', async () => {
    const response = await api().get('/api/v1/severity-levels').expect(200);
    expect(response.body.slice(0, 3).map((l: { key: string; rank: number }) => [l.key, l.rank])).toEqual([['SEV1', 1], ['SEV2', 2], ['SEV3', 3]]);
    expect(response.body[0]).toMatchObject({ name: 'Major incident', updateCadenceSeconds: 1800, retroDueBusinessHours: 48, version: 1 });
  });

  it('creates a level, reads it back by key and lists it by rank', async () => {
    const created = await api()
      .post('/api/v1/severity-levels')
      .send({ key: 'SEV4', name: 'Low impact', rank: 4, ackTargetSeconds: 7200, updateCadenceSeconds: null })
      .expect(201);
    expect(created.body).toMatchObject({
      key: 'SEV4', name: 'Low impact', description: '', rank: 4, ackTargetSeconds: 7200,
      mitigateTargetSeconds: null, resolveTargetSeconds: null, updateCadenceSeconds: null, retroDueBusinessHours: null, version: 1,
    });
    expect(created.body.id).toMatch(/^[0-9a-f-]{36}$/);
    const read = await api().get('/api/v1/severity-levels/SEV4').expect(200);
    expect(read.body).toMatchObject({ id: created.body.id, name: 'Low impact' });
    const all = await keys();
    expect(all.indexOf('SEV4')).toBe(all.indexOf('SEV3') + 1);
  });

  it('orders the list by rank, not by key or creation', async () => {
    await api().post('/api/v1/severity-levels').send(severityLevelBody({ key: 'AAA-LAST', rank: 900 })).expect(201);
    await api().post('/api/v1/severity-levels').send(severityLevelBody({ key: 'ZZZ-FIRST', rank: 800 })).expect(201);
    const all = await keys();
    expect(all.indexOf('ZZZ-FIRST')).toBeLessThan(all.indexOf('AAA-LAST'));
  });

  it.each([
    ['a key with a space', { key: 'SEV 5' }, 'key'],
    ['a key longer than 20', { key: 'S'.repeat(21) }, 'key'],
    ['rank 0', { rank: 0 }, 'rank'],
    ['a fractional rank', { rank: 1.5 }, 'rank'],
    ['a rank given as text', { rank: '5' }, 'rank'],
    ['a negative target', { ackTargetSeconds: -1 }, 'ackTargetSeconds'],
    ['a zero status-update cadence', { updateCadenceSeconds: 0 }, 'updateCadenceSeconds'],
    ['negative retro hours', { retroDueBusinessHours: -4 }, 'retroDueBusinessHours'],
    ['a null name', { name: null }, 'name'],
    ['an empty name', { name: '' }, 'name'],
    ['a null description', { description: null }, 'description'],
    ['an unknown field', { colour: 'red' }, 'colour'],
  ])('refuses %s with a 400 naming the field and value, and stores nothing', async (_name, override, field) => {
    const before = await countRows();
    const response = await api().post('/api/v1/severity-levels').send({ ...severityLevelBody(), ...override }).expect(400);
    expect(response.body.code).toBe('VALIDATION_FAILED');
    expect(response.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field, value: Object.values(override)[0] })]));
    expect(response.body.message).toContain(field);
    expect(await countRows()).toBe(before);
  });

  it.each(['key', 'name', 'rank'])('refuses a level without %s', async (field) => {
    const body: Record<string, unknown> = { ...severityLevelBody() };
    delete body[field];
    const response = await api().post('/api/v1/severity-levels').send(body).expect(400);
    expect(response.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
  });

  it('refuses a duplicate key, also in another case, with a 409 naming it', async () => {
    const before = await countRows();
    const exact = await api().post('/api/v1/severity-levels').send(severityLevelBody({ key: 'SEV1' })).expect(409);
    expect(exact.body).toMatchObject({ code: 'ALREADY_EXISTS', field: 'key', value: 'SEV1' });
    expect(exact.body.message).toBe('A severity level with key "SEV1" already exists');
    const otherCase = await api().post('/api/v1/severity-levels').send(severityLevelBody({ key: 'sev1' })).expect(409);
    expect(otherCase.body).toMatchObject({ code: 'ALREADY_EXISTS', field: 'key', value: 'sev1' });
    expect(otherCase.body.message).toContain('(SEV1)');
    expect(await countRows()).toBe(before);
  });

  it('refuses a duplicate rank with a 409 naming the rank and the level holding it', async () => {
    const before = await countRows();
    const response = await api().post('/api/v1/severity-levels').send(severityLevelBody({ rank: 2 })).expect(409);
    expect(response.body).toMatchObject({ code: 'ALREADY_EXISTS', field: 'rank', value: 2 });
    expect(response.body.message).toBe('A severity level (SEV2) with rank 2 already exists');
    expect(await countRows()).toBe(before);
  });

  it('updates targets, clears one with null, and bumps the version', async () => {
    const created = await api().post('/api/v1/severity-levels').send(severityLevelBody()).expect(201);
    const updated = await api()
      .patch(`/api/v1/severity-levels/${created.body.key}`)
      .send({ version: 1, ackTargetSeconds: 600, resolveTargetSeconds: null, description: 'Tuned' })
      .expect(200);
    expect(updated.body).toMatchObject({
      ackTargetSeconds: 600, resolveTargetSeconds: null, mitigateTargetSeconds: created.body.mitigateTargetSeconds, description: 'Tuned', version: 2,
    });
    const stored = await api().get(`/api/v1/severity-levels/${created.body.key}`).expect(200);
    expect(stored.body).toMatchObject({ ackTargetSeconds: 600, resolveTargetSeconds: null, version: 2 });
  });

  it('renames a key when the new key is free; incidents follow the rename', async () => {
    const level = await api().post('/api/v1/severity-levels').send(severityLevelBody({ key: 'OLD-KEY' })).expect(201);
    const incident = await api().post('/api/v1/incidents').send(incidentBody({ severity: 'OLD-KEY' })).expect(201);
    const renamed = await api().patch('/api/v1/severity-levels/OLD-KEY').send({ version: level.body.version, key: 'NEW-KEY' }).expect(200);
    expect(renamed.body).toMatchObject({ id: level.body.id, key: 'NEW-KEY', version: level.body.version + 1 });
    await api().get('/api/v1/severity-levels/OLD-KEY').expect(404);
    const reread = await api().get(`/api/v1/incidents/${incident.body.id}`).expect(200);
    expect(reread.body).toMatchObject({ severity: 'NEW-KEY', peakSeverity: 'NEW-KEY' });
  });

  it('refuses renaming to a taken key or moving to a taken rank, and changes nothing', async () => {
    const level = await api().post('/api/v1/severity-levels').send(severityLevelBody()).expect(201);
    const key = await api().patch(`/api/v1/severity-levels/${level.body.key}`).send({ version: 1, key: 'SEV3', name: 'Changed' }).expect(409);
    expect(key.body).toMatchObject({ code: 'ALREADY_EXISTS', field: 'key', value: 'SEV3' });
    const rank = await api().patch(`/api/v1/severity-levels/${level.body.key}`).send({ version: 1, rank: 3, name: 'Changed' }).expect(409);
    expect(rank.body).toMatchObject({ code: 'ALREADY_EXISTS', field: 'rank', value: 3 });
    const stored = await api().get(`/api/v1/severity-levels/${level.body.key}`).expect(200);
    expect(stored.body).toMatchObject({ name: level.body.name, rank: level.body.rank, version: 1 });
  });

  it('accepts its own key and rank unchanged in an update', async () => {
    const level = await api().post('/api/v1/severity-levels').send(severityLevelBody()).expect(201);
    const updated = await api()
      .patch(`/api/v1/severity-levels/${level.body.key}`)
      .send({ version: 1, key: level.body.key, rank: level.body.rank, name: 'Same key and rank' })
      .expect(200);
    expect(updated.body).toMatchObject({ key: level.body.key, rank: level.body.rank, name: 'Same key and rank' });
  });

  it('refuses a stale version with a 409 carrying the current version, and loses nothing', async () => {
    const level = await api().post('/api/v1/severity-levels').send(severityLevelBody()).expect(201);
    await api().patch(`/api/v1/severity-levels/${level.body.key}`).send({ version: 1, name: 'First editor' }).expect(200);
    const stale = await api().patch(`/api/v1/severity-levels/${level.body.key}`).send({ version: 1, name: 'Second editor' }).expect(409);
    expect(stale.body).toMatchObject({ code: 'VERSION_CONFLICT', givenVersion: 1, currentVersion: 2 });
    expect(stale.body.message).toContain(level.body.key);
    const stored = await api().get(`/api/v1/severity-levels/${level.body.key}`).expect(200);
    expect(stored.body).toMatchObject({ name: 'First editor', version: 2 });
  });

  it('lets exactly one of three concurrent edits of the same version win', async () => {
    const level = await api().post('/api/v1/severity-levels').send(severityLevelBody()).expect(201);
    const results = await Promise.all(
      [601, 602, 603].map((ack) => api().patch(`/api/v1/severity-levels/${level.body.key}`).send({ version: 1, ackTargetSeconds: ack })),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409]);
    const winner = results.find((r) => r.status === 200)!.body.ackTargetSeconds;
    const stored = await api().get(`/api/v1/severity-levels/${level.body.key}`).expect(200);
    expect(stored.body).toMatchObject({ ackTargetSeconds: winner, version: 2 });
  });

  it('answers 409 naming the rank, not 500, when another writer commits the same rank while the create is under way', async () => {
    const response = await whileAnotherWriterHolds(t, `INSERT INTO severity_levels (key, name, rank, version) VALUES ('RACED', 'Raced', 500, 1)`, () =>
      api().post('/api/v1/severity-levels').send(severityLevelBody({ key: 'LATE', rank: 500 })),
    );
    expect(response.status).toBe(409);
    expect(response.body).toMatchObject({ code: 'ALREADY_EXISTS', field: 'rank', value: 500 });
    await api().get('/api/v1/severity-levels/LATE').expect(404);
  });

  it.each([
    ['an unknown field', { version: 1, colour: 'red' }, 'colour'],
    ['a missing version', { name: 'x' }, 'version'],
    ['a null rank', { version: 1, rank: null }, 'rank'],
    ['a null key', { version: 1, key: null }, 'key'],
  ])('refuses an update with %s (400 naming the field)', async (_name, body, field) => {
    const level = await api().post('/api/v1/severity-levels').send(severityLevelBody()).expect(201);
    const response = await api().patch(`/api/v1/severity-levels/${level.body.key}`).send(body).expect(400);
    expect(response.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
  });

  it('deletes an unused level', async () => {
    const level = await api().post('/api/v1/severity-levels').send(severityLevelBody()).expect(201);
    await api().delete(`/api/v1/severity-levels/${level.body.key}?version=2`).expect(409);
    await api().delete(`/api/v1/severity-levels/${level.body.key}?version=1`).expect(204);
    await api().get(`/api/v1/severity-levels/${level.body.key}`).expect(404);
  });

  it('refuses to delete a level an incident uses, and deletes nothing', async () => {
    const level = await api().post('/api/v1/severity-levels').send(severityLevelBody()).expect(201);
    const incident = await api().post('/api/v1/incidents').send(incidentBody({ severity: level.body.key })).expect(201);
    const response = await api().delete(`/api/v1/severity-levels/${level.body.key}`).expect(409);
    expect(response.body).toMatchObject({ code: 'IN_USE', identifier: level.body.key });
    expect(response.body.message).toBe(`Severity level "${level.body.key}" is still used by 1 incident (as current or peak severity) and 1 severity change`);
    await api().get(`/api/v1/severity-levels/${level.body.key}`).expect(200);
    const reread = await api().get(`/api/v1/incidents/${incident.body.id}`).expect(200);
    expect(reread.body.severity).toBe(level.body.key);
  });

  it('refuses to delete a level that only the severity history still refers to', async () => {
    const level = await api().post('/api/v1/severity-levels').send(severityLevelBody()).expect(201);
    const incident = await api().post('/api/v1/incidents').send(incidentBody({ severity: level.body.key })).expect(201);
    // SEV3 outranks the test level, so it becomes both the current and the peak severity.
    const moved = await api().patch(`/api/v1/incidents/${incident.body.id}`).send({ version: 1, severity: 'SEV3' }).expect(200);
    expect(moved.body).toMatchObject({ severity: 'SEV3', peakSeverity: 'SEV3' });
    const response = await api().delete(`/api/v1/severity-levels/${level.body.key}`).expect(409);
    expect(response.body.code).toBe('IN_USE');
    expect(response.body.usedBy).toBe('2 severity changes');
    await api().get(`/api/v1/severity-levels/${level.body.key}`).expect(200);
  });

  it.each([
    ['get', () => api().get('/api/v1/severity-levels/SEV99')],
    ['patch', () => api().patch('/api/v1/severity-levels/SEV99').send({ version: 1, name: 'x' })],
    ['delete', () => api().delete('/api/v1/severity-levels/SEV99')],
  ])('answers %s of an unknown key with a 404 naming it', async (_name, call) => {
    const response = await call().expect(404);
    expect(response.body).toMatchObject({ code: 'NOT_FOUND', message: 'Severity level "SEV99" not found' });
  });
});
