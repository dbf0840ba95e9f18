import { incidentBody } from '../factories/incidents.js';
import { serviceBody, teamBody } from '../factories/teams.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { whileAnotherWriterHolds } from '../support/concurrent-writer.js';

describe('teams API', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const api = () => t.request();
  const count = async (table: 'teams' | 'services') => Number((await t.db.dataSource.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n);

  it('creates a team and reads it back by id and by name', async () => {
    const created = await api()
      .post('/api/v1/teams')
      .send({ name: 'Payments', description: 'Card payments', pagingScheduleUrl: 'https://acme.pagerduty.com/schedules/P1' })
      .expect(201);
    expect(created.body).toMatchObject({
      name: 'Payments', description: 'Card payments', pagingScheduleUrl: 'https://acme.pagerduty.com/schedules/P1', serviceCount: 0, incidentCount: 0,
    });
    const byName = await api().get('/api/v1/teams/Payments').expect(200);
    expect(byName.body.id).toBe(created.body.id);
    const byId = await api().get(`/api/v1/teams/${created.body.id}`).expect(200);
    expect(byId.body.name).toBe('Payments');
  });

  it('creates a team with only a name: empty description, no paging link', async () => {
    const created = await api().post('/api/v1/teams').send({ name: 'Minimal team' }).expect(201);
    expect(created.body).toMatchObject({ name: 'Minimal team', description: '', pagingScheduleUrl: null });
  });

  it('reads a name with spaces from the path', async () => {
    const created = await api().post('/api/v1/teams').send(teamBody({ name: 'Site Reliability' })).expect(201);
    const read = await api().get(`/api/v1/teams/${encodeURIComponent('Site Reliability')}`).expect(200);
    expect(read.body.id).toBe(created.body.id);
  });

  it('lists teams by name with how many services and incidents each owns', async () => {
    const owner = await api().post('/api/v1/teams').send(teamBody({ name: 'Counted' })).expect(201);
    await api().post('/api/v1/teams').send(teamBody({ name: 'Also counted' })).expect(201);
    await api().post('/api/v1/services').send(serviceBody({ name: 'counted-a', owningTeam: 'Counted' })).expect(201);
    await api().post('/api/v1/services').send(serviceBody({ name: 'counted-b', owningTeam: 'Counted' })).expect(201);
    await api().post('/api/v1/incidents').send(incidentBody({ owningTeam: 'Counted' })).expect(201);
    const list = await api().get('/api/v1/teams').expect(200);
    const names: string[] = list.body.map((team: { name: string }) => team.name);
    expect(names.indexOf('Also counted')).toBeLessThan(names.indexOf('Counted'));
    expect(names.indexOf('Counted')).toBeLessThan(names.indexOf('Payments'));
    expect(list.body.find((team: { id: string }) => team.id === owner.body.id)).toMatchObject({ serviceCount: 2, incidentCount: 1 });
    expect(list.body.find((team: { name: string }) => team.name === 'Also counted')).toMatchObject({ serviceCount: 0, incidentCount: 0 });
    const one = await api().get('/api/v1/teams/Counted').expect(200);
    expect(one.body).toMatchObject({ serviceCount: 2, incidentCount: 1 });
  });

  it.each([
    ['an ftp link', { pagingScheduleUrl: 'ftp://acme.example/schedule' }, 'pagingScheduleUrl'],
    ['a link without a scheme', { pagingScheduleUrl: 'acme.pagerduty.com/schedules/P1' }, 'pagingScheduleUrl'],
    ['a script link', { pagingScheduleUrl: 'javascript:alert(1)' }, 'pagingScheduleUrl'],
    ['a name with a comma', { name: 'Payments, EU' }, 'name'],
    ['a name with a trailing space', { name: 'Payments ' }, 'name'],
    ['an empty name', { name: '' }, 'name'],
    ['a name shaped like a uuid', { name: '6f1c2b3a-4d5e-4f60-8a7b-9c0d1e2f3a4b' }, 'name'],
    ['a name of 101 characters', { name: 'x'.repeat(101) }, 'name'],
    ['a null description', { description: null }, 'description'],
    ['an unknown field', { colour: 'red' }, 'colour'],
  ])('refuses %s with a 400 naming the field and value, and stores nothing', async (_name, override, field) => {
    const before = await count('teams');
    const response = await api().post('/api/v1/teams').send({ ...teamBody(), ...override }).expect(400);
    expect(response.body.code).toBe('VALIDATION_FAILED');
    expect(response.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field, value: Object.values(override)[0] })]));
    expect(response.body.message).toContain(field);
    expect(await count('teams')).toBe(before);
  });

  it('refuses a team without a name', async () => {
    const response = await api().post('/api/v1/teams').send({ description: 'Nameless' }).expect(400);
    expect(response.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'name' })]));
  });

  it('refuses a duplicate name, also in another case, with a 409 naming it', async () => {
    await api().post('/api/v1/teams').send(teamBody({ name: 'Growth' })).expect(201);
    const before = await count('teams');
    const exact = await api().post('/api/v1/teams').send(teamBody({ name: 'Growth' })).expect(409);
    expect(exact.body).toMatchObject({ code: 'ALREADY_EXISTS', field: 'name', value: 'Growth', message: 'A team with name "Growth" already exists' });
    const otherCase = await api().post('/api/v1/teams').send(teamBody({ name: 'GROWTH' })).expect(409);
    expect(otherCase.body).toMatchObject({ code: 'ALREADY_EXISTS', field: 'name', value: 'GROWTH' });
    expect(otherCase.body.message).toContain('(Growth)');
    expect(await count('teams')).toBe(before);
  });

  it('answers 409, not 500, when another writer commits the same name while the create is under way', async () => {
    const response = await whileAnotherWriterHolds(t, `INSERT INTO teams (name) VALUES ('Raced')`, () =>
      api().post('/api/v1/teams').send(teamBody({ name: 'Raced' })),
    );
    expect(response.status).toBe(409);
    expect(response.body).toMatchObject({ code: 'ALREADY_EXISTS', field: 'name', value: 'Raced' });
    expect((await t.db.dataSource.query(`SELECT count(*)::int AS n FROM teams WHERE name = 'Raced'`))[0].n).toBe(1);
  });

  it('renames a team and clears its paging link; incidents follow the rename', async () => {
    const team = await api().post('/api/v1/teams').send(teamBody({ name: 'Before rename' })).expect(201);
    const incident = await api().post('/api/v1/incidents').send(incidentBody({ owningTeam: 'Before rename' })).expect(201);
    const renamed = await api()
      .patch('/api/v1/teams/Before%20rename')
      .send({ name: 'After rename', pagingScheduleUrl: null })
      .expect(200);
    expect(renamed.body).toMatchObject({ id: team.body.id, name: 'After rename', pagingScheduleUrl: null, description: team.body.description, incidentCount: 1 });
    await api().get('/api/v1/teams/Before%20rename').expect(404);
    const reread = await api().get(`/api/v1/incidents/${incident.body.id}`).expect(200);
    expect(reread.body.owningTeam).toBe('After rename');
  });

  it('refuses renaming to a taken name and changes nothing', async () => {
    await api().post('/api/v1/teams').send(teamBody({ name: 'Taken' })).expect(201);
    const team = await api().post('/api/v1/teams').send(teamBody()).expect(201);
    const response = await api().patch(`/api/v1/teams/${team.body.id}`).send({ name: 'taken', description: 'Changed' }).expect(409);
    expect(response.body).toMatchObject({ code: 'ALREADY_EXISTS', field: 'name', value: 'taken' });
    const stored = await api().get(`/api/v1/teams/${team.body.id}`).expect(200);
    expect(stored.body).toMatchObject({ name: team.body.name, description: team.body.description });
  });

  it('lets a team change the case of its own name', async () => {
    const team = await api().post('/api/v1/teams').send(teamBody({ name: 'lowercase team' })).expect(201);
    const renamed = await api().patch(`/api/v1/teams/${team.body.id}`).send({ name: 'Lowercase Team' }).expect(200);
    expect(renamed.body.name).toBe('Lowercase Team');
  });

  it.each([
    ['a null name', { name: null }, 'name'],
    ['an http link without a host', { pagingScheduleUrl: 'https://' }, 'pagingScheduleUrl'],
    ['a version (teams have none)', { version: 1 }, 'version'],
  ])('refuses an update with %s (400 naming the field)', async (_name, body, field) => {
    const team = await api().post('/api/v1/teams').send(teamBody()).expect(201);
    const response = await api().patch(`/api/v1/teams/${team.body.id}`).send(body).expect(400);
    expect(response.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
    const stored = await api().get(`/api/v1/teams/${team.body.id}`).expect(200);
    expect(stored.body.name).toBe(team.body.name);
  });

  it('deletes an unused team', async () => {
    const team = await api().post('/api/v1/teams').send(teamBody()).expect(201);
    await api().delete(`/api/v1/teams/${encodeURIComponent(team.body.name)}`).expect(204);
    await api().get(`/api/v1/teams/${team.body.id}`).expect(404);
  });

  it('refuses to delete a team that owns an incident, and keeps the incident\'s owner', async () => {
    const team = await api().post('/api/v1/teams').send(teamBody()).expect(201);
    const incident = await api().post('/api/v1/incidents').send(incidentBody({ owningTeam: team.body.name })).expect(201);
    const response = await api().delete(`/api/v1/teams/${team.body.id}`).expect(409);
    expect(response.body).toMatchObject({ code: 'IN_USE', identifier: team.body.name, usedBy: '1 incident' });
    expect(response.body.message).toBe(`Team "${team.body.name}" is still used by 1 incident`);
    await api().get(`/api/v1/teams/${team.body.id}`).expect(200);
    const reread = await api().get(`/api/v1/incidents/${incident.body.id}`).expect(200);
    expect(reread.body.owningTeam).toBe(team.body.name);
  });

  it('refuses to delete a team that owns a service or an action item, naming each', async () => {
    const team = await api().post('/api/v1/teams').send(teamBody()).expect(201);
    const service = await api().post('/api/v1/services').send(serviceBody({ owningTeam: team.body.name })).expect(201);
    const incident = await api().post('/api/v1/incidents').send(incidentBody()).expect(201);
    await t.db.dataSource.query(`INSERT INTO action_items (incident_id, title, team_id, version) VALUES ($1, 'Add an alert', $2, 1)`, [
      incident.body.id, team.body.id,
    ]);
    const response = await api().delete(`/api/v1/teams/${team.body.id}`).expect(409);
    expect(response.body).toMatchObject({ code: 'IN_USE', usedBy: '1 service and 1 action item' });
    const stored = await api().get(`/api/v1/services/${service.body.id}`).expect(200);
    expect(stored.body.owningTeam).toBe(team.body.name);
    const [item] = await t.db.dataSource.query(`SELECT team_id FROM action_items WHERE incident_id = $1`, [incident.body.id]);
    expect(item.team_id).toBe(team.body.id);
  });

  it.each([
    ['get', () => t.request().get('/api/v1/teams/Nobody')],
    ['patch', () => t.request().patch('/api/v1/teams/Nobody').send({ description: 'x' })],
    ['delete', () => t.request().delete('/api/v1/teams/Nobody')],
  ])('answers %s of an unknown team with a 404 naming it', async (_name, call) => {
    const response = await call().expect(404);
    expect(response.body).toMatchObject({ code: 'NOT_FOUND', message: 'Team "Nobody" not found' });
  });

  it('documents the routes, and the required fields of a new team and service, in the OpenAPI document', async () => {
    const document = (await api().get('/api/docs/openapi.json').expect(200)).body;
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(['/api/v1/teams', '/api/v1/teams/{team}', '/api/v1/services', '/api/v1/services/{service}']));
    expect(Object.keys(document.paths['/api/v1/teams/{team}'])).toEqual(expect.arrayContaining(['get', 'patch', 'delete']));
    expect(document.components.schemas.CreateTeamDto.required).toEqual(['name']);
    expect(document.components.schemas.CreateServiceDto.required).toEqual(['name']);
    expect(document.components.schemas.TeamDto.properties).toHaveProperty('serviceCount');
  });

  it('answers an unknown uuid with a 404', async () => {
    await api().get('/api/v1/teams/00000000-0000-4000-8000-000000000000').expect(404);
  });
});

describe('services API (the ownership table)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    const api = t.request();
    await api.post('/api/v1/teams').send(teamBody({ name: 'Payments' })).expect(201);
    await api.post('/api/v1/teams').send(teamBody({ name: 'Platform' })).expect(201);
  });
  afterAll(() => t.close());

  const api = () => t.request();
  const countServices = async () => Number((await t.db.dataSource.query(`SELECT count(*)::int AS n FROM services`))[0].n);

  it('creates an internal service with its owning team, and reads it back by id and by name', async () => {
    const created = await api()
      .post('/api/v1/services')
      .send({ name: 'payments-api', functionality: 'Checkout', owningTeam: 'Payments', pagingScheduleUrl: 'https://acme.pagerduty.com/schedules/P1' })
      .expect(201);
    expect(created.body).toMatchObject({
      name: 'payments-api', kind: 'internal', functionality: 'Checkout', owningTeam: 'Payments',
      pagingScheduleUrl: 'https://acme.pagerduty.com/schedules/P1', supportUrl: null, statusPageUrl: null,
    });
    const byName = await api().get('/api/v1/services/payments-api').expect(200);
    expect(byName.body.id).toBe(created.body.id);
    const byId = await api().get(`/api/v1/services/${created.body.id}`).expect(200);
    expect(byId.body).toMatchObject({ name: 'payments-api', owningTeam: 'Payments' });
  });

  it('creates a vendor with its support portal and status page', async () => {
    const created = await api()
      .post('/api/v1/services')
      .send({ name: 'Stripe', kind: 'vendor', functionality: 'Card processing', owningTeam: 'Payments', supportUrl: 'https://support.stripe.com', statusPageUrl: 'https://status.stripe.com' })
      .expect(201);
    expect(created.body).toMatchObject({ kind: 'vendor', supportUrl: 'https://support.stripe.com', statusPageUrl: 'https://status.stripe.com', pagingScheduleUrl: null });
  });

  it('lists by name and filters by kind and owning team', async () => {
    await api().post('/api/v1/services').send(serviceBody({ name: 'auth', owningTeam: 'Platform' })).expect(201);
    await api().post('/api/v1/services').send(serviceBody({ name: 'Okta', kind: 'vendor', owningTeam: 'Platform' })).expect(201);
    await api().post('/api/v1/services').send(serviceBody({ name: 'unowned-batch' })).expect(201);
    const names = async (query: string) => (await api().get(`/api/v1/services${query}`).expect(200)).body.map((s: { name: string }) => s.name);
    expect(await names('')).toEqual(['auth', 'Okta', 'payments-api', 'Stripe', 'unowned-batch']);
    expect(await names('?kind=vendor')).toEqual(['Okta', 'Stripe']);
    expect(await names('?team=Platform')).toEqual(['auth', 'Okta']);
    expect(await names('?kind=internal&team=Platform')).toEqual(['auth']);
    expect(await names('?team=Nobody')).toEqual([]);
    expect(await names(`?team=${encodeURIComponent("Platform' OR '1'='1")}`)).toEqual([]);
  });

  it('refuses an unknown kind filter with a 400 naming it', async () => {
    const response = await api().get('/api/v1/services?kind=saas').expect(400);
    expect(response.body.errors).toEqual([expect.objectContaining({ field: 'kind', value: 'saas' })]);
  });

  it('refuses an unknown owning team with a 422 naming the field and value, and stores nothing', async () => {
    const before = await countServices();
    const response = await api().post('/api/v1/services').send(serviceBody({ owningTeam: 'Nobody' })).expect(422);
    expect(response.body).toMatchObject({ code: 'UNKNOWN_REFERENCE', field: 'owningTeam', value: 'Nobody', message: 'owningTeam: no team "Nobody"' });
    expect(await countServices()).toBe(before);
  });

  it.each([
    ['an unknown kind', { kind: 'saas' }, 'kind'],
    ['a support link that is not http(s)', { supportUrl: 'mailto:help@vendor.example' }, 'supportUrl'],
    ['a status page that is not a URL', { statusPageUrl: 'status page' }, 'statusPageUrl'],
    ['a paging link without a scheme', { pagingScheduleUrl: 'pagerduty.com/x' }, 'pagingScheduleUrl'],
    ['a name with a comma', { name: 'a,b' }, 'name'],
    ['a numeric owning team', { owningTeam: 42 }, 'owningTeam'],
    ['a null functionality', { functionality: null }, 'functionality'],
    ['an unknown field', { tier: 1 }, 'tier'],
  ])('refuses %s with a 400 naming the field and value, and stores nothing', async (_name, override, field) => {
    const before = await countServices();
    const response = await api().post('/api/v1/services').send({ ...serviceBody(), ...override }).expect(400);
    expect(response.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field, value: Object.values(override)[0] })]));
    expect(response.body.message).toContain(field);
    expect(await countServices()).toBe(before);
  });

  it('answers 409, not 500, when another writer commits the same name while the create is under way', async () => {
    const response = await whileAnotherWriterHolds(t, `INSERT INTO services (name) VALUES ('raced-service')`, () =>
      api().post('/api/v1/services').send(serviceBody({ name: 'raced-service', owningTeam: 'Payments' })),
    );
    expect(response.status).toBe(409);
    expect(response.body).toMatchObject({ code: 'ALREADY_EXISTS', field: 'name', value: 'raced-service' });
    const stored = await api().get('/api/v1/services/raced-service').expect(200);
    expect(stored.body.owningTeam).toBeNull();
  });

  it('accepts an intranet link without a top-level domain', async () => {
    const created = await api().post('/api/v1/services').send(serviceBody({ pagingScheduleUrl: 'http://oncall/schedules/batch' })).expect(201);
    expect(created.body.pagingScheduleUrl).toBe('http://oncall/schedules/batch');
  });

  it('refuses a duplicate name, also in another case, with a 409', async () => {
    await api().post('/api/v1/services').send(serviceBody({ name: 'search' })).expect(201);
    const before = await countServices();
    const exact = await api().post('/api/v1/services').send(serviceBody({ name: 'search' })).expect(409);
    expect(exact.body).toMatchObject({ code: 'ALREADY_EXISTS', field: 'name', value: 'search' });
    await api().post('/api/v1/services').send(serviceBody({ name: 'Search' })).expect(409);
    expect(await countServices()).toBe(before);
  });

  it('moves a service to another team, then leaves it unowned with null', async () => {
    const service = await api().post('/api/v1/services').send(serviceBody({ owningTeam: 'Payments' })).expect(201);
    const moved = await api().patch(`/api/v1/services/${service.body.name}`).send({ owningTeam: 'Platform', kind: 'vendor' }).expect(200);
    expect(moved.body).toMatchObject({ owningTeam: 'Platform', kind: 'vendor', functionality: service.body.functionality });
    const unowned = await api().patch(`/api/v1/services/${service.body.id}`).send({ owningTeam: null }).expect(200);
    expect(unowned.body.owningTeam).toBeNull();
  });

  it('refuses an update to an unknown team with a 422 and changes nothing', async () => {
    const service = await api().post('/api/v1/services').send(serviceBody({ owningTeam: 'Payments' })).expect(201);
    const response = await api().patch(`/api/v1/services/${service.body.id}`).send({ owningTeam: 'Ghosts', functionality: 'Changed' }).expect(422);
    expect(response.body).toMatchObject({ code: 'UNKNOWN_REFERENCE', field: 'owningTeam', value: 'Ghosts' });
    const stored = await api().get(`/api/v1/services/${service.body.id}`).expect(200);
    expect(stored.body).toMatchObject({ owningTeam: 'Payments', functionality: service.body.functionality });
  });

  it('renames a service; incidents follow the rename; a taken name is refused', async () => {
    const service = await api().post('/api/v1/services').send(serviceBody({ name: 'old-name' })).expect(201);
    const incident = await api().post('/api/v1/incidents').send(incidentBody({ services: ['old-name'] })).expect(201);
    await api().patch('/api/v1/services/old-name').send({ name: 'payments-api' }).expect(409);
    const renamed = await api().patch('/api/v1/services/old-name').send({ name: 'new-name' }).expect(200);
    expect(renamed.body).toMatchObject({ id: service.body.id, name: 'new-name' });
    const reread = await api().get(`/api/v1/incidents/${incident.body.id}`).expect(200);
    expect(reread.body.services).toEqual(['new-name']);
  });

  it('deletes a service no incident lists', async () => {
    const service = await api().post('/api/v1/services').send(serviceBody()).expect(201);
    await api().delete(`/api/v1/services/${service.body.name}`).expect(204);
    await api().get(`/api/v1/services/${service.body.id}`).expect(404);
  });

  it('refuses to delete a service an incident lists, and deletes nothing', async () => {
    const service = await api().post('/api/v1/services').send(serviceBody()).expect(201);
    const incident = await api().post('/api/v1/incidents').send(incidentBody({ services: [service.body.name] })).expect(201);
    const response = await api().delete(`/api/v1/services/${service.body.id}`).expect(409);
    expect(response.body).toMatchObject({ code: 'IN_USE', identifier: service.body.name, usedBy: '1 incident' });
    expect(response.body.message).toBe(`Service "${service.body.name}" is still used by 1 incident`);
    await api().get(`/api/v1/services/${service.body.id}`).expect(200);
    const reread = await api().get(`/api/v1/incidents/${incident.body.id}`).expect(200);
    expect(reread.body.services).toEqual([service.body.name]);
  });

  it('lets a team go once its services are gone', async () => {
    const team = await api().post('/api/v1/teams').send(teamBody()).expect(201);
    const service = await api().post('/api/v1/services').send(serviceBody({ owningTeam: team.body.name })).expect(201);
    await api().delete(`/api/v1/teams/${team.body.id}`).expect(409);
    await api().delete(`/api/v1/services/${service.body.id}`).expect(204);
    await api().delete(`/api/v1/teams/${team.body.id}`).expect(204);
  });

  it.each([
    ['get', () => t.request().get('/api/v1/services/ghost')],
    ['patch', () => t.request().patch('/api/v1/services/ghost').send({ functionality: 'x' })],
    ['delete', () => t.request().delete('/api/v1/services/ghost')],
  ])('answers %s of an unknown service with a 404 naming it', async (_name, call) => {
    const response = await call().expect(404);
    expect(response.body).toMatchObject({ code: 'NOT_FOUND', message: 'Service "ghost" not found' });
  });
});
