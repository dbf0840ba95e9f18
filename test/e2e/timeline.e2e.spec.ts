import { encodeCursor, PAGE_BYTE_BUDGET } from '../../src/common/cursor.js';
import { incidentBody } from '../factories/incidents.js';
import { timelineEntryBody } from '../factories/timeline.js';
import { FixedClock, startTestApp, type TestApp } from '../support/app.js';

interface Entry {
  id: string;
  kind: string;
  body: string;
  occurredAt: string;
}

describe('incident timeline API', () => {
  let t: TestApp;
  const clock = new FixedClock(new Date('2026-03-01T12:00:00Z'));
  beforeAll(async () => {
    t = await startTestApp({ clock });
  });
  afterAll(() => t.close());

  const api = () => t.request();
  const newIncident = async () => (await api().post('/api/v1/incidents').send(incidentBody()).expect(201)).body as { id: string; key: string };
  const timeline = (incident: string, query = '') => api().get(`/api/v1/incidents/${incident}/timeline${query}`);
  const bodies = async (incident: string, query = '') => (await timeline(incident, query).expect(200)).body.items.map((e: Entry) => e.body);
  const addEntry = (incident: string, entry: Parameters<typeof timelineEntryBody>[0]) =>
    api().post(`/api/v1/incidents/${incident}/timeline`).send(timelineEntryBody(entry)).expect(201);
  /** Every page of the timeline, following nextCursor from the first page of `query`. */
  async function pages(incident: string, query: Record<string, string>): Promise<{ items: Entry[]; bytes: number }[]> {
    const all: { items: Entry[]; bytes: number }[] = [];
    let cursor: string | null = null;
    do {
      const response = await api().get(`/api/v1/incidents/${incident}/timeline`).query({ ...query, ...(cursor ? { cursor } : {}) }).expect(200);
      all.push({ items: response.body.items as Entry[], bytes: Buffer.byteLength(response.text) });
      cursor = response.body.nextCursor as string | null;
    } while (cursor && all.length < 200);
    return all;
  }
  const countEntries = async (incidentId: string) =>
    Number((await t.db.dataSource.query(`SELECT count(*)::int AS n FROM timeline_entries WHERE incident_id = $1`, [incidentId]))[0].n);

  it('adds an entry and lists it, by incident key and by id', async () => {
    const incident = await newIncident();
    const created = await api()
      .post(`/api/v1/incidents/${incident.key}/timeline`)
      .send({ occurredAt: '2026-03-01T10:45:00+01:00', kind: 'status_update', author: 'Dana', body: 'Investigating elevated card declines.' })
      .expect(201);
    expect(created.body).toMatchObject({
      incidentId: incident.id, incidentKey: incident.key, occurredAt: '2026-03-01T09:45:00.000Z', kind: 'status_update', author: 'Dana',
      body: 'Investigating elevated card declines.',
    });
    expect(created.body.id).toMatch(/^[0-9a-f-]{36}$/);
    const byKey = await timeline(incident.key.toLowerCase()).expect(200);
    expect(byKey.body).toEqual({ items: [expect.objectContaining({ id: created.body.id })], nextCursor: null });
    const byId = await timeline(incident.id).expect(200);
    expect(byId.body.items.map((e: Entry) => e.id)).toEqual([created.body.id]);
  });

  it('defaults the author to null', async () => {
    const incident = await newIncident();
    const created = await api().post(`/api/v1/incidents/${incident.id}/timeline`).send({ occurredAt: '2026-03-01T10:00:00Z', kind: 'note', body: 'x' }).expect(201);
    expect(created.body.author).toBeNull();
  });

  it('lists entries in the order they happened, and same-instant entries in the order they were recorded', async () => {
    const incident = await newIncident();
    for (const [occurredAt, body] of [
      ['2026-03-01T11:00:00Z', 'third'],
      ['2026-03-01T09:40:00Z', 'first'],
      ['2026-03-01T10:00:00Z', 'second (a)'],
      ['2026-03-01T10:00:00Z', 'second (b)'],
      ['2026-03-01T11:50:00+02:00', 'between first and second'],
    ]) {
      await api().post(`/api/v1/incidents/${incident.id}/timeline`).send(timelineEntryBody({ occurredAt, body })).expect(201);
    }
    expect(await bodies(incident.id)).toEqual(['first', 'between first and second', 'second (a)', 'second (b)', 'third']);
  });

  describe('kind filter', () => {
    let incident: { id: string; key: string };
    beforeAll(async () => {
      incident = await newIncident();
      const entries = [
        ['note', '2026-03-01T09:40:00Z'],
        ['status_update', '2026-03-01T09:41:00Z'],
        ['action', '2026-03-01T09:42:00Z'],
        ['milestone', '2026-03-01T09:43:00Z'],
        ['status_update', '2026-03-01T09:44:00Z'],
      ] as const;
      for (const [kind, occurredAt] of entries) {
        await api().post(`/api/v1/incidents/${incident.id}/timeline`).send(timelineEntryBody({ kind, occurredAt, body: `${kind} at ${occurredAt.slice(11, 16)}` })).expect(201);
      }
    });

    it.each([
      ['', ['note at 09:40', 'status_update at 09:41', 'action at 09:42', 'milestone at 09:43', 'status_update at 09:44']],
      ['?kind=status_update', ['status_update at 09:41', 'status_update at 09:44']],
      ['?kind=note&kind=action', ['note at 09:40', 'action at 09:42']],
      ['?kind=note,milestone', ['note at 09:40', 'milestone at 09:43']],
      ['?kind=severity_change', []],
    ])('filters %s', async (query, expected) => {
      expect(await bodies(incident.id, query)).toEqual(expected);
    });

    it('refuses an unknown kind with a 400 naming it', async () => {
      const response = await timeline(incident.id, '?kind=note,gossip').expect(400);
      expect(response.body.errors).toEqual([expect.objectContaining({ field: 'kind', value: ['note', 'gossip'] })]);
      expect(response.body.message).toContain('kind');
    });
  });

  describe('pages', () => {
    let incident: { id: string; key: string };
    /** The whole timeline, in order: three entries at 10:00 recorded one after another, so a page may end between them. */
    const inOrder = ['09:00 note', '09:30 status', '10:00 note (a)', '10:00 status (b)', '10:00 action (c)', '10:30 status', '11:00 note'];
    beforeAll(async () => {
      incident = await newIncident();
      for (const [occurredAt, kind, body] of [
        ['2026-03-01T11:00:00Z', 'note', '11:00 note'],
        ['2026-03-01T10:00:00Z', 'note', '10:00 note (a)'],
        ['2026-03-01T09:30:00Z', 'status_update', '09:30 status'],
        ['2026-03-01T10:00:00Z', 'status_update', '10:00 status (b)'],
        ['2026-03-01T10:30:00Z', 'status_update', '10:30 status'],
        ['2026-03-01T09:00:00Z', 'note', '09:00 note'],
        ['2026-03-01T11:00:00+01:00', 'action', '10:00 action (c)'],
      ] as const) {
        await addEntry(incident.id, { occurredAt, kind, body });
      }
    });

    it('lists the first page, `limit` entries, with a cursor to the rest', async () => {
      const first = await timeline(incident.key, '?limit=3').expect(200);
      expect(first.body.items.map((e: Entry) => e.body)).toEqual(inOrder.slice(0, 3));
      expect(first.body.nextCursor).toEqual(expect.any(String));
      const last = await timeline(incident.key, `?limit=3&cursor=${first.body.nextCursor}`).expect(200);
      expect(last.body.items.map((e: Entry) => e.body)).toEqual(inOrder.slice(3, 6));
    });

    it.each([1, 2, 3, 6, 7, 50])('with limit %d gives every entry once, in order, across pages', async (limit) => {
      const all = await pages(incident.key, { limit: String(limit) });
      expect(all).toHaveLength(Math.ceil(inOrder.length / limit));
      expect(all.every((page) => page.items.length <= limit)).toBe(true);
      expect(all.flatMap((page) => page.items.map((e) => e.body))).toEqual(inOrder);
    });

    it.each([
      ['status_update', 1, ['09:30 status', '10:00 status (b)', '10:30 status']],
      ['note,action', 2, ['09:00 note', '10:00 note (a)', '10:00 action (c)', '11:00 note']],
    ])('keeps ?kind=%s on every page (limit %d)', async (kind, limit, expected) => {
      const all = await pages(incident.key, { kind, limit: String(limit) });
      expect(all).toHaveLength(Math.ceil(expected.length / limit));
      expect(all.flatMap((page) => page.items.map((e) => e.body))).toEqual(expected);
    });

    it.each([
      ['limit=0', 'limit', '0'],
      ['limit=501', 'limit', '501'],
      ['limit=ten', 'limit', 'ten'],
      ['limit=2.5', 'limit', '2.5'],
      ['a cursor that is not base64 JSON', 'cursor', 'garbage'],
      ['a cursor over 200 characters', 'cursor', 'x'.repeat(201)],
      ['a cursor of another list ([startedAt, id] of incidents)', 'cursor', encodeCursor({ at: '2026-03-01T10:00:00.000Z', id: '00000000-0000-4000-8000-000000000000' })],
      ['a cursor with an impossible date', 'cursor', encodeCursor({ at: '2026-02-30T10:00:00.000Z', then: '2026-03-01T10:00:00.000Z', id: '00000000-0000-4000-8000-000000000000' })],
    ])('refuses %s with a 400 naming %s', async (_name, field, value) => {
      const response = await api().get(`/api/v1/incidents/${incident.key}/timeline`).query({ [field]: value }).expect(400);
      expect(response.body.errors).toEqual([expect.objectContaining({ field })]);
      expect(response.body.message).toContain(field);
    });

    it('takes limit 500', async () => {
      expect((await timeline(incident.key, '?limit=500').expect(200)).body.items).toHaveLength(inOrder.length);
    });
  });

  describe('pages of large entries', () => {
    let incident: { id: string; key: string };
    const count = 120;
    beforeAll(async () => {
      incident = await newIncident();
      // 120 bodies of 20,000 characters (the most an entry may have), written in one statement as an import
      // writes them: one created_at for all, three entries per instant, so ties go by id.
      await t.db.dataSource.query(
        `INSERT INTO timeline_entries (incident_id, occurred_at, kind, body)
         SELECT $1, timestamptz '2026-03-01T08:00:00Z' + (n / 3) * interval '1 minute', 'note', lpad(n::text, 4, '0') || repeat('x', 19996)
           FROM generate_series(1, $2::int) n`,
        [incident.id, count],
      );
    });

    it('stops a page at the byte budget before its limit and gives the rest, each entry once, in order', async () => {
      const all = await pages(incident.key, { limit: '500' });
      expect(all.length).toBeGreaterThan(1);
      expect(all[0].items.length).toBeLessThan(count);
      for (const page of all) expect(page.bytes).toBeLessThan(PAGE_BYTE_BUDGET + 64 * 1024);
      const entries = all.flatMap((page) => page.items);
      expect(new Set(entries.map((e) => e.id)).size).toBe(count);
      const positions = entries.map((e) => `${e.occurredAt} ${e.id}`);
      expect(positions).toEqual([...positions].sort());
    });

    it('lists 50 entries when the request gives no limit', async () => {
      const first = await timeline(incident.key).expect(200);
      expect(first.body.items).toHaveLength(50);
      expect(first.body.nextCursor).toEqual(expect.any(String));
    });
  });

  it('documents the page in OpenAPI: limit, cursor and kind in, items and nextCursor out', async () => {
    const doc = (await t.anonymous().get('/api/docs/openapi.json').expect(200)).body;
    const list = doc.paths['/api/v1/incidents/{incident}/timeline'].get;
    expect(list.parameters.filter((p: { in: string }) => p.in === 'query').map((p: { name: string }) => p.name).sort()).toEqual(['cursor', 'kind', 'limit']);
    const ref: string = list.responses['200'].content['application/json'].schema.$ref;
    const page = doc.components.schemas[ref.split('/').at(-1)!];
    expect(Object.keys(page.properties).sort()).toEqual(['items', 'nextCursor']);
    expect(page.properties.items.items.$ref).toMatch(/\/TimelineEntryDto$/);
  });

  it('shows the severity changes the incidents API records', async () => {
    const incident = await newIncident();
    clock.set(new Date('2026-03-01T10:15:00Z'));
    await api().patch(`/api/v1/incidents/${incident.id}`).send({ version: 1, severity: 'SEV1', severityChangeReason: 'Spreading' }).expect(200);
    await api().post(`/api/v1/incidents/${incident.id}/timeline`).send(timelineEntryBody({ occurredAt: '2026-03-01T10:00:00Z', body: 'Paged payments' })).expect(201);
    const all = await timeline(incident.id).expect(200);
    expect(all.body.items.map((e: Entry) => [e.kind, e.occurredAt])).toEqual([
      ['note', '2026-03-01T10:00:00.000Z'],
      ['severity_change', '2026-03-01T10:15:00.000Z'],
    ]);
    expect(await bodies(incident.id, '?kind=severity_change')).toEqual(['Severity changed from SEV2 to SEV1: Spreading']);
  });

  it.each([
    ['a timestamp without an offset', { occurredAt: '2026-03-01T09:45:00' }, 'occurredAt'],
    ['an impossible date', { occurredAt: '2026-02-30T09:45:00Z' }, 'occurredAt'],
    ['an unknown kind', { kind: 'gossip' }, 'kind'],
    ['an empty body', { body: '' }, 'body'],
    ['a blank body', { body: '   \n ' }, 'body'],
    ['a body over 20000 characters', { body: 'x'.repeat(20001) }, 'body'],
    ['an author over 200 characters', { author: 'a'.repeat(201) }, 'author'],
    ['a null occurredAt', { occurredAt: null }, 'occurredAt'],
    ['an unknown field', { mood: 'tense' }, 'mood'],
  ])('refuses %s with a 400 naming the field and value, and stores nothing', async (_name, override, field) => {
    const incident = await newIncident();
    const response = await api().post(`/api/v1/incidents/${incident.id}/timeline`).send({ ...timelineEntryBody(), ...override }).expect(400);
    expect(response.body.code).toBe('VALIDATION_FAILED');
    expect(response.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field, value: Object.values(override)[0] })]));
    expect(response.body.message).toContain(field);
    expect(await countEntries(incident.id)).toBe(0);
  });

  it('accepts a body of exactly 20000 characters', async () => {
    const incident = await newIncident();
    const created = await api().post(`/api/v1/incidents/${incident.id}/timeline`).send(timelineEntryBody({ body: 'x'.repeat(20000) })).expect(201);
    expect(created.body.body).toHaveLength(20000);
  });

  it.each(['occurredAt', 'kind', 'body'])('refuses an entry without %s', async (field) => {
    const incident = await newIncident();
    const body: Record<string, unknown> = { ...timelineEntryBody() };
    delete body[field];
    const response = await api().post(`/api/v1/incidents/${incident.id}/timeline`).send(body).expect(400);
    expect(response.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
  });

  it('answers 404 for the timeline of an unknown incident', async () => {
    const list = await timeline('INC-1999-9999').expect(404);
    expect(list.body).toMatchObject({ code: 'NOT_FOUND', message: 'Incident "INC-1999-9999" not found' });
    await api().post('/api/v1/incidents/INC-1999-9999/timeline').send(timelineEntryBody()).expect(404);
  });

  it('corrects an entry: new time moves it, null clears the author, the rest is kept', async () => {
    const incident = await newIncident();
    const early = await api().post(`/api/v1/incidents/${incident.id}/timeline`).send(timelineEntryBody({ occurredAt: '2026-03-01T09:40:00Z', body: 'early' })).expect(201);
    await api().post(`/api/v1/incidents/${incident.id}/timeline`).send(timelineEntryBody({ occurredAt: '2026-03-01T10:00:00Z', body: 'later' })).expect(201);
    const updated = await api()
      .patch(`/api/v1/incidents/${incident.key}/timeline/${early.body.id}`)
      .send({ occurredAt: '2026-03-01T11:30:00+01:00', author: null, kind: 'action' })
      .expect(200);
    expect(updated.body).toMatchObject({ id: early.body.id, occurredAt: '2026-03-01T10:30:00.000Z', author: null, kind: 'action', body: 'early' });
    expect(await bodies(incident.id)).toEqual(['later', 'early']);
  });

  it.each([
    ['a timestamp without an offset', { occurredAt: '2026-03-01T09:45:00' }, 'occurredAt'],
    ['a null body', { body: null }, 'body'],
    ['a null kind', { kind: null }, 'kind'],
  ])('refuses a correction with %s (400 naming the field) and keeps the entry', async (_name, change, field) => {
    const incident = await newIncident();
    const entry = await api().post(`/api/v1/incidents/${incident.id}/timeline`).send(timelineEntryBody()).expect(201);
    const response = await api().patch(`/api/v1/incidents/${incident.id}/timeline/${entry.body.id}`).send(change).expect(400);
    expect(response.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field, value: Object.values(change)[0] })]));
    const [stored] = (await timeline(incident.id).expect(200)).body.items;
    expect(stored).toMatchObject({ occurredAt: entry.body.occurredAt, body: entry.body.body, kind: entry.body.kind });
  });

  it('deletes an entry', async () => {
    const incident = await newIncident();
    const entry = await api().post(`/api/v1/incidents/${incident.id}/timeline`).send(timelineEntryBody({ body: 'to delete' })).expect(201);
    await api().post(`/api/v1/incidents/${incident.id}/timeline`).send(timelineEntryBody({ body: 'to keep' })).expect(201);
    await api().delete(`/api/v1/incidents/${incident.key}/timeline/${entry.body.id}`).expect(204);
    expect(await bodies(incident.id)).toEqual(['to keep']);
    await api().delete(`/api/v1/incidents/${incident.key}/timeline/${entry.body.id}`).expect(404);
  });

  it('does not find an entry through another incident, and leaves it alone', async () => {
    const owner = await newIncident();
    const other = await newIncident();
    const entry = await api().post(`/api/v1/incidents/${owner.id}/timeline`).send(timelineEntryBody({ body: 'belongs to owner' })).expect(201);
    const patch = await api().patch(`/api/v1/incidents/${other.key}/timeline/${entry.body.id}`).send({ body: 'hijacked' }).expect(404);
    expect(patch.body.code).toBe('NOT_FOUND');
    expect(patch.body.message).toContain(entry.body.id);
    await api().delete(`/api/v1/incidents/${other.key}/timeline/${entry.body.id}`).expect(404);
    expect(await bodies(owner.id)).toEqual(['belongs to owner']);
    expect(await bodies(other.id)).toEqual([]);
  });

  it.each(['not-a-uuid', '00000000-0000-4000-8000-000000000000'])('answers 404 for entry id %s', async (entryId) => {
    const incident = await newIncident();
    const response = await api().patch(`/api/v1/incidents/${incident.id}/timeline/${entryId}`).send({ body: 'x' }).expect(404);
    expect(response.body.message).toContain(entryId);
  });

  it('removes the timeline with its incident', async () => {
    const incident = await newIncident();
    await api().post(`/api/v1/incidents/${incident.id}/timeline`).send(timelineEntryBody()).expect(201);
    await api().delete(`/api/v1/incidents/${incident.id}`).expect(204);
    expect(await countEntries(incident.id)).toBe(0);
    await timeline(incident.id).expect(404);
  });
});
