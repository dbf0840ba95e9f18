import { PAGE_BYTE_BUDGET } from '../../src/common/cursor.js';
import { startTestApp, type TestApp } from '../support/app.js';

/**
 * What a list request may make the service send: page sizes, `q`, and a byte budget per page, so that rows
 * with large stored values (an incident may store ~1 MB of customer names) cannot make a response of hundreds of MB.
 */
describe('list bounds', () => {
  let t: TestApp;
  // 900 names of 1,000 characters: about 0.9 MB per incident, and as much again in its audit event.
  const customers = Array.from({ length: 900 }, (_, i) => `${String(i).padStart(4, '0')}${'c'.repeat(996)}`);
  beforeAll(async () => {
    t = await startTestApp();
    for (let i = 0; i < 5; i++) {
      await t.request('admin').post('/api/v1/incidents')
        .send({ title: `Heavy ${i}`, severity: 'SEV2', startedAt: `2026-03-0${i + 1}T08:00:00Z`, knownCustomersImpacted: customers })
        .expect(201);
    }
  });
  afterAll(() => t.close());

  /** Every page of `path`, following nextCursor, with the size of each response body. */
  async function allPages(path: string): Promise<{ items: unknown[]; bytes: number }[]> {
    const pages: { items: unknown[]; bytes: number }[] = [];
    let cursor: string | null = null;
    do {
      const response = await t.request('admin').get(path).query({ limit: '500', ...(cursor ? { cursor } : {}) }).expect(200);
      pages.push({ items: response.body.items as unknown[], bytes: Buffer.byteLength(response.text) });
      cursor = response.body.nextCursor as string | null;
    } while (cursor && pages.length < 20);
    return pages;
  }

  it.each(['/api/v1/incidents', '/api/v1/audit'])('%s stops a page at the byte budget and gives the rest through nextCursor', async (path) => {
    const pages = await allPages(path);
    expect(pages.length).toBeGreaterThan(1);
    for (const page of pages) expect(page.bytes).toBeLessThan(PAGE_BYTE_BUDGET + 64 * 1024);
    expect(pages[0].items.length).toBeLessThan(5);
    expect(pages.flatMap((p) => p.items)).toHaveLength(5);
  });

  it.each([
    ['/api/v1/incidents', 'limit', { limit: '501' }],
    ['/api/v1/audit', 'limit', { limit: '501' }],
    ['/api/v1/imports', 'limit', { limit: '201' }],
    ['/api/v1/incidents', 'q', { q: 'x'.repeat(201) }],
  ])('%s refuses a %s over its bound, naming it', async (path, field, query) => {
    const { body } = await t.request('admin').get(path).query(query).expect(400);
    expect(body.errors).toEqual([expect.objectContaining({ field })]);
  });
});
