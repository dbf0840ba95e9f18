import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type request from 'supertest';
import { generateDemoData } from '../../src/demo/demo-data.generator.js';
import { DemoDataService } from '../../src/demo/demo-data.service.js';
import { previousMonth } from '../../src/reports/report-month.js';
import { startTestApp, type TestApp } from '../support/app.js';

/** The bytes of a binary response. */
const binary = (res: request.Response, done: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

describe('the reports API', () => {
  let t: TestApp;
  let dir: string;
  const now = new Date();
  const month = previousMonth(now, 'UTC');
  const before = previousMonth(new Date(`${month}-15T00:00:00Z`), 'UTC');

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'hindsight-reports-api-'));
    t = await startTestApp({ env: { REPORTS_DIR: dir, REPORT_TIMEZONE: 'UTC' } });
    await t.app.get(DemoDataService).write(generateDemoData({ seed: 11, incidents: 120, months: 13, end: now }));
  });
  afterAll(async () => {
    await t?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('POST generates the month (201), returns it again as is (200), and regenerates a new version (201)', async () => {
    const created = await t.request().post('/api/v1/reports').send({ month }).expect(201);
    expect(created.body).toMatchObject({ kind: 'monthly', period: month, version: 1, status: 'completed', trigger: 'api', requestedBy: 'test-admin', attempts: 1 });
    expect(created.body.figures).toMatchObject({ month, timeZone: 'UTC' });
    expect(created.body.sha256).toMatch(/^[0-9a-f]{64}$/);

    const again = await t.request().post('/api/v1/reports').send({ month }).expect(200);
    expect(again.body).toMatchObject({ id: created.body.id, version: 1, sha256: created.body.sha256 });

    const regenerated = await t.request().post('/api/v1/reports').send({ month, regenerate: true }).expect(201);
    expect(regenerated.body).toMatchObject({ version: 2, fileName: `hindsight-monthly-${month}-v2.xlsx`, status: 'completed' });
    const audit = await t.request().get('/api/v1/audit?action=report.generate').expect(200);
    expect(audit.body.items.map((item: { entity: { label: string } }) => item.entity.label).sort()).toEqual([`monthly ${month} v1`, `monthly ${month} v2`]);
  });

  it.each([
    [{ month: '2026-13' }, 'month'],
    [{ month: 202610 }, 'month'],
    [{}, 'month'],
    [{ month: '2026-10', regenerate: 'yes' }, 'regenerate'],
  ])('refuses the body %j with a 400 naming %s', async (body, field) => {
    const response = await t.request().post('/api/v1/reports').send(body).expect(400);
    expect(response.body.errors).toEqual([expect.objectContaining({ field, problems: expect.arrayContaining([expect.stringContaining(field)]) })]);
  });

  it('refuses a month that has not ended with 422 MONTH_NOT_OVER', async () => {
    const current = now.toISOString().slice(0, 7);
    const response = await t.request().post('/api/v1/reports').send({ month: current }).expect(422);
    expect(response.body).toMatchObject({ code: 'MONTH_NOT_OVER', field: 'month', value: current });
  });

  it('lists reports newest first, page by page, without figures; GET /{id} has the figures snapshot', async () => {
    const first = await t.request('viewer').get('/api/v1/reports?limit=1').expect(200);
    expect(first.body.items).toEqual([expect.objectContaining({ period: month, version: 2 })]);
    expect(first.body.items[0]).not.toHaveProperty('figures');
    const next = await t.request('viewer').get(`/api/v1/reports?limit=1&cursor=${first.body.nextCursor}`).expect(200);
    expect(next.body).toMatchObject({ items: [expect.objectContaining({ period: month, version: 1 })], nextCursor: null });

    const one = await t.request('viewer').get(`/api/v1/reports/${next.body.items[0].id}`).expect(200);
    expect(one.body).toMatchObject({ id: next.body.items[0].id, status: 'completed', figures: expect.objectContaining({ month, summary: expect.any(String) }) });
    // The incident keys a later version compares against are stored with the figures but not shown (megabytes in a large month).
    expect(one.body.figures).not.toHaveProperty('printedIncidents');
    const [stored] = await t.db.dataSource.query(`SELECT jsonb_typeof(figures->'printedIncidents') AS kind, (SELECT count(*)::int FROM jsonb_object_keys(figures->'printedIncidents')) AS keys FROM reports WHERE id = $1`, [one.body.id]);
    expect(stored).toEqual({ kind: 'object', keys: one.body.figures.current.incidents });
    await t.request('viewer').get('/api/v1/reports/00000000-0000-4000-8000-000000000000').expect(404);
    await t.request('viewer').get('/api/v1/reports/not-a-uuid').expect(404);
    await t.request('viewer').get('/api/v1/reports?cursor=nope').expect(400);
  });

  it('downloads the workbook streamed from disk with its content type and file name', async () => {
    const list = await t.request('viewer').get('/api/v1/reports').expect(200);
    const v1 = list.body.items.find((item: { version: number }) => item.version === 1);
    const response = await t.request('viewer').get(`/api/v1/reports/${v1.id}/download`).buffer(true).parse(binary).expect(200);
    expect(response.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(response.headers['content-disposition']).toBe(`attachment; filename="hindsight-monthly-${month}.xlsx"`);
    const body = response.body as Buffer;
    expect(body.length).toBe(v1.bytes);
    expect(createHash('sha256').update(body).digest('hex')).toBe(v1.sha256);
    expect(body).toEqual(await readFile(path.join(dir, `hindsight-monthly-${month}.xlsx`)));
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(body as unknown as ExcelJS.Buffer);
    expect(book.getWorksheet('Summary')).toBeDefined();
  });

  it("shows the month's incidents changed after a report: which, when, by whom; other months' and earlier changes do not count", async () => {
    const list = await t.request('viewer').get('/api/v1/reports').expect(200);
    const v2 = list.body.items.find((item: { version: number }) => item.version === 2);
    expect(v2.changesSince).toEqual({ incidents: 0, lastChangeAt: null, configurationChanges: { count: 0, lastChangeAt: null, which: [] } });
    const [inside, outside] = await t.db.dataSource.query(
      `(SELECT key, version, 'in' AS at FROM incidents WHERE started_at >= $1 AND started_at < $2 ORDER BY started_at LIMIT 1)
       UNION ALL (SELECT key, version, 'out' FROM incidents WHERE started_at < $1 ORDER BY started_at DESC LIMIT 1)`,
      [new Date(`${month}-01T00:00:00Z`), new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 1))],
    );
    await t.request('responder').patch(`/api/v1/incidents/${inside.key}`).send({ version: inside.version, title: 'Renamed after the report' }).expect(200);
    await t.request().patch(`/api/v1/incidents/${inside.key}`).send({ version: inside.version + 1, title: 'Renamed again' }).expect(200);
    await t.request().patch(`/api/v1/incidents/${outside.key}`).send({ version: outside.version, title: 'Another month' }).expect(200);

    const after = await t.request('viewer').get('/api/v1/reports').expect(200);
    for (const item of after.body.items.filter((r: { period: string }) => r.period === month)) {
      expect(item.changesSince).toEqual({ incidents: 1, lastChangeAt: expect.any(String), configurationChanges: { count: 0, lastChangeAt: null, which: [] } });
    }
    const one = await t.request('viewer').get(`/api/v1/reports/${v2.id}`).expect(200);
    expect(one.body.changedIncidents).toEqual([
      expect.objectContaining({ key: inside.key, changes: 2, changedBy: ['test-admin', 'test-responder'], actions: ['incident.update'], deleted: false }),
    ]);
    expect(Date.parse(one.body.changedIncidents[0].firstChangeAt)).toBeGreaterThan(Date.parse(v2.finishedAt));
    // The report itself does not move.
    expect(one.body).toMatchObject({ sha256: v2.sha256, bytes: v2.bytes, finishedAt: v2.finishedAt });
  });

  it('regenerated, lists what moved since the previous version: figures with both printed values, incidents removed and changed; on the Summary sheet too', async () => {
    const list = await t.request('viewer').get('/api/v1/reports').expect(200);
    const v2 = (await t.request('viewer').get(`/api/v1/reports/${list.body.items.find((item: { version: number }) => item.version === 2).id}`).expect(200)).body;
    expect(v2.movedSincePrevious).toMatchObject({ previousVersion: 1, incidents: { added: [], removed: [] } });
    const v1 = (await t.request('viewer').get(`/api/v1/reports/${v2.movedSincePrevious.previousReportId}`).expect(200)).body;
    expect(v1).toMatchObject({ version: 1, movedSincePrevious: null });

    // One more of the month's incidents excluded from metrics (a game day), through the API.
    const [game] = await t.db.dataSource.query(
      `SELECT key, version FROM incidents WHERE started_at >= $1 AND started_at < $2 AND NOT excluded_from_metrics ORDER BY started_at DESC LIMIT 1`,
      [new Date(v2.figures.from), new Date(v2.figures.to)],
    );
    await t.request().patch(`/api/v1/incidents/${game.key}`).send({ version: game.version, excludedFromMetrics: true, exclusionReason: 'Game day' }).expect(200);
    // And one deleted (the month's earliest that is not the renamed one).
    const [gone] = await t.db.dataSource.query(
      `SELECT key FROM incidents WHERE started_at >= $1 AND started_at < $2 AND key NOT IN ($3, $4) AND NOT excluded_from_metrics ORDER BY started_at LIMIT 1`,
      [new Date(v2.figures.from), new Date(v2.figures.to), game.key, v2.changedIncidents[0].key],
    );
    await t.request().delete(`/api/v1/incidents/${gone.key}`).expect(204);

    const v3 = (await t.request().post('/api/v1/reports').send({ month, regenerate: true }).expect(201)).body;
    expect(v3.version).toBe(3);
    const excluded = v2.figures.current.excluded as number;
    const incidents: number = v2.figures.current.incidents;
    expect(v3.movedSincePrevious).toMatchObject({ previousVersion: 2, previousReportId: v2.id, incidents: { added: [], removed: [gone.key] } });
    expect(v3.movedSincePrevious.figures).toEqual(expect.arrayContaining([
      { figure: 'Incidents', previous: String(incidents), current: String(incidents - 1) },
      { figure: 'Incidents excluded from metrics', previous: String(excluded), current: String(excluded + 1) },
    ]));
    // The incident excluded now, and the one renamed after version 2 (previous test).
    expect(v3.movedSincePrevious.incidents.changed).toEqual(expect.arrayContaining([game.key, v2.changedIncidents[0].key]));
    expect((await t.request('viewer').get(`/api/v1/reports/${v3.id}`).expect(200)).body.movedSincePrevious).toEqual(v3.movedSincePrevious);

    const response = await t.request('viewer').get(`/api/v1/reports/${v3.id}/download`).buffer(true).parse(binary).expect(200);
    const body = response.body as Buffer;
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(body as unknown as ExcelJS.Buffer);
    const rows: ExcelJS.CellValue[][] = [];
    book.getWorksheet('Summary')!.eachRow((row) => rows.push([1, 2, 4].map((c) => row.getCell(c).value)));
    const block = rows.findIndex((row) => row[0] === 'Changed since version 2');
    expect(block).toBeGreaterThan(0);
    expect(rows.slice(block)).toEqual(expect.arrayContaining([['Incidents excluded from metrics', String(excluded), String(excluded + 1)]]));
    expect(rows.slice(block).some((row) => typeof row[0] === 'string' && row[0].startsWith('Incidents of the month:') && row[0].includes(game.key))).toBe(true);
  });

  it('answers 409 while a report is being generated elsewhere, and 404 when a completed report lost its file', async () => {
    const [running] = await t.db.dataSource.query(
      `INSERT INTO reports (kind, period, version, status, trigger, requested_by, claimed_by, created_at, claimed_at, heartbeat_at, started_at, file_name)
       VALUES ('monthly', $1, 1, 'running', 'schedule', 'system', '4242@elsewhere#abcdef', now(), now(), now(), now(), $2) RETURNING id`,
      [before, `hindsight-monthly-${before}.xlsx`],
    );
    const busy = await t.request().post('/api/v1/reports').send({ month: before }).expect(409);
    expect(busy.body).toMatchObject({ code: 'REPORT_IN_PROGRESS', id: running.id, status: 'running' });
    expect(busy.body.message).toContain('4242@elsewhere#abcdef');
    const pending = await t.request('viewer').get(`/api/v1/reports/${running.id}/download`).expect(409);
    expect(pending.body).toMatchObject({ code: 'REPORT_NOT_COMPLETED', status: 'running' });

    const list = await t.request('viewer').get('/api/v1/reports').expect(200);
    const v2 = list.body.items.find((item: { period: string; version: number }) => item.period === month && item.version === 2);
    await unlink(path.join(dir, v2.fileName));
    const missing = await t.request('viewer').get(`/api/v1/reports/${v2.id}/download`).expect(404);
    expect(missing.body).toMatchObject({ code: 'REPORT_FILE_MISSING' });
    expect(missing.body.message).toContain(v2.fileName);
  });
});
