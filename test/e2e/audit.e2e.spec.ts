import { CLI_ACTOR } from '../../src/common/actor.js';
import type { Role } from '../../src/common/roles.js';
import { TokensService } from '../../src/auth/tokens.service.js';
import { actionItemBody } from '../factories/action-items.js';
import { incidentBody } from '../factories/incidents.js';
import { templateBody } from '../factories/retros.js';
import { severityLevelBody } from '../factories/severity-levels.js';
import { serviceBody, teamBody } from '../factories/teams.js';
import { timelineEntryBody } from '../factories/timeline.js';
import { FixedClock, startTestApp, type TestApp } from '../support/app.js';

interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}
interface AuditEvent {
  id: string;
  occurredAt: string;
  actor: { type: string; id: string | null; name: string };
  action: string;
  entity: { type: string; id: string | null; label: string | null };
  incidentId: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  changes: FieldChange[];
  ip: string | null;
  requestId: string | null;
}
interface Page {
  items: AuditEvent[];
  total: number;
  nextCursor: string | null;
}
type Incident = { id: string; key: string; version: number };

const NOON = new Date('2026-03-01T12:00:00Z');

describe('audit trail', () => {
  let t: TestApp;
  const clock = new FixedClock(NOON);
  const tokenIds = {} as Record<Role, string>;

  beforeAll(async () => {
    t = await startTestApp({ clock });
    for (const row of await t.db.dataSource.query<{ id: string; role: Role }[]>(`SELECT id, role FROM api_tokens`)) tokenIds[row.role] = row.id;
  });
  afterAll(() => t.close());
  beforeEach(() => clock.set(NOON));

  const admin = () => t.request('admin');
  const responder = () => t.request('responder');
  const audit = async (query: Record<string, string | number | string[]> = {}): Promise<Page> =>
    (await admin().get('/api/v1/audit').query(query).expect(200)).body;
  /** Every event about one entity, oldest first. */
  const eventsOf = async (entityId: string): Promise<AuditEvent[]> => (await audit({ entityId, limit: 500 })).items.reverse();
  const eventCount = async (): Promise<number> => (await t.db.dataSource.query(`SELECT count(*)::int AS n FROM audit_events`))[0].n;
  const byToken = (role: Role) => ({ type: 'token', id: tokenIds[role], name: `test-${role}` });
  const newIncident = async (overrides = {}): Promise<Incident> => (await responder().post('/api/v1/incidents').send(incidentBody(overrides)).expect(201)).body;

  describe('incidents', () => {
    it('records create, update and delete with the actor, the request, before, after and the changed fields', async () => {
      const created = (await responder().post('/api/v1/incidents').set('X-Request-Id', 'req-create-1').send(incidentBody({ title: 'Checkout down' })).expect(201)).body;
      clock.set(new Date('2026-03-01T13:00:00Z'));
      const updated = (await responder()
        .patch(`/api/v1/incidents/${created.key}`)
        .send({ version: 1, title: 'Checkout down in the EU', mitigatedAt: '2026-03-01T11:00:00Z' })
        .expect(200)).body;
      clock.set(new Date('2026-03-01T14:00:00Z'));
      await admin().delete(`/api/v1/incidents/${created.key}`).expect(204);

      const events = await eventsOf(created.id);
      expect(events.map((e) => e.action)).toEqual(['incident.create', 'incident.update', 'incident.delete']);
      const [create, update, remove] = events;
      expect(create).toMatchObject({
        occurredAt: '2026-03-01T12:00:00.000Z', actor: byToken('responder'), entity: { type: 'incident', id: created.id, label: created.key },
        incidentId: created.id, before: null, after: created, requestId: 'req-create-1',
      });
      expect(create.ip).toMatch(/127\.0\.0\.1|::1/);
      expect(create.changes).toContainEqual({ field: 'title', before: null, after: 'Checkout down' });
      expect(update).toMatchObject({ occurredAt: '2026-03-01T13:00:00.000Z', actor: byToken('responder'), before: created, after: updated, requestId: null });
      expect(update.changes).toEqual([
        { field: 'mitigatedAt', before: null, after: '2026-03-01T11:00:00.000Z' },
        { field: 'status', before: 'active', after: 'mitigated' },
        { field: 'title', before: 'Checkout down', after: 'Checkout down in the EU' },
      ]);
      expect(remove).toMatchObject({ occurredAt: '2026-03-01T14:00:00.000Z', actor: byToken('admin'), incidentId: created.id, before: updated, after: null });
      expect(remove.changes).toContainEqual({ field: 'title', before: 'Checkout down in the EU', after: null });
    });

    it('records a severity change as an incident.update whose severity differs, and the timeline entry it writes', async () => {
      const incident = await newIncident({ severity: 'SEV2' });
      const updated = (await responder().patch(`/api/v1/incidents/${incident.key}`).send({ version: 1, severity: 'SEV1', severityChangeReason: 'Spreading' }).expect(200)).body;
      const history: AuditEvent[] = (await t.request('viewer').get(`/api/v1/incidents/${incident.key}/history`).expect(200)).body.items;
      expect(history.map((e) => e.action)).toEqual(['incident.create', 'incident.update', 'timeline_entry.create']);
      const [, update, entry] = history;
      expect(update.changes).toEqual([
        { field: 'peakSeverity', before: 'SEV2', after: 'SEV1' },
        { field: 'severity', before: 'SEV2', after: 'SEV1' },
      ]);
      expect(update.after).toEqual(updated);
      expect(entry).toMatchObject({
        actor: byToken('responder'), entity: { type: 'timeline_entry', label: incident.key }, incidentId: incident.id, before: null,
        after: { kind: 'severity_change', author: 'test-responder', body: 'Severity changed from SEV2 to SEV1: Spreading' },
      });
      const severityHistory = (await responder().get(`/api/v1/incidents/${incident.key}/severity-history`).expect(200)).body;
      expect(severityHistory.map((c: { changedBy: string }) => c.changedBy)).toEqual(['test-responder', 'test-responder']);
    });

    it('does not record an update that changed nothing, though the version moves on', async () => {
      const incident = await newIncident({ title: 'Same title' });
      const updated = await responder().patch(`/api/v1/incidents/${incident.key}`).send({ version: 1, title: 'Same title', severity: 'SEV2' }).expect(200);
      expect(updated.body.version).toBe(2);
      expect((await eventsOf(incident.id)).map((e) => e.action)).toEqual(['incident.create']);
    });
  });

  it('records timeline entries: create, update and delete, in the incident\'s history', async () => {
    const incident = await newIncident();
    const path = `/api/v1/incidents/${incident.key}/timeline`;
    const created = (await responder().post(path).send(timelineEntryBody({ body: 'Paged the DB team', kind: 'action' })).expect(201)).body;
    const updated = (await responder().patch(`${path}/${created.id}`).send({ body: 'Paged the database team' }).expect(200)).body;
    const unchanged = (await responder().patch(`${path}/${created.id}`).send({ body: 'Paged the database team' }).expect(200)).body;
    await admin().delete(`${path}/${created.id}`).expect(204);

    const events = await eventsOf(created.id);
    expect(events.map((e) => [e.action, e.actor.name])).toEqual([
      ['timeline_entry.create', 'test-responder'], ['timeline_entry.update', 'test-responder'], ['timeline_entry.delete', 'test-admin'],
    ]);
    expect(events.every((e) => e.incidentId === incident.id && e.entity.type === 'timeline_entry' && e.entity.label === incident.key)).toBe(true);
    expect(events[0]).toMatchObject({ before: null, after: created });
    expect(events[1]).toMatchObject({ before: created, after: updated });
    expect(events[1].changes).toEqual([{ field: 'body', before: 'Paged the DB team', after: 'Paged the database team' }]);
    expect(events[2]).toMatchObject({ before: unchanged, after: null });
  });

  it('records severity levels: create, update and delete', async () => {
    const created = (await admin().post('/api/v1/severity-levels').send(severityLevelBody({ key: 'SEVAUDIT', name: 'Audit level' })).expect(201)).body;
    const updated = (await admin().patch('/api/v1/severity-levels/SEVAUDIT').send({ version: 1, name: 'Audited level', ackTargetSeconds: 1800 }).expect(200)).body;
    await admin().delete('/api/v1/severity-levels/SEVAUDIT').query({ version: 2 }).expect(204);

    const events = await eventsOf(created.id);
    expect(events.map((e) => e.action)).toEqual(['severity_level.create', 'severity_level.update', 'severity_level.delete']);
    expect(events.every((e) => e.entity.type === 'severity_level' && e.entity.label === 'SEVAUDIT' && e.incidentId === null)).toBe(true);
    expect(events.every((e) => e.actor.name === 'test-admin')).toBe(true);
    expect(events[0]).toMatchObject({ before: null, after: created });
    expect(events[1]).toMatchObject({ before: created, after: updated });
    expect(events[1].changes).toEqual([
      { field: 'ackTargetSeconds', before: 3600, after: 1800 },
      { field: 'name', before: 'Audit level', after: 'Audited level' },
    ]);
    expect(events[2]).toMatchObject({ before: updated, after: null });
  });

  it('records teams and services: create, update (labelled with the new name) and delete', async () => {
    const team = (await admin().post('/api/v1/teams').send(teamBody({ name: 'Audit team' })).expect(201)).body;
    const service = (await admin().post('/api/v1/services').send(serviceBody({ name: 'audit-api', owningTeam: 'Audit team' })).expect(201)).body;
    const renamedService = (await admin().patch('/api/v1/services/audit-api').send({ name: 'audited-api', owningTeam: null }).expect(200)).body;
    const renamedTeam = (await admin().patch(`/api/v1/teams/${encodeURIComponent('Audit team')}`).send({ name: 'Audited team' }).expect(200)).body;
    const unchangedTeam = (await admin().patch(`/api/v1/teams/${encodeURIComponent('Audited team')}`).send({ name: 'Audited team' }).expect(200)).body;
    await admin().delete('/api/v1/services/audited-api').expect(204);
    await admin().delete(`/api/v1/teams/${encodeURIComponent('Audited team')}`).expect(204);

    const teamEvents = await eventsOf(team.id);
    expect(teamEvents.map((e) => [e.action, e.entity.label])).toEqual([
      ['team.create', 'Audit team'], ['team.update', 'Audited team'], ['team.delete', 'Audited team'],
    ]);
    expect(teamEvents[0]).toMatchObject({ actor: byToken('admin'), entity: { type: 'team', id: team.id }, before: null, after: team });
    expect(teamEvents[1].changes).toEqual([{ field: 'name', before: 'Audit team', after: 'Audited team' }]);
    expect(teamEvents[1].after).toEqual(renamedTeam);
    expect(teamEvents[2]).toMatchObject({ before: unchangedTeam, after: null });

    const serviceEvents = await eventsOf(service.id);
    expect(serviceEvents.map((e) => [e.action, e.entity.label])).toEqual([
      ['service.create', 'audit-api'], ['service.update', 'audited-api'], ['service.delete', 'audited-api'],
    ]);
    expect(serviceEvents[0]).toMatchObject({ entity: { type: 'service', id: service.id }, before: null, after: service });
    expect(serviceEvents[1].changes).toEqual([
      { field: 'name', before: 'audit-api', after: 'audited-api' },
      { field: 'owningTeam', before: 'Audit team', after: null },
    ]);
    expect(serviceEvents[2]).toMatchObject({ before: renamedService, after: null });
  });

  it('records action items: create, update and delete, in the incident\'s history', async () => {
    const incident = await newIncident();
    const created = (await responder().post('/api/v1/action-items').send(actionItemBody(incident.key, { title: 'Alert on queue age' })).expect(201)).body;
    clock.set(new Date('2026-03-02T08:00:00Z'));
    const updated = (await responder().patch(`/api/v1/action-items/${created.id}`).send({ version: 1, status: 'done' }).expect(200)).body;
    await admin().delete(`/api/v1/action-items/${created.id}`).query({ version: 2 }).expect(204);

    const events = await eventsOf(created.id);
    expect(events.map((e) => [e.action, e.actor.name])).toEqual([
      ['action_item.create', 'test-responder'], ['action_item.update', 'test-responder'], ['action_item.delete', 'test-admin'],
    ]);
    expect(events.every((e) => e.incidentId === incident.id && e.entity.type === 'action_item' && e.entity.label === 'Alert on queue age')).toBe(true);
    expect(events[0]).toMatchObject({ before: null, after: created });
    expect(events[1]).toMatchObject({ before: created, after: updated });
    expect(events[1].changes).toEqual([
      { field: 'completedAt', before: null, after: '2026-03-02T08:00:00.000Z' },
      { field: 'status', before: 'open', after: 'done' },
    ]);
    expect(events[2]).toMatchObject({ before: updated, after: null });
  });

  it('records retro templates: create and set_default (only when it was not the default already)', async () => {
    const original = ((await admin().get('/api/v1/retro-templates').expect(200)).body as { id: string; isDefault: boolean }[]).find((x) => x.isDefault)!;
    const created = (await admin().post('/api/v1/retro-templates').send(templateBody({ name: 'Audit retro' })).expect(201)).body;
    const made = (await admin().post(`/api/v1/retro-templates/${created.id}/default`).expect(200)).body;
    await admin().post(`/api/v1/retro-templates/${created.id}/default`).expect(200);
    await admin().post(`/api/v1/retro-templates/${original.id}/default`).expect(200);

    const events = await eventsOf(created.id);
    expect(events.map((e) => e.action)).toEqual(['retro_template.create', 'retro_template.set_default']);
    expect(events[0]).toMatchObject({ actor: byToken('admin'), entity: { type: 'retro_template', label: 'Audit retro v1' }, before: null, after: created });
    expect(events[1]).toMatchObject({ before: created, after: made });
    expect(events[1].changes).toEqual([{ field: 'isDefault', before: false, after: true }]);
    expect((await eventsOf(original.id)).map((e) => e.action)).toEqual(['retro_template.set_default']);
  });

  it('records retrospectives: create, update and submit, with the incident\'s retroDoneAt and the timeline entry submit writes', async () => {
    const incident = await newIncident({ mitigatedAt: '2026-03-01T10:00:00Z', resolvedAt: '2026-03-01T11:00:00Z' });
    const path = `/api/v1/incidents/${incident.key}/retrospective`;
    const created = (await responder().post(path).send({ facilitator: 'Sam Lee' }).expect(201)).body;
    clock.set(new Date('2026-03-03T12:00:00Z'));
    const updated = (await responder().patch(path).send({ version: 1, heldAt: '2026-03-03T10:00:00Z', answers: { went_well: 'The runbook was current.' } }).expect(200)).body;
    const submitted = (await responder().post(`${path}/submit`).send({ version: 2 }).expect(200)).body;

    const history: AuditEvent[] = (await t.request('viewer').get(`/api/v1/incidents/${incident.id}/history`).expect(200)).body.items;
    expect(history.map((e) => [e.action, e.entity.type])).toEqual([
      ['incident.create', 'incident'],
      ['retrospective.create', 'retrospective'],
      ['retrospective.update', 'retrospective'],
      ['retrospective.submit', 'retrospective'],
      ['incident.update', 'incident'],
      ['timeline_entry.create', 'timeline_entry'],
    ]);
    const [, create, update, submit, incidentUpdate, entry] = history;
    expect(create).toMatchObject({ actor: byToken('responder'), entity: { id: created.id, label: incident.key }, incidentId: incident.id, before: null, after: created });
    expect(update).toMatchObject({ before: created, after: updated });
    expect(update.changes.map((c) => c.field)).toEqual(['heldAt', 'questions']);
    expect(submit).toMatchObject({ before: updated, after: submitted });
    expect(submit.changes).toEqual([
      { field: 'status', before: 'draft', after: 'submitted' },
      { field: 'submittedAt', before: null, after: '2026-03-03T12:00:00.000Z' },
    ]);
    expect(incidentUpdate.changes).toEqual([
      { field: 'retroDoneAt', before: null, after: '2026-03-03T12:00:00.000Z' },
      { field: 'status', before: 'resolved', after: 'closed' },
    ]);
    expect(incidentUpdate.after).toEqual((await admin().get(`/api/v1/incidents/${incident.key}`).expect(200)).body);
    expect(entry).toMatchObject({ before: null, after: { kind: 'milestone', body: expect.stringMatching(/^Retrospective submitted; retroDoneAt set to/) } });
  });

  describe('refused writes record nothing', () => {
    let incident: Incident;
    beforeAll(async () => {
      incident = await newIncident();
      await admin().post('/api/v1/teams').send(teamBody({ name: 'Busy-team' })).expect(201);
      await admin().post('/api/v1/services').send(serviceBody({ owningTeam: 'Busy-team' })).expect(201);
    });

    it.each<[string, () => Promise<unknown>]>([
      ['422: milestones out of order', () => responder().patch(`/api/v1/incidents/${incident.key}`).send({ version: 1, detectedAt: '2026-03-01T08:00:00Z' }).expect(422)],
      ['422: unknown service, refused after the incident row was written', () => responder().patch(`/api/v1/incidents/${incident.key}`).send({ version: 1, title: 'x', services: ['no-such-service'] }).expect(422)],
      ['409: stale version on update', () => responder().patch(`/api/v1/incidents/${incident.key}`).send({ version: 7, title: 'Stale' }).expect(409)],
      ['409: stale version on delete', () => admin().delete(`/api/v1/incidents/${incident.key}`).query({ version: 7 }).expect(409)],
      ['409: a team still in use', () => admin().delete('/api/v1/teams/Busy-team').expect(409)],
      ['403: a responder may not delete an incident', () => responder().delete(`/api/v1/incidents/${incident.key}`).expect(403)],
      ['403: a viewer may not create an incident', () => t.request('viewer').post('/api/v1/incidents').send(incidentBody()).expect(403)],
      ['403: a responder may not create a team', () => responder().post('/api/v1/teams').send(teamBody()).expect(403)],
    ])('%s', async (_name, write) => {
      const before = await eventCount();
      await write();
      expect(await eventCount()).toBe(before);
      expect((await admin().get(`/api/v1/incidents/${incident.key}`).expect(200)).body.version).toBe(1);
    });

    it('rolls the change back when its audit event cannot be written (same transaction)', async () => {
      await t.db.dataSource.query(`
        CREATE FUNCTION refuse_audit() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN IF NEW.entity_label = 'Unauditable team' THEN RAISE EXCEPTION 'audit refused'; END IF; RETURN NEW; END $$`);
      await t.db.dataSource.query(`CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_events FOR EACH ROW EXECUTE FUNCTION refuse_audit()`);
      try {
        await admin().post('/api/v1/teams').send(teamBody({ name: 'Unauditable team' })).expect(500);
        await admin().get(`/api/v1/teams/${encodeURIComponent('Unauditable team')}`).expect(404);
      } finally {
        await t.db.dataSource.query(`DROP TRIGGER refuse_audit ON audit_events; DROP FUNCTION refuse_audit()`);
      }
    });

    it('keeps no event of a change whose commit fails after the event was written (same transaction)', async () => {
      await t.db.dataSource.query(`
        CREATE FUNCTION refuse_commit() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN IF NEW.name = 'Uncommittable team' THEN RAISE EXCEPTION 'commit refused'; END IF; RETURN NEW; END $$`);
      await t.db.dataSource.query(`
        CREATE CONSTRAINT TRIGGER refuse_commit AFTER INSERT ON teams DEFERRABLE INITIALLY DEFERRED
        FOR EACH ROW EXECUTE FUNCTION refuse_commit()`);
      try {
        const before = await eventCount();
        await admin().post('/api/v1/teams').send(teamBody({ name: 'Uncommittable team' })).expect(500);
        expect(await eventCount()).toBe(before);
      } finally {
        await t.db.dataSource.query(`DROP TRIGGER refuse_commit ON teams; DROP FUNCTION refuse_commit()`);
      }
    });
  });

  describe('GET /audit', () => {
    const DAY = (d: number) => new Date(`2026-04-0${d}T10:00:00Z`);
    const WINDOW = { from: '2026-04-01T00:00:00Z', to: '2026-04-06T00:00:00Z' };
    let x: Incident;
    let y: Incident;
    let team: { id: string };

    beforeAll(async () => {
      clock.set(DAY(1));
      team = (await admin().post('/api/v1/teams').send(teamBody({ name: 'Window team' })).expect(201)).body;
      clock.set(DAY(2));
      x = await newIncident();
      clock.set(DAY(3));
      await responder().post(`/api/v1/incidents/${x.key}/timeline`).send(timelineEntryBody()).expect(201);
      clock.set(DAY(4));
      y = (await admin().post('/api/v1/incidents').send(incidentBody()).expect(201)).body;
      clock.set(DAY(5));
      for (const name of ['Same instant A', 'Same instant B', 'Same instant C']) await admin().post('/api/v1/teams').send(teamBody({ name })).expect(201);
    });

    const actions = (page: Page) => page.items.map((e) => e.action);

    it('lists newest first, (occurred_at, id) deciding between events at the same instant', async () => {
      const page = await audit(WINDOW);
      expect(page.total).toBe(7);
      expect(page.items.map((e) => e.entity.label)).toEqual(['Same instant C', 'Same instant B', 'Same instant A', y.key, x.key, x.key, 'Window team']);
      expect(actions(page)).toEqual(['team.create', 'team.create', 'team.create', 'incident.create', 'timeline_entry.create', 'incident.create', 'team.create']);
      expect(page.nextCursor).toBeNull();
    });

    it.each<[string, Record<string, string | string[]>, string[]]>([
      ['from/to', { from: '2026-04-02T10:00:00Z', to: '2026-04-04T10:00:00Z' }, ['timeline_entry.create', 'incident.create']],
      ['from with an offset', { from: '2026-04-04T12:00:00+02:00', to: WINDOW.to }, ['team.create', 'team.create', 'team.create', 'incident.create']],
      ['one action', { ...WINDOW, action: 'incident.create' }, ['incident.create', 'incident.create']],
      ['a comma list of actions', { ...WINDOW, action: 'incident.create,timeline_entry.create' }, ['incident.create', 'timeline_entry.create', 'incident.create']],
      ['repeated actions', { ...WINDOW, action: ['incident.create', 'timeline_entry.create'] }, ['incident.create', 'timeline_entry.create', 'incident.create']],
      ['entityType', { ...WINDOW, entityType: 'timeline_entry' }, ['timeline_entry.create']],
      ['actor', { ...WINDOW, actor: 'test-responder' }, ['timeline_entry.create', 'incident.create']],
      ['actorType', { ...WINDOW, actorType: 'cli' }, []],
      ['an unknown incident key', { ...WINDOW, incident: 'INC-1999-0001' }, []],
    ])('filters by %s', async (_name, query, expected) => {
      const page = await audit(query);
      expect(actions(page)).toEqual(expected);
      expect(page.total).toBe(expected.length);
    });

    it('filters by incident, by key (any case) or id: the incident\'s events and its children\'s, nothing of other incidents', async () => {
      for (const incident of [x.key, x.key.toLowerCase(), x.id]) {
        const page = await audit({ incident });
        expect(actions(page)).toEqual(['timeline_entry.create', 'incident.create']);
        expect(page.items.every((e) => e.incidentId === x.id)).toBe(true);
      }
    });

    it('filters by entityId and actor type', async () => {
      const page = await audit({ entityId: team.id, actorType: 'token' });
      expect(page.items.map((e) => [e.action, e.entity.id, e.actor.name])).toEqual([['team.create', team.id, 'test-admin']]);
    });

    it('pages with an opaque cursor: every event once, in order, with the total on every page', async () => {
      const all = (await audit(WINDOW)).items.map((e) => e.id);
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await audit({ ...WINDOW, limit: 2, ...(cursor ? { cursor } : {}) });
        expect(page.total).toBe(7);
        expect(page.items.length).toBeLessThanOrEqual(2);
        seen.push(...page.items.map((e) => e.id));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(seen).toEqual(all);
    });

    it('gives 100 events a page unless told otherwise', async () => {
      await t.db.dataSource.query(
        `INSERT INTO audit_events (occurred_at, actor_type, actor_name, action, entity_type)
         SELECT '2027-01-01T00:00:00Z'::timestamptz + n * interval '1 second', 'system', 'system', 'bulk.test', 'bulk' FROM generate_series(1, 101) AS n`,
      );
      const page = await audit({ action: 'bulk.test' });
      expect(page.items).toHaveLength(100);
      expect(page.total).toBe(101);
      expect(page.items[0].occurredAt).toBe('2027-01-01T00:01:41.000Z');
      const rest = await audit({ action: 'bulk.test', cursor: page.nextCursor! });
      expect(rest.items.map((e) => e.occurredAt)).toEqual(['2027-01-01T00:00:01.000Z']);
      expect(rest.nextCursor).toBeNull();
    });

    it.each([
      ['limit', '0'], ['limit', '501'], ['limit', 'ten'], ['from', '2026-04-01T00:00:00'], ['to', 'yesterday'], ['actorType', 'robot'],
      ['cursor', 'not-a-cursor'], ['cursor', Buffer.from(JSON.stringify(['2026-04-01T00:00:00.000000Z', '1 OR 1=1'])).toString('base64url')],
      ['unknownFilter', 'x'],
    ])('refuses %s=%s with a 400 naming the field', async (field, value) => {
      const response = await admin().get('/api/v1/audit').query({ [field]: value }).expect(400);
      expect(response.body.message).toContain(field);
    });

    it.each([
      `' OR '1'='1`, `'; DROP TABLE audit_events; --`, `%`, `_`, `\\`, `*`, `$1`, `") OR 1=1 --`, `test-admin' --`,
    ])('treats SQL metacharacters as values in every text filter: %s', async (value) => {
      for (const filter of ['actor', 'action', 'entityType', 'entityId', 'incident']) {
        const page = await audit({ [filter]: value });
        expect({ filter, total: page.total, items: page.items }).toEqual({ filter, total: 0, items: [] });
      }
      await t.request('viewer').get(`/api/v1/incidents/${encodeURIComponent(value)}/history`).expect(404);
      expect(await eventCount()).toBeGreaterThan(0);
    });
  });

  describe('incident history', () => {
    let x: Incident;
    let y: Incident;
    beforeAll(async () => {
      clock.set(NOON);
      x = await newIncident({ mitigatedAt: '2026-03-01T10:00:00Z', resolvedAt: '2026-03-01T11:00:00Z' });
      y = await newIncident();
      const entry = (await responder().post(`/api/v1/incidents/${x.key}/timeline`).send(timelineEntryBody()).expect(201)).body;
      await responder().post(`/api/v1/incidents/${y.key}/timeline`).send(timelineEntryBody()).expect(201);
      await responder().patch(`/api/v1/incidents/${x.key}/timeline/${entry.id}`).send({ body: 'Corrected' }).expect(200);
      await responder().post(`/api/v1/incidents/${x.key}/retrospective`).send({}).expect(201);
      await responder().post('/api/v1/action-items').send(actionItemBody(x.key)).expect(201);
      await responder().post('/api/v1/action-items').send(actionItemBody(y.key)).expect(201);
      await admin().post('/api/v1/teams').send(teamBody()).expect(201);
    });

    const X_HISTORY = [
      ['incident.create', 'incident'],
      ['timeline_entry.create', 'timeline_entry'],
      ['timeline_entry.update', 'timeline_entry'],
      ['retrospective.create', 'retrospective'],
      ['action_item.create', 'action_item'],
    ];

    it('is closed to viewers on /audit but open on an incident\'s history: oldest first, its children included, no other incident', async () => {
      await t.request('viewer').get('/api/v1/audit').expect(403);
      await responder().get('/api/v1/audit').expect(403);
      const page: Page = (await t.request('viewer').get(`/api/v1/incidents/${x.key}/history`).expect(200)).body;
      expect(page.items.map((e) => [e.action, e.entity.type])).toEqual(X_HISTORY);
      expect(page.items.every((e) => e.incidentId === x.id)).toBe(true);
      expect(page.total).toBe(5);
      expect(page.nextCursor).toBeNull();
      expect(page.items[2].changes).toEqual([expect.objectContaining({ field: 'body', after: 'Corrected' })]);
    });

    it('pages oldest first with a cursor', async () => {
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page: Page = (await t.request('viewer').get(`/api/v1/incidents/${x.id}/history`).query({ limit: 2, ...(cursor ? { cursor } : {}) }).expect(200)).body;
        expect(page.total).toBe(5);
        seen.push(...page.items.map((e) => e.action));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(seen).toEqual(X_HISTORY.map(([action]) => action));
    });

    it('stays readable by key after the incident is deleted, ending with the delete', async () => {
      await admin().delete(`/api/v1/incidents/${y.key}`).expect(204);
      const page: Page = (await t.request('viewer').get(`/api/v1/incidents/${y.key}/history`).expect(200)).body;
      expect(page.items.map((e) => e.action)).toEqual(['incident.create', 'timeline_entry.create', 'action_item.create', 'incident.delete']);
    });

    it('is a 404 for an incident that never existed', async () => {
      await t.request('viewer').get('/api/v1/incidents/INC-1999-0042/history').expect(404);
      await t.request('viewer').get('/api/v1/incidents/00000000-0000-4000-8000-000000000000/history').expect(404);
    });
  });

  describe('tokens', () => {
    /** The TokensService the CLI uses, from the running app (it shares the app's clock). */
    const tokens = () => t.app.get(TokensService);

    it('records a token\'s create and revoke through TokensService, never its secret', async () => {
      const { token, secret } = await tokens().create({ name: 'audit-ci', role: 'responder' }, CLI_ACTOR);
      clock.set(new Date('2026-03-01T15:00:00Z'));
      const revoked = await tokens().revoke('audit-ci', CLI_ACTOR, { ip: '10.0.0.9', requestId: 'rev-1' });
      await expect(tokens().revoke('audit-ci', CLI_ACTOR)).rejects.toThrow(/already revoked/);

      const events = await eventsOf(token.id);
      expect(events.map((e) => e.action)).toEqual(['token.create', 'token.revoke']);
      expect(events[0]).toMatchObject({
        actor: { type: 'cli', id: null, name: 'cli' }, entity: { type: 'token', id: token.id, label: 'audit-ci' }, incidentId: null,
        before: null, after: token, ip: null, requestId: null,
      });
      expect(events[1]).toMatchObject({ occurredAt: '2026-03-01T15:00:00.000Z', before: token, after: revoked, ip: '10.0.0.9', requestId: 'rev-1' });
      expect(events[1].changes).toEqual([
        { field: 'revokedAt', before: null, after: '2026-03-01T15:00:00.000Z' },
        { field: 'status', before: 'active', after: 'revoked' },
      ]);
      const stored = JSON.stringify(await t.db.dataSource.query(`SELECT * FROM audit_events WHERE entity_id = $1`, [token.id]));
      const [{ secret_hash: hash }] = await t.db.dataSource.query(`SELECT secret_hash FROM api_tokens WHERE id = $1`, [token.id]);
      expect(stored).not.toContain(secret);
      expect(stored).not.toContain(hash);
    });

    it('records nothing when the name is taken', async () => {
      await tokens().create({ name: 'audit-dup', role: 'viewer' }, CLI_ACTOR);
      const before = await eventCount();
      await expect(tokens().create({ name: 'audit-dup', role: 'viewer' }, CLI_ACTOR)).rejects.toThrow(/already exists/);
      expect(await eventCount()).toBe(before);
    });
  });

  describe('request details', () => {
    it('keeps X-Request-Id (cut to 200 characters) and leaves it null when absent', async () => {
      const long = `r${'x'.repeat(300)}`;
      const a = (await admin().post('/api/v1/teams').set('X-Request-Id', long).send(teamBody()).expect(201)).body;
      const b = (await admin().post('/api/v1/teams').send(teamBody()).expect(201)).body;
      expect((await eventsOf(a.id))[0].requestId).toBe(long.slice(0, 200));
      expect((await eventsOf(b.id))[0].requestId).toBeNull();
    });

    it('records nothing for reads', async () => {
      const incident = await newIncident();
      const before = await eventCount();
      await responder().get(`/api/v1/incidents/${incident.key}`).expect(200);
      await responder().get('/api/v1/incidents').expect(200);
      await responder().post('/api/v1/retros/blame-check').send({ text: 'Dana forgot' }).expect(200);
      expect(await eventCount()).toBe(before);
    });
  });
});
