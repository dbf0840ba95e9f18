import { incidentBody } from '../factories/incidents.js';
import { templateBody } from '../factories/retros.js';
import { FixedClock, startTestApp, type TestApp } from '../support/app.js';

const DEFAULT_KEYS = ['customer_impact', 'went_well', 'could_be_improved', 'got_lucky', 'wrong_about', 'learned', 'could_have_prevented'];

interface Question {
  key: string;
  answer: string | null;
}

describe('retrospectives API', () => {
  let t: TestApp;
  const clock = new FixedClock(new Date('2026-03-05T12:00:00Z'));
  const api = () => t.request();
  /** A resolved incident with roles, ready for its retrospective. */
  const newIncident = async (overrides = {}) =>
    (await api()
      .post('/api/v1/incidents')
      .send(incidentBody({ commander: 'Dana Smith', investigator: 'Lee', mitigatedAt: '2026-03-01T10:00:00Z', resolvedAt: '2026-03-02T09:00:00Z', ...overrides }))
      .expect(201)).body as { id: string; key: string; version: number };
  const retroPath = (key: string) => `/api/v1/incidents/${key}/retrospective`;
  const answersOf = (body: { questions: Question[] }) => Object.fromEntries(body.questions.filter((q) => q.answer !== null).map((q) => [q.key, q.answer]));
  const timeline = (incidentId: string) =>
    t.db.dataSource.query(`SELECT kind, body, occurred_at FROM timeline_entries WHERE incident_id = $1 ORDER BY created_at`, [incidentId]);

  beforeAll(async () => {
    t = await startTestApp({ clock });
  });
  afterAll(() => t.close());
  beforeEach(() => clock.set(new Date('2026-03-05T12:00:00Z')));

  it('starts a retrospective on the default template and reads it back', async () => {
    const incident = await newIncident();
    await api().get(retroPath(incident.key)).expect(404);
    const created = await api()
      .post(retroPath(incident.key))
      .send({ facilitator: 'Sam Lee', attendees: ['Dana Smith', 'Sam Lee', 'Dana Smith'], scheduledAt: '2026-03-03T15:00:00+01:00' })
      .expect(201);
    expect(created.body).toMatchObject({
      incidentId: incident.id,
      incidentKey: incident.key,
      template: { name: 'Blameless retrospective', version: 1 },
      facilitator: 'Sam Lee',
      attendees: ['Dana Smith', 'Sam Lee'],
      scheduledAt: '2026-03-03T14:00:00.000Z',
      heldAt: null,
      status: 'draft',
      submittedAt: null,
      version: 1,
      blameHints: [],
    });
    expect(created.body.questions.map((q: Question) => q.key)).toEqual(DEFAULT_KEYS);
    expect(created.body.questions.every((q: Question) => q.answer === null)).toBe(true);
    const read = await api().get(retroPath(incident.id)).expect(200);
    expect(read.body).toEqual(created.body);
  });

  it('refuses a second retrospective for the same incident with a 409 naming the incident', async () => {
    const incident = await newIncident();
    await api().post(retroPath(incident.key)).send({}).expect(201);
    const second = await api().post(retroPath(incident.key)).send({ facilitator: 'Someone else' }).expect(409);
    expect(second.body).toMatchObject({ code: 'ALREADY_EXISTS', field: 'incident', value: incident.key });
    const stored = await api().get(retroPath(incident.key)).expect(200);
    expect(stored.body.facilitator).toBeNull();
  });

  it('lets one of two concurrent starts win', async () => {
    const incident = await newIncident();
    const results = await Promise.all([1, 2, 3].map(() => api().post(retroPath(incident.key)).send({})));
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409]);
  });

  it('refuses an unknown template (422) and a malformed one (400), naming the value', async () => {
    const incident = await newIncident();
    const unknown = '00000000-0000-4000-8000-000000000000';
    const missing = await api().post(retroPath(incident.key)).send({ templateId: unknown }).expect(422);
    expect(missing.body).toMatchObject({ code: 'UNKNOWN_REFERENCE', field: 'templateId', value: unknown });
    const malformed = await api().post(retroPath(incident.key)).send({ templateId: 'blameless' }).expect(400);
    expect(malformed.body.errors).toEqual([expect.objectContaining({ field: 'templateId', value: 'blameless' })]);
    await api().get(retroPath(incident.key)).expect(404);
    await api().post(retroPath('INC-1999-0001')).send({}).expect(404);
  });

  it('merges answers per question and removes one with null, keeping template order', async () => {
    const incident = await newIncident();
    await api().post(retroPath(incident.key)).send({}).expect(201);
    const first = await api()
      .patch(retroPath(incident.key))
      .send({ version: 1, answers: { learned: 'Queues need age alerts.', went_well: 'Rollback took four minutes.' } })
      .expect(200);
    expect(first.body.version).toBe(2);
    expect(first.body.questions.filter((q: Question) => q.answer).map((q: Question) => q.key)).toEqual(['went_well', 'learned']);

    const second = await api()
      .patch(retroPath(incident.key))
      .send({ version: 2, answers: { went_well: 'Rollback took three minutes.', got_lucky: 'Low traffic.' } })
      .expect(200);
    expect(answersOf(second.body)).toEqual({ went_well: 'Rollback took three minutes.', got_lucky: 'Low traffic.', learned: 'Queues need age alerts.' });

    const third = await api().patch(retroPath(incident.key)).send({ version: 3, answers: { got_lucky: null }, heldAt: '2026-03-04T14:00:00Z' }).expect(200);
    expect(answersOf(third.body)).toEqual({ went_well: 'Rollback took three minutes.', learned: 'Queues need age alerts.' });
    expect(third.body.heldAt).toBe('2026-03-04T14:00:00.000Z');
  });

  it('refuses an unknown question key with a 422 naming it, and changes nothing', async () => {
    const incident = await newIncident();
    await api().post(retroPath(incident.key)).send({}).expect(201);
    await api().patch(retroPath(incident.key)).send({ version: 1, answers: { went_well: 'Original' } }).expect(200);
    const response = await api()
      .patch(retroPath(incident.key))
      .send({ version: 2, facilitator: 'Changed', answers: { went_well: 'Changed', root_cause: 'Dana' } })
      .expect(422);
    expect(response.body).toMatchObject({ code: 'UNKNOWN_REFERENCE', field: 'answers', value: 'root_cause' });
    expect(response.body.message).toMatch(/^answers: no question in template "Blameless retrospective" v1 "root_cause" \(known: customer_impact, /);
    const stored = await api().get(retroPath(incident.key)).expect(200);
    expect(stored.body).toMatchObject({ version: 2, facilitator: null });
    expect(answersOf(stored.body)).toEqual({ went_well: 'Original' });
  });

  it.each([
    ['an answer that is not text', { answers: { went_well: 42 } }, 'answers', /answer to "went_well" must be text or null/],
    ['answers as a list', { answers: ['went well'] }, 'answers', /must be an object/],
    ['a heldAt without offset', { heldAt: '2026-03-04T14:00:00' }, 'heldAt', /offset/],
    ['attendees that are not names', { attendees: [42] }, 'attendees', /string/],
    ['status submitted (submit has its own route)', { status: 'submitted' }, 'status', /submit/],
  ])('refuses %s with a 400 naming the field and value', async (_name, override, field, problem) => {
    const incident = await newIncident();
    await api().post(retroPath(incident.key)).send({}).expect(201);
    const response = await api().patch(retroPath(incident.key)).send({ version: 1, ...override }).expect(400);
    expect(response.body.errors).toEqual([expect.objectContaining({ field, value: Object.values(override)[0] })]);
    expect(response.body.message).toMatch(problem);
  });

  it('refuses a stale version with a 409 carrying the current version, and keeps the stored retrospective', async () => {
    const incident = await newIncident();
    await api().post(retroPath(incident.key)).send({}).expect(201);
    await api().patch(retroPath(incident.key)).send({ version: 1, facilitator: 'First', answers: { learned: 'First' } }).expect(200);
    const stale = await api().patch(retroPath(incident.key)).send({ version: 1, facilitator: 'Second', answers: { learned: 'Second' } }).expect(409);
    expect(stale.body).toMatchObject({ code: 'VERSION_CONFLICT', currentVersion: 2, givenVersion: 1 });
    expect(stale.body.message).toContain(`The retrospective of ${incident.key} was changed by someone else`);
    const stored = await api().get(retroPath(incident.key)).expect(200);
    expect(stored.body).toMatchObject({ facilitator: 'First', version: 2 });
    expect(answersOf(stored.body)).toEqual({ learned: 'First' });
  });

  it('reads the retrospective FOR UPDATE: an edit committed while the PATCH waits makes it stale (409)', async () => {
    const incident = await newIncident();
    const retro = (await api().post(retroPath(incident.key)).send({}).expect(201)).body;
    const other = t.db.dataSource.createQueryRunner();
    await other.connect();
    await other.startTransaction();
    try {
      await other.query(`SELECT 1 FROM retrospectives WHERE id = $1 FOR UPDATE`, [retro.id]);
      const pending = api().patch(retroPath(incident.key)).send({ version: 1, facilitator: 'Waiting editor' }).then((r) => r);
      await new Promise((resolve) => setTimeout(resolve, 300));
      await other.query(`UPDATE retrospectives SET facilitator = 'Other editor', version = version + 1 WHERE id = $1`, [retro.id]);
      await other.commitTransaction();
      const response = await pending;
      expect(response.status).toBe(409);
      expect(response.body.currentVersion).toBe(2);
    } finally {
      if (other.isTransactionActive) await other.rollbackTransaction();
      await other.release();
    }
    expect((await api().get(retroPath(incident.key)).expect(200)).body).toMatchObject({ facilitator: 'Other editor', version: 2 });
  });

  it('lists blameless-language hints over all answers, watching for the incident\'s people and the attendees', async () => {
    const incident = await newIncident();
    await api().post(retroPath(incident.key)).send({ attendees: ['Priya Patel'] }).expect(201);
    const response = await api()
      .patch(retroPath(incident.key))
      .send({
        version: 1,
        answers: {
          went_well: 'Lee rolled back within minutes.',
          could_be_improved: 'Dana forgot to renew the certificate. Classic human error.',
          wrong_about: 'We assumed Priya broke the deploy, but the pipeline allowed it.',
        },
      })
      .expect(200);
    expect(response.body.blameHints.map((h: { questionKey: string; phrase: string; index: number }) => [h.questionKey, h.phrase, h.index])).toEqual([
      ['could_be_improved', 'Dana forgot', 0],
      ['could_be_improved', 'human error', 46],
      ['wrong_about', 'Priya broke', 11],
    ]);
    expect(response.body.blameHints[0].message).toContain('Dana Smith');
    const read = await api().get(retroPath(incident.key)).expect(200);
    expect(read.body.blameHints).toHaveLength(3);

    const rephrased = await api()
      .patch(retroPath(incident.key))
      .send({ version: 2, answers: { could_be_improved: 'Nothing reminded anyone to renew the certificate.', wrong_about: null } })
      .expect(200);
    expect(rephrased.body.blameHints).toEqual([]);
  });

  describe('submit', () => {
    it('is refused before heldAt with a 422 naming the field, changing nothing', async () => {
      const incident = await newIncident();
      await api().post(retroPath(incident.key)).send({}).expect(201);
      const response = await api().post(`${retroPath(incident.key)}/submit`).send({ version: 1 }).expect(422);
      expect(response.body).toMatchObject({ code: 'RETRO_NOT_HELD', field: 'heldAt', value: null });
      expect((await api().get(retroPath(incident.key)).expect(200)).body).toMatchObject({ status: 'draft', version: 1 });
      expect((await api().get(`/api/v1/incidents/${incident.key}`).expect(200)).body.retroDoneAt).toBeNull();
      expect(await timeline(incident.id)).toEqual([]);
    });

    it('submits, sets the incident\'s retroDoneAt from the clock and records a milestone in the timeline', async () => {
      const incident = await newIncident();
      await api().post(retroPath(incident.key)).send({}).expect(201);
      await api().patch(retroPath(incident.key)).send({ version: 1, heldAt: '2026-03-04T14:00:00Z' }).expect(200);
      clock.set(new Date('2026-03-05T16:30:00Z'));
      const submitted = await api().post(`${retroPath(incident.key)}/submit`).send({ version: 2 }).expect(200);
      expect(submitted.body).toMatchObject({ status: 'submitted', submittedAt: '2026-03-05T16:30:00.000Z', version: 3 });

      const after = await api().get(`/api/v1/incidents/${incident.key}`).expect(200);
      expect(after.body).toMatchObject({ retroDoneAt: '2026-03-05T16:30:00.000Z', status: 'closed', version: incident.version + 1 });
      expect(await timeline(incident.id)).toEqual([
        { kind: 'milestone', body: 'Retrospective submitted; retroDoneAt set to 2026-03-05T16:30:00.000Z', occurred_at: new Date('2026-03-05T16:30:00Z') },
      ]);
    });

    it('refuses edits once submitted, reopens with status draft, and a second submission keeps the first retroDoneAt', async () => {
      const incident = await newIncident();
      await api().post(retroPath(incident.key)).send({}).expect(201);
      await api().patch(retroPath(incident.key)).send({ version: 1, heldAt: '2026-03-04T14:00:00Z' }).expect(200);
      await api().post(`${retroPath(incident.key)}/submit`).send({ version: 2 }).expect(200);

      const refused = await api().patch(retroPath(incident.key)).send({ version: 3, answers: { learned: 'Late thought' } }).expect(422);
      expect(refused.body).toMatchObject({ code: 'RETRO_SUBMITTED', field: 'status', value: 'submitted' });
      const again = await api().post(`${retroPath(incident.key)}/submit`).send({ version: 3 }).expect(422);
      expect(again.body.code).toBe('RETRO_SUBMITTED');
      expect(answersOf((await api().get(retroPath(incident.key)).expect(200)).body)).toEqual({});

      const reopened = await api().patch(retroPath(incident.key)).send({ version: 3, status: 'draft', answers: { learned: 'Late thought' } }).expect(200);
      expect(reopened.body).toMatchObject({ status: 'draft', submittedAt: null, version: 4 });
      expect(answersOf(reopened.body)).toEqual({ learned: 'Late thought' });

      clock.set(new Date('2026-03-06T09:00:00Z'));
      const resubmitted = await api().post(`${retroPath(incident.key)}/submit`).send({ version: 4 }).expect(200);
      expect(resubmitted.body.submittedAt).toBe('2026-03-06T09:00:00.000Z');
      expect((await api().get(`/api/v1/incidents/${incident.key}`).expect(200)).body.retroDoneAt).toBe('2026-03-05T12:00:00.000Z');
      expect((await timeline(incident.id)).map((e: { body: string }) => e.body)).toEqual([
        'Retrospective submitted; retroDoneAt set to 2026-03-05T12:00:00.000Z',
        'Retrospective submitted; retroDoneAt stays 2026-03-05T12:00:00.000Z',
      ]);
    });

    it('leaves retroDoneAt empty when it would break the milestone order, and says so in the timeline', async () => {
      const incident = await newIncident({ resolvedAt: '2026-03-06T09:00:00Z' });
      await api().post(retroPath(incident.key)).send({}).expect(201);
      await api().patch(retroPath(incident.key)).send({ version: 1, heldAt: '2026-03-04T14:00:00Z' }).expect(200);
      await api().post(`${retroPath(incident.key)}/submit`).send({ version: 2 }).expect(200);
      const after = await api().get(`/api/v1/incidents/${incident.key}`).expect(200);
      expect(after.body).toMatchObject({ retroDoneAt: null, version: incident.version });
      expect((await timeline(incident.id)).map((e: { body: string }) => e.body)).toEqual([
        'Retrospective submitted; retroDoneAt left empty: 2026-03-05T12:00:00.000Z would be before resolvedAt (2026-03-06T09:00:00.000Z)',
      ]);
    });

    it('refuses a stale version with a 409 and changes neither the retrospective, the incident nor the timeline', async () => {
      const incident = await newIncident();
      await api().post(retroPath(incident.key)).send({}).expect(201);
      await api().patch(retroPath(incident.key)).send({ version: 1, heldAt: '2026-03-04T14:00:00Z' }).expect(200);
      const stale = await api().post(`${retroPath(incident.key)}/submit`).send({ version: 1 }).expect(409);
      expect(stale.body).toMatchObject({ code: 'VERSION_CONFLICT', currentVersion: 2 });
      expect((await api().get(retroPath(incident.key)).expect(200)).body).toMatchObject({ status: 'draft', submittedAt: null, version: 2 });
      expect((await api().get(`/api/v1/incidents/${incident.key}`).expect(200)).body).toMatchObject({ retroDoneAt: null, version: incident.version });
      expect(await timeline(incident.id)).toEqual([]);
    });
  });

  it('checks a text for blame-shaped language without storing anything', async () => {
    const response = await api().post('/api/v1/retros/blame-check').send({ text: 'Sam broke it. He should have known.', people: ['Sam'] }).expect(200);
    expect(response.body.hints.map((h: { phrase: string; index: number }) => [h.phrase, h.index])).toEqual([['Sam broke', 0], ['should have known', 17]]);
    const clean = await api().post('/api/v1/retros/blame-check').send({ text: 'No fault found in the disk.' }).expect(200);
    expect(clean.body.hints).toEqual([]);
    const invalid = await api().post('/api/v1/retros/blame-check').send({ text: 42 }).expect(400);
    expect(invalid.body.errors).toEqual([expect.objectContaining({ field: 'text', value: 42 })]);
  });
});

describe('retro templates API', () => {
  let t: TestApp;
  const api = () => t.request();
  const defaults = () => t.db.dataSource.query<{ name: string; version: number }[]>(`SELECT name, version FROM retro_templates WHERE is_default`);

  beforeAll(async () => {
    t = await startTestApp({ clock: new FixedClock(new Date('2026-03-05T12:00:00Z')) });
  });
  afterAll(() => t.close());

  it('lists the seeded default template', async () => {
    const list = await api().get('/api/v1/retro-templates').expect(200);
    const blameless = list.body.find((x: { name: string }) => x.name === 'Blameless retrospective');
    expect(blameless).toMatchObject({ version: 1, isDefault: true });
    expect(blameless.questions.map((q: { key: string }) => q.key)).toEqual(DEFAULT_KEYS);
    expect((await api().get(`/api/v1/retro-templates/${blameless.id}`).expect(200)).body.name).toBe('Blameless retrospective');
  });

  it('writes version 1 of a new name and the next version of an existing one; lists the latest unless asked for all', async () => {
    const v1 = await api().post('/api/v1/retro-templates').send(templateBody({ name: 'Short retro' })).expect(201);
    expect(v1.body).toMatchObject({ name: 'Short retro', version: 1, isDefault: false });
    expect(v1.body.questions).toEqual([
      { key: 'what_happened', prompt: 'What happened?', help: null },
      { key: 'went_well', prompt: 'What went well?', help: 'Tools, people and habits that helped.' },
    ]);
    const v2 = await api()
      .post('/api/v1/retro-templates')
      .send({ name: '  Short retro ', questions: [{ key: 'summary', prompt: 'Summary?' }] })
      .expect(201);
    expect(v2.body).toMatchObject({ name: 'Short retro', version: 2 });
    expect((await api().get(`/api/v1/retro-templates/${v1.body.id}`).expect(200)).body.questions).toHaveLength(2);

    const latest = await api().get('/api/v1/retro-templates').expect(200);
    expect(latest.body.filter((x: { name: string }) => x.name === 'Short retro').map((x: { version: number }) => x.version)).toEqual([2]);
    const all = await api().get('/api/v1/retro-templates?allVersions=true').expect(200);
    expect(all.body.filter((x: { name: string }) => x.name === 'Short retro').map((x: { version: number }) => x.version)).toEqual([2, 1]);
  });

  it.each([
    ['a duplicate key', { questions: [{ key: 'a', prompt: 'A?' }, { key: 'b', prompt: 'B?' }, { key: 'a', prompt: 'Again?' }] }, 'questions.2.key', 'a'],
    ['a key with capitals', { questions: [{ key: 'WentWell', prompt: 'A?' }] }, 'questions.0.key', 'WentWell'],
    ['a key starting with a digit', { questions: [{ key: '1st', prompt: 'A?' }] }, 'questions.0.key', '1st'],
    ['an empty prompt', { questions: [{ key: 'a', prompt: '' }] }, 'questions.0.prompt', ''],
    ['an unknown question field', { questions: [{ key: 'a', prompt: 'A?', weight: 3 }] }, 'questions.0.weight', 3],
    ['no questions', { questions: [] }, 'questions', []],
    ['an empty name', { name: '   ' }, 'name', ''],
  ])('refuses %s with a 400 naming the field and value, storing nothing', async (_name, override, field, value) => {
    const [{ n: before }] = await t.db.dataSource.query(`SELECT count(*)::int AS n FROM retro_templates`);
    const response = await api().post('/api/v1/retro-templates').send(templateBody(override)).expect(400);
    const errors = response.body.errors as { field: string; value: unknown }[];
    expect(errors).toEqual(expect.arrayContaining([expect.objectContaining({ field, value })]));
    expect(response.body.message).toContain(field);
    const [{ n: after }] = await t.db.dataSource.query(`SELECT count(*)::int AS n FROM retro_templates`);
    expect(after).toBe(before);
  });

  it('refuses more than 50 questions', async () => {
    const questions = Array.from({ length: 51 }, (_, i) => ({ key: `q${i}`, prompt: `Question ${i}?` }));
    const response = await api().post('/api/v1/retro-templates').send(templateBody({ questions })).expect(400);
    expect(response.body.message).toMatch(/questions: .*50/);
  });

  it('switches the one default; new retrospectives use it, existing ones keep their template version', async () => {
    const seeded = (await api().get('/api/v1/retro-templates').expect(200)).body.find((x: { isDefault: boolean }) => x.isDefault);
    const before = (await api().post('/api/v1/incidents').send(incidentBody()).expect(201)).body;
    await api().post(`/api/v1/incidents/${before.key}/retrospective`).send({}).expect(201);

    const custom = await api().post('/api/v1/retro-templates').send(templateBody({ name: 'Ops retro' })).expect(201);
    const switched = await api().post(`/api/v1/retro-templates/${custom.body.id}/default`).expect(200);
    expect(switched.body).toMatchObject({ id: custom.body.id, isDefault: true });
    expect(await defaults()).toEqual([{ name: 'Ops retro', version: 1 }]);
    expect((await api().get(`/api/v1/retro-templates/${seeded.id}`).expect(200)).body.isDefault).toBe(false);

    const after = (await api().post('/api/v1/incidents').send(incidentBody()).expect(201)).body;
    const retro = await api().post(`/api/v1/incidents/${after.key}/retrospective`).send({}).expect(201);
    expect(retro.body.template).toEqual({ id: custom.body.id, name: 'Ops retro', version: 1 });
    expect(retro.body.questions.map((q: Question) => q.key)).toEqual(['what_happened', 'went_well']);

    // A new version of the default template becomes the default; the older retrospective keeps v1's questions.
    const v2 = await api().post('/api/v1/retro-templates').send({ name: 'Ops retro', questions: [{ key: 'summary', prompt: 'Summary?' }] }).expect(201);
    expect(v2.body).toMatchObject({ version: 2, isDefault: true });
    expect(await defaults()).toEqual([{ name: 'Ops retro', version: 2 }]);
    expect((await api().get(`/api/v1/incidents/${after.key}/retrospective`).expect(200)).body.template.version).toBe(1);
    expect((await api().get(`/api/v1/incidents/${before.key}/retrospective`).expect(200)).body.template.name).toBe('Blameless retrospective');

    // The default stays listed even when it is not the latest version of its name.
    await api().post(`/api/v1/retro-templates/${seeded.id}/default`).expect(200);
    await api().post('/api/v1/retro-templates').send({ name: 'Ops retro', questions: [{ key: 'notes', prompt: 'Notes?' }] }).expect(201);
    expect(await defaults()).toEqual([{ name: 'Blameless retrospective', version: 1 }]);
    const listed = (await api().get('/api/v1/retro-templates').expect(200)).body as { name: string; version: number; isDefault: boolean }[];
    expect(listed.filter((x) => x.name === 'Ops retro').map((x) => [x.version, x.isDefault])).toEqual([[3, false]]);
  });

  it('keeps exactly one default under concurrent switches', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) ids.push((await api().post('/api/v1/retro-templates').send(templateBody()).expect(201)).body.id);
    const results = await Promise.all(ids.map((id) => api().post(`/api/v1/retro-templates/${id}/default`)));
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    expect(await defaults()).toHaveLength(1);
  });

  it('answers 404 for an unknown template, naming it', async () => {
    const response = await api().get('/api/v1/retro-templates/nope').expect(404);
    expect(response.body.message).toBe('Retro template "nope" not found');
    await api().post('/api/v1/retro-templates/00000000-0000-4000-8000-000000000000/default').expect(404);
  });

  it('refuses allVersions values other than true or false', async () => {
    const response = await api().get('/api/v1/retro-templates?allVersions=yes').expect(400);
    expect(response.body.message).toContain('allVersions');
    expect(response.body.message).toContain('yes');
  });
});
