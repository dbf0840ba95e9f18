import { readFileSync } from 'node:fs';
import type request from 'supertest';
import type { ImportDetailDto } from '../../src/imports/dto/import.dto.js';
import { HINDSIGHT_CSV_COLUMNS } from '../../src/imports/formats/hindsight-csv.mapper.js';
import { csvRow, hindsightCsv } from '../factories/imports.js';
import { startTestApp, type TestApp } from '../support/app.js';

const statuspage = readFileSync(new URL('../fixtures/imports/statuspage-incidents.json', import.meta.url));

describe('POST /api/v1/imports and the import reports', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  /** Polls the import until it is no longer running. */
  async function finished(id: string): Promise<ImportDetailDto> {
    for (let i = 0; i < 200; i++) {
      const response = await t.request('viewer').get(`/api/v1/imports/${id}`).expect(200);
      if (response.body.status !== 'running') return response.body;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`import ${id} still running`);
  }

  it('imports an uploaded Statuspage file in the background and reports it; the incidents carry their history', async () => {
    const response = await t.request().post('/api/v1/imports').field('format', 'statuspage').attach('file', statuspage, 'incidents.json').expect(202);
    expect(response.body).toMatchObject({ format: 'statuspage', source: 'statuspage', fileName: 'incidents.json', fileBytes: statuspage.length, actor: 'test-admin' });
    const report = await finished(response.body.id);
    const records = (JSON.parse(statuspage.toString()) as { incidents: unknown[] }).incidents.length;
    expect(report).toMatchObject({ status: 'completed', recordsRead: records, created: records, rejected: 0, rejectedFile: null, issues: { items: [], total: 0 } });

    const incidents = await t.request('viewer').get('/api/v1/incidents?source=statuspage').expect(200);
    expect(incidents.body.total).toBe(records);
    const history = await t.request('viewer').get(`/api/v1/incidents/${incidents.body.items[0].id}/history`).expect(200);
    expect(history.body.items[0]).toMatchObject({ action: 'incident.import', actor: { name: 'test-admin' } });

    const list = await t.request('viewer').get('/api/v1/imports').expect(200);
    expect(list.body.items[0].id).toBe(response.body.id);
    const audit = await t.request().get(`/api/v1/audit?action=import.finish`).expect(200);
    expect(audit.body.items[0]).toMatchObject({ entity: { type: 'import', id: response.body.id, label: 'incidents.json' }, after: expect.objectContaining({ created: records }) });
  });

  it('lists rejected records with their line, field and value, and serves them as a CSV to fix and re-import', async () => {
    const rows = [csvRow(101), csvRow(102, { severity: 'Major' }), csvRow(103, { started_at: 'yesterday' })];
    const response = await t.request().post('/api/v1/imports').field('format', 'hindsight-csv').attach('file', Buffer.from(hindsightCsv(rows)), 'history.csv').expect(202);
    const report = await finished(response.body.id);
    expect(report).toMatchObject({ created: 1, rejected: 2, rejectedFile: `/api/v1/imports/${response.body.id}/rejected` });
    expect(report.issues.items).toEqual([
      expect.objectContaining({ kind: 'rejected', record: 2, line: 3, field: 'severity', value: 'Major' }),
      expect.objectContaining({ kind: 'rejected', record: 3, line: 4, field: 'started_at', value: 'yesterday' }),
    ]);
    const page = await t.request('viewer').get(`/api/v1/imports/${response.body.id}/issues?limit=1`).expect(200);
    expect(page.body).toMatchObject({ total: 2, items: [expect.objectContaining({ record: 2 })] });
    const next = await t.request('viewer').get(`/api/v1/imports/${response.body.id}/issues?limit=1&cursor=${page.body.nextCursor}`).expect(200);
    expect(next.body.items).toEqual([expect.objectContaining({ record: 3 })]);

    const file = await t.request('viewer').get(report.rejectedFile!).buffer(true).parse((res, done) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () => done(null, text));
    }).expect(200);
    expect(file.headers['content-type']).toMatch(/^text\/csv/);
    expect(file.headers['content-disposition']).toBe('attachment; filename="history.rejected.csv"');
    expect(file.body).toBe(hindsightCsv([rows[1], rows[2]]));
  });

  it('reads the zone of an uploaded PagerDuty analytics export from its envelope, and reports shortened titles', async () => {
    const rows = [
      { id: 'PAPI1', description: `${'Database primary unreachable from every region '.repeat(8)}end`, created_at: '2023-05-31T10:05:00', urgency: 'high' },
      { id: 'PAPI2', description: 'Reply on social media', created_at: '2023-05-31T10:00:00', priority_name: 'Sev 2' },
    ];
    const file = Buffer.from(JSON.stringify({ data: rows, time_zone: 'Asia/Tokyo' }));
    const response = await t.request().post('/api/v1/imports').field('format', 'pagerduty-analytics').attach('file', file, 'raw.json').expect(202);
    const report = await finished(response.body.id);
    expect(report).toMatchObject({ status: 'completed', created: 2, rejected: 0, shortened: 1, rejectedFile: null });
    expect(report.issues.items).toEqual([expect.objectContaining({ kind: 'shortened', record: 1, externalId: 'PAPI1', field: 'title' })]);
    const shortened = await t.request('viewer').get(`/api/v1/imports/${response.body.id}/issues?kind=shortened`).expect(200);
    expect(shortened.body.total).toBe(1);
    const incidents = await t.request('viewer').get('/api/v1/incidents?source=pagerduty').expect(200);
    const byId = new Map((incidents.body.items as { externalId: string; startedAt: string; severity: string; title: string }[]).map((i) => [i.externalId, i]));
    expect(byId.get('PAPI1')).toMatchObject({ startedAt: '2023-05-31T01:05:00.000Z' });
    const title = byId.get('PAPI1')!.title;
    expect(title).toMatch(/[a-z]…$/);
    expect([...title].length).toBeLessThanOrEqual(300);
    expect(rows[0].description.startsWith(`${title.slice(0, -1)} `)).toBe(true);
    expect(byId.get('PAPI2')).toMatchObject({ startedAt: '2023-05-31T01:00:00.000Z', severity: 'SEV2' });
  });

  it('a dry run reports what it would do and writes no incidents', async () => {
    const before = (await t.request().get('/api/v1/incidents').expect(200)).body.total;
    const response = await t.request().post('/api/v1/imports').field('format', 'hindsight-csv').field('dryRun', 'true')
      .attach('file', Buffer.from(hindsightCsv([csvRow(201), csvRow(202)])), 'more.csv').expect(202);
    expect(await finished(response.body.id)).toMatchObject({ dryRun: true, created: 2 });
    expect((await t.request().get('/api/v1/incidents').expect(200)).body.total).toBe(before);
  });

  it.each([
    ['no file', (r: request.Test) => r.field('format', 'statuspage'), 'file'],
    ['an unknown format', (r: request.Test) => r.field('format', 'jira').attach('file', statuspage, 'x.json'), 'format'],
    ['a bad time zone', (r: request.Test) => r.field('format', 'statuspage').field('timezone', 'Mars/Olympus').attach('file', statuspage, 'x.json'), 'timezone'],
    ['a bad value map', (r: request.Test) => r.field('format', 'csv').field('value', 'severity3=SEV1').attach('file', Buffer.from('a,b\n1,2\n'), 'x.csv'), 'value'],
    ['a CSV header with an unknown column', (r: request.Test) => r.field('format', 'hindsight-csv').attach('file', Buffer.from(`${HINDSIGHT_CSV_COLUMNS.join(',')},colour\n`), 'x.csv'), 'header'],
  ])('refuses %s with a 400 naming the field, and records no import', async (_label, build, field) => {
    const before = (await t.request('viewer').get('/api/v1/imports?limit=200').expect(200)).body.items.length;
    const response = await build(t.request().post('/api/v1/imports')).expect(400);
    expect(response.body.message).toContain(field);
    expect((await t.request('viewer').get('/api/v1/imports?limit=200').expect(200)).body.items.length).toBe(before);
  });

  it('answers 404 for an import that does not exist', async () => {
    await t.request('viewer').get('/api/v1/imports/3f2b1c0d-9e8f-4a7b-8c6d-5e4f3a2b1c0d').expect(404);
    await t.request('viewer').get('/api/v1/imports/not-an-id/rejected').expect(404);
  });
});
