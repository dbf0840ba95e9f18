import request from 'supertest';
import { actionItemBody } from '../factories/action-items.js';
import { incidentBody } from '../factories/incidents.js';
import { FixedClock, startTestApp, type TestApp } from '../support/app.js';

interface Item {
  id: string;
  title: string;
  overdue: boolean;
  version: number;
}

describe('action items API', () => {
  let t: TestApp;
  const clock = new FixedClock(new Date('2026-03-10T12:00:00Z'));
  let incident: { id: string; key: string };
  let other: { id: string; key: string };
  const api = () => t.request();
  const count = async () => (await t.db.dataSource.query(`SELECT count(*)::int AS n FROM action_items`))[0].n as number;

  beforeAll(async () => {
    t = await startTestApp({ clock });
    await t.db.dataSource.query(`INSERT INTO teams (name) VALUES ('Payments'), ('Platform')`);
    incident = (await api().post('/api/v1/incidents').send(incidentBody()).expect(201)).body;
    other = (await api().post('/api/v1/incidents').send(incidentBody()).expect(201)).body;
  });
  afterAll(() => t.close());
  beforeEach(() => clock.set(new Date('2026-03-10T12:00:00Z')));

  it('creates an item by incident key with defaults and reads it back', async () => {
    const created = await api()
      .post('/api/v1/action-items')
      .send(actionItemBody(incident.key, { title: 'Alert on queue age', owner: 'Dana Smith', team: 'Payments', dueDate: '2026-03-31', externalUrl: 'https://github.com/acme/payments/issues/412' }))
      .expect(201);
    expect(created.body).toMatchObject({
      incidentId: incident.id,
      incidentKey: incident.key,
      retrospectiveId: null,
      title: 'Alert on queue age',
      description: '',
      owner: 'Dana Smith',
      team: 'Payments',
      priority: 'medium',
      dueDate: '2026-03-31',
      status: 'open',
      completedAt: null,
      externalUrl: 'https://github.com/acme/payments/issues/412',
      overdue: false,
      version: 1,
    });
    const read = await api().get(`/api/v1/action-items/${created.body.id}`).expect(200);
    expect(read.body).toEqual(created.body);
  });

  it('accepts the incident by uuid and lists items under their incident only', async () => {
    const mine = await api().post('/api/v1/action-items').send(actionItemBody(other.id, { title: 'Only for the other incident' })).expect(201);
    expect(mine.body.incidentKey).toBe(other.key);
    const list = await api().get(`/api/v1/incidents/${other.key.toLowerCase()}/action-items`).expect(200);
    expect(list.body.items.map((i: Item) => i.id)).toEqual([mine.body.id]);
    expect(list.body.total).toBe(1);
    await api().get('/api/v1/incidents/INC-1999-0001/action-items').expect(404);
  });

  it.each([
    ['an impossible due date', { dueDate: '2026-02-30' }, 'dueDate'],
    ['a due date with a time', { dueDate: '2026-03-01T00:00:00Z' }, 'dueDate'],
    ['an unknown priority', { priority: 'urgent' }, 'priority'],
    ['an unknown status', { status: 'closed' }, 'status'],
    ['a non-http link', { externalUrl: 'javascript:alert(1)' }, 'externalUrl'],
    ['an ftp link', { externalUrl: 'ftp://files.example.com/x' }, 'externalUrl'],
    ['a completedAt without offset', { status: 'done', completedAt: '2026-03-09T10:00:00' }, 'completedAt'],
    ['a null title', { title: null }, 'title'],
    ['a null priority', { priority: null }, 'priority'],
    ['a retrospectiveId that is not a uuid', { retrospectiveId: 'retro-1' }, 'retrospectiveId'],
    ['an unknown field', { colour: 'red' }, 'colour'],
  ])('refuses %s with a 400 naming the field and value', async (_name, override, field) => {
    const before = await count();
    const response = await api().post('/api/v1/action-items').send({ ...actionItemBody(incident.key), ...override }).expect(400);
    const value = Object.values(override).at(-1);
    expect(response.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field, value })]));
    expect(response.body.message).toContain(field);
    expect(await count()).toBe(before);
  });

  it('refuses a body without a title or incident, naming them', async () => {
    const response = await api().post('/api/v1/action-items').send({ priority: 'high' }).expect(400);
    const fields = response.body.errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['incident', 'title']));
  });

  it('refuses an unknown team with a 422 naming it, and stores nothing', async () => {
    const before = await count();
    const response = await api().post('/api/v1/action-items').send(actionItemBody(incident.key, { team: 'Nobody' })).expect(422);
    expect(response.body).toMatchObject({ code: 'UNKNOWN_REFERENCE', field: 'team', value: 'Nobody' });
    expect(response.body.message).toBe('team: no team "Nobody"');
    expect(await count()).toBe(before);
  });

  it('answers 422 for an unknown incident, naming the field and the value', async () => {
    const response = await api().post('/api/v1/action-items').send(actionItemBody('INC-1999-0042')).expect(422);
    expect(response.body).toMatchObject({ code: 'UNKNOWN_REFERENCE', field: 'incident', value: 'INC-1999-0042', message: 'incident: no incident "INC-1999-0042"' });
  });

  it('links an item to the retrospective of its incident, and refuses another incident\'s retrospective', async () => {
    const retro = await api().post(`/api/v1/incidents/${incident.key}/retrospective`).send({}).expect(201);
    const linked = await api().post('/api/v1/action-items').send(actionItemBody(incident.key, { retrospectiveId: retro.body.id })).expect(201);
    expect(linked.body.retrospectiveId).toBe(retro.body.id);

    const before = await count();
    const wrong = await api().post('/api/v1/action-items').send(actionItemBody(other.key, { retrospectiveId: retro.body.id })).expect(422);
    expect(wrong.body).toMatchObject({ code: 'RETRO_OF_OTHER_INCIDENT', field: 'retrospectiveId', value: retro.body.id });
    const unknown = '00000000-0000-4000-8000-000000000000';
    const missing = await api().post('/api/v1/action-items').send(actionItemBody(incident.key, { retrospectiveId: unknown })).expect(422);
    expect(missing.body).toMatchObject({ code: 'UNKNOWN_REFERENCE', field: 'retrospectiveId', value: unknown });
    expect(await count()).toBe(before);

    const unlinked = await api().patch(`/api/v1/action-items/${linked.body.id}`).send({ version: 1, retrospectiveId: null }).expect(200);
    expect(unlinked.body.retrospectiveId).toBeNull();
  });

  describe('completedAt', () => {
    it('is set from the clock on done, kept on done → wont_do, cleared on reopen', async () => {
      const item = (await api().post('/api/v1/action-items').send(actionItemBody(incident.key)).expect(201)).body;
      expect(item.completedAt).toBeNull();

      clock.set(new Date('2026-03-11T09:15:00Z'));
      const done = await api().patch(`/api/v1/action-items/${item.id}`).send({ version: 1, status: 'done' }).expect(200);
      expect(done.body).toMatchObject({ status: 'done', completedAt: '2026-03-11T09:15:00.000Z', version: 2 });

      clock.set(new Date('2026-03-12T10:00:00Z'));
      const wontDo = await api().patch(`/api/v1/action-items/${item.id}`).send({ version: 2, status: 'wont_do' }).expect(200);
      expect(wontDo.body).toMatchObject({ status: 'wont_do', completedAt: '2026-03-11T09:15:00.000Z' });

      const titled = await api().patch(`/api/v1/action-items/${item.id}`).send({ version: 3, title: 'Renamed' }).expect(200);
      expect(titled.body.completedAt).toBe('2026-03-11T09:15:00.000Z');

      const reopened = await api().patch(`/api/v1/action-items/${item.id}`).send({ version: 4, status: 'in_progress' }).expect(200);
      expect(reopened.body).toMatchObject({ status: 'in_progress', completedAt: null });
    });

    it('takes an explicit completedAt when closing, on create and on update', async () => {
      const created = await api()
        .post('/api/v1/action-items')
        .send(actionItemBody(incident.key, { status: 'done', completedAt: '2026-03-09T18:00:00+01:00' }))
        .expect(201);
      expect(created.body.completedAt).toBe('2026-03-09T17:00:00.000Z');
      const createdDone = await api().post('/api/v1/action-items').send(actionItemBody(incident.key, { status: 'wont_do' })).expect(201);
      expect(createdDone.body.completedAt).toBe('2026-03-10T12:00:00.000Z');

      const corrected = await api().patch(`/api/v1/action-items/${created.body.id}`).send({ version: 1, completedAt: '2026-03-08T08:00:00Z' }).expect(200);
      expect(corrected.body).toMatchObject({ status: 'done', completedAt: '2026-03-08T08:00:00.000Z' });
    });

    it('refuses a completedAt on an open item or in the future, naming the field and value, and keeps the row', async () => {
      const item = (await api().post('/api/v1/action-items').send(actionItemBody(incident.key)).expect(201)).body;
      const open = await api().patch(`/api/v1/action-items/${item.id}`).send({ version: 1, completedAt: '2026-03-09T08:00:00Z' }).expect(422);
      expect(open.body).toMatchObject({ code: 'COMPLETED_AT_NOT_CLOSED', field: 'completedAt', value: '2026-03-09T08:00:00.000Z' });
      const future = await api()
        .patch(`/api/v1/action-items/${item.id}`)
        .send({ version: 1, status: 'done', completedAt: '2026-03-11T08:00:00Z' })
        .expect(422);
      expect(future.body).toMatchObject({ code: 'COMPLETED_AT_IN_FUTURE', field: 'completedAt' });
      const stored = await api().get(`/api/v1/action-items/${item.id}`).expect(200);
      expect(stored.body).toMatchObject({ status: 'open', completedAt: null, version: 1 });
    });
  });

  it('refuses a stale version with a 409 carrying the current version, and keeps the first edit', async () => {
    const item = (await api().post('/api/v1/action-items').send(actionItemBody(incident.key)).expect(201)).body;
    await api().patch(`/api/v1/action-items/${item.id}`).send({ version: 1, owner: 'First editor', status: 'done' }).expect(200);
    const stale = await api().patch(`/api/v1/action-items/${item.id}`).send({ version: 1, owner: 'Second editor', status: 'open' }).expect(409);
    expect(stale.body).toMatchObject({ code: 'VERSION_CONFLICT', currentVersion: 2, givenVersion: 1 });
    const stored = await api().get(`/api/v1/action-items/${item.id}`).expect(200);
    expect(stored.body).toMatchObject({ owner: 'First editor', status: 'done', completedAt: '2026-03-10T12:00:00.000Z', version: 2 });
  });

  it('lets exactly one of concurrent edits of the same version win', async () => {
    const item = (await api().post('/api/v1/action-items').send(actionItemBody(incident.key)).expect(201)).body;
    const results = await Promise.all(['A', 'B', 'C'].map((owner) => api().patch(`/api/v1/action-items/${item.id}`).send({ version: 1, owner })));
    expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409]);
    const stored = await api().get(`/api/v1/action-items/${item.id}`).expect(200);
    expect(stored.body).toMatchObject({ owner: results.find((r) => r.status === 200)!.body.owner, version: 2 });
  });

  it('reads the row FOR UPDATE: an edit committed while the PATCH waits makes it stale (409)', async () => {
    const item = (await api().post('/api/v1/action-items').send(actionItemBody(incident.key)).expect(201)).body;
    const other = t.db.dataSource.createQueryRunner();
    await other.connect();
    await other.startTransaction();
    try {
      await other.query(`SELECT 1 FROM action_items WHERE id = $1 FOR UPDATE`, [item.id]);
      const pending = api().patch(`/api/v1/action-items/${item.id}`).send({ version: 1, owner: 'Waiting editor' }).then((r) => r);
      await new Promise((resolve) => setTimeout(resolve, 300));
      await other.query(`UPDATE action_items SET owner = 'Other editor', version = version + 1 WHERE id = $1`, [item.id]);
      await other.commitTransaction();
      const response = await pending;
      expect(response.status).toBe(409);
      expect(response.body.currentVersion).toBe(2);
    } finally {
      if (other.isTransactionActive) await other.rollbackTransaction();
      await other.release();
    }
    expect((await api().get(`/api/v1/action-items/${item.id}`).expect(200)).body).toMatchObject({ owner: 'Other editor', version: 2 });
  });

  it('clears optional fields with null and refuses an unknown team on update without changing the row', async () => {
    const item = (await api()
      .post('/api/v1/action-items')
      .send(actionItemBody(incident.key, { owner: 'Dana', team: 'Payments', dueDate: '2026-03-20', externalUrl: 'http://jira/browse/OPS-1' }))
      .expect(201)).body;
    const refused = await api().patch(`/api/v1/action-items/${item.id}`).send({ version: 1, team: 'Ghosts', owner: 'Sam' }).expect(422);
    expect(refused.body).toMatchObject({ field: 'team', value: 'Ghosts' });
    expect((await api().get(`/api/v1/action-items/${item.id}`).expect(200)).body).toMatchObject({ owner: 'Dana', team: 'Payments', version: 1 });
    const cleared = await api()
      .patch(`/api/v1/action-items/${item.id}`)
      .send({ version: 1, owner: null, team: null, dueDate: null, externalUrl: null })
      .expect(200);
    expect(cleared.body).toMatchObject({ owner: null, team: null, dueDate: null, externalUrl: null, version: 2 });
  });

  it('deletes an item, refusing a stale version', async () => {
    const item = (await api().post('/api/v1/action-items').send(actionItemBody(incident.key)).expect(201)).body;
    const stale = await api().delete(`/api/v1/action-items/${item.id}?version=3`).expect(409);
    expect(stale.body.currentVersion).toBe(1);
    await api().delete(`/api/v1/action-items/${item.id}?version=1`).expect(204);
    await api().get(`/api/v1/action-items/${item.id}`).expect(404);
    await api().delete(`/api/v1/action-items/${item.id}`).expect(404);
  });

  it('answers 404 naming the id asked for', async () => {
    const response = await api().get('/api/v1/action-items/not-a-uuid').expect(404);
    expect(response.body).toMatchObject({ code: 'NOT_FOUND', message: 'Action item "not-a-uuid" not found' });
  });
});

describe('action item list', () => {
  let t: TestApp;
  const clock = new FixedClock(new Date('2026-03-10T12:00:00Z'));
  let keys: string[];

  // title, incident index, fields
  const ITEMS: [string, number, Record<string, unknown>][] = [
    ['late-open', 0, { dueDate: '2026-03-09', team: 'Payments', owner: 'Dana Smith', priority: 'high' }],
    ['late-in-progress', 0, { dueDate: '2026-02-01', status: 'in_progress', team: 'Platform' }],
    ['due-today', 1, { dueDate: '2026-03-10', team: 'Payments', priority: 'low' }],
    ['due-tomorrow', 1, { dueDate: '2026-03-11', owner: 'dana smith' }],
    ['late-but-done', 0, { dueDate: '2026-03-01', status: 'done', team: 'Payments' }],
    ['late-but-wont-do', 1, { dueDate: '2026-03-01', status: 'wont_do', priority: 'high' }],
    ['no-due-date', 0, {}],
  ];

  beforeAll(async () => {
    t = await startTestApp({ clock });
    await t.db.dataSource.query(`INSERT INTO teams (name) VALUES ('Payments'), ('Platform')`);
    const api = t.request();
    keys = [];
    for (let i = 0; i < 2; i++) keys.push((await api.post('/api/v1/incidents').send(incidentBody()).expect(201)).body.key);
    for (const [title, incident, fields] of ITEMS) {
      await api.post('/api/v1/action-items').send({ incident: keys[incident], title, ...fields }).expect(201);
    }
  });
  afterAll(() => t.close());
  beforeEach(() => clock.set(new Date('2026-03-10T12:00:00Z')));

  const titles = async (query: string) => {
    const response = await t.request().get(`/api/v1/action-items?${query}`).expect(200);
    expect(response.body.total).toBe(response.body.items.length);
    return (response.body.items as Item[]).map((i) => i.title).sort();
  };

  it.each([
    ['', ITEMS.map(([title]) => title)],
    ['overdue=true', ['late-in-progress', 'late-open']],
    ['overdue=false', ['due-today', 'due-tomorrow', 'late-but-done', 'late-but-wont-do', 'no-due-date']],
    ['status=open', ['due-today', 'due-tomorrow', 'late-open', 'no-due-date']],
    ['status=done&status=wont_do', ['late-but-done', 'late-but-wont-do']],
    ['status=in_progress,done', ['late-but-done', 'late-in-progress']],
    ['team=Payments', ['due-today', 'late-but-done', 'late-open']],
    ['team=Payments,Platform&overdue=true', ['late-in-progress', 'late-open']],
    ['owner=DANA%20SMITH', ['due-tomorrow', 'late-open']],
    ['priority=high', ['late-but-wont-do', 'late-open']],
    ['priority=low,medium&status=open', ['due-today', 'due-tomorrow', 'no-due-date']],
    ['team=Nobody', []],
  ])('filters %s', async (query, expected) => {
    expect(await titles(query)).toEqual([...expected].sort());
  });

  it('filters by incident key or id', async () => {
    expect(await titles(`incident=${keys[1]}`)).toEqual(['due-today', 'due-tomorrow', 'late-but-wont-do']);
    const [{ id }] = await t.db.dataSource.query(`SELECT id FROM incidents WHERE key = $1`, [keys[1]]);
    expect(await titles(`incident=${id}&status=open`)).toEqual(['due-today', 'due-tomorrow']);
    expect(await titles(`incident=INC-1999-0001`)).toEqual([]);
  });

  it('computes the overdue flag with the same rule as the filter, against the injected clock', async () => {
    const all = (await t.request().get('/api/v1/action-items').expect(200)).body.items as Item[];
    expect(all.filter((i) => i.overdue).map((i) => i.title).sort()).toEqual(await titles('overdue=true'));

    clock.set(new Date('2026-03-12T00:30:00Z'));
    expect(await titles('overdue=true')).toEqual(['due-today', 'due-tomorrow', 'late-in-progress', 'late-open']);
    const later = (await t.request().get('/api/v1/action-items').expect(200)).body.items as Item[];
    expect(later.filter((i) => i.overdue).map((i) => i.title).sort()).toEqual(['due-today', 'due-tomorrow', 'late-in-progress', 'late-open']);
  });

  it('pages with a cursor through every item exactly once, keeping the total', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const response: request.Response = await t.request()
        .get(`/api/v1/action-items?limit=3${cursor ? `&cursor=${cursor}` : ''}`)
        .expect(200);
      expect(response.body.total).toBe(ITEMS.length);
      expect(response.body.items.length).toBeLessThanOrEqual(3);
      seen.push(...response.body.items.map((i: Item) => i.title));
      cursor = response.body.nextCursor;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual([...ITEMS.map(([title]) => title)].reverse());
  });

  it('pages a filtered list with the filter total', async () => {
    const first = await t.request().get('/api/v1/action-items?status=open&limit=2').expect(200);
    expect(first.body).toMatchObject({ total: 4 });
    const second = await t.request().get(`/api/v1/action-items?status=open&limit=2&cursor=${first.body.nextCursor}`).expect(200);
    expect(second.body.nextCursor).toBeNull();
    const titles = [...first.body.items, ...second.body.items].map((i: Item) => i.title).sort();
    expect(titles).toEqual(['due-today', 'due-tomorrow', 'late-open', 'no-due-date']);
  });

  it.each([
    ['limit=0', 'limit', '0'],
    ['limit=501', 'limit', '501'],
    ['status=closed', 'status', 'closed'],
    ['priority=urgent', 'priority', 'urgent'],
    ['overdue=maybe', 'overdue', 'maybe'],
    ['cursor=garbage', 'cursor', 'garbage'],
  ])('refuses %s naming the parameter and value', async (query, field, value) => {
    const response = await t.request().get(`/api/v1/action-items?${query}`).expect(400);
    expect(response.body.message).toContain(field);
    expect(response.body.message).toContain(value);
  });

  it('refuses an incident filter on the per-incident route (the path names it)', async () => {
    const response = await t.request().get(`/api/v1/incidents/${keys[0]}/action-items?incident=${keys[1]}`).expect(400);
    expect(response.body.message).toContain('incident');
  });

  it('treats SQL metacharacters in filters as plain values', async () => {
    expect(await titles(`team=${encodeURIComponent("Payments' OR '1'='1")}`)).toEqual([]);
    expect(await titles(`owner=${encodeURIComponent("x' OR '1'='1")}`)).toEqual([]);
    expect(await titles(`incident=${encodeURIComponent("INC' OR 1=1 --")}`)).toEqual([]);
  });
});
