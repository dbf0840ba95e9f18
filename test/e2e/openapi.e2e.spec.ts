import { createOpenApiDocumentOffline } from '../../src/app.factory.js';
import { loadConfig } from '../../src/config/config.js';
import { startTestApp, type TestApp } from '../support/app.js';

interface Schema {
  properties?: Record<string, { description?: string; $ref?: string; allOf?: unknown[] }>;
  required?: string[];
}
interface Operation {
  summary?: string;
  tags?: string[];
  parameters?: { name: string; in: string; description?: string }[];
  requestBody?: { content: Record<string, { schema: { $ref?: string } }> };
  responses: Record<string, { content?: unknown }>;
}

/** /api/docs documents every endpoint and every field a client sends. */
describe('OpenAPI document', () => {
  let t: TestApp;
  let doc: { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, Schema> } };
  beforeAll(async () => {
    t = await startTestApp();
    doc = (await t.anonymous().get('/api/docs/openapi.json').expect(200)).body;
  });
  afterAll(() => t.close());

  const operations = () =>
    Object.entries(doc.paths).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ route: `${method.toUpperCase()} ${path}`, op })));

  it('serves the interactive UI, without forcing its requests to https', async () => {
    const page = await t.anonymous().get('/api/docs').expect(200);
    expect(page.text).toContain('swagger-ui');
    expect(page.headers['content-security-policy']).toContain("default-src 'self'");
    expect(page.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
  });

  it('documents the foundation endpoints', () => {
    const routes = operations().map((o) => o.route);
    expect(routes).toEqual(expect.arrayContaining([
      'GET /health',
      'POST /api/v1/incidents',
      'GET /api/v1/incidents',
      'GET /api/v1/incidents/{incident}',
      'PATCH /api/v1/incidents/{incident}',
      'DELETE /api/v1/incidents/{incident}',
    ]));
  });

  it('gives every operation a summary, a tag and a documented success response', () => {
    const missing = operations()
      .filter(({ op }) => !op.summary || !op.tags?.length || !Object.keys(op.responses).some((status) => /^2\d\d$/.test(status)))
      .map((o) => o.route);
    expect(missing).toEqual([]);
  });

  it('describes every path and query parameter', () => {
    const undocumented = operations().flatMap(({ route, op }) =>
      (op.parameters ?? []).filter((p) => !p.description).map((p) => `${route} ${p.in}:${p.name}`),
    );
    expect(undocumented).toEqual([]);
  });

  it('describes every field of every request body', () => {
    const bodies = new Set(
      operations().flatMap(({ op }) =>
        Object.values(op.requestBody?.content ?? {}).map((c) => c.schema.$ref?.replace('#/components/schemas/', '')).filter(Boolean) as string[],
      ),
    );
    expect(bodies.size).toBeGreaterThan(0);
    const undocumented = [...bodies].flatMap((name) =>
      Object.entries(doc.components.schemas[name].properties ?? {})
        .filter(([, property]) => !property.description)
        .map(([field]) => `${name}.${field}`),
    );
    expect(undocumented).toEqual([]);
  });

  it('marks the fields an incident needs as required', () => {
    expect(doc.components.schemas.CreateIncidentDto.required).toEqual(expect.arrayContaining(['title', 'severity', 'startedAt']));
    expect(doc.components.schemas.UpdateIncidentDto.required).toEqual(['version']);
  });

  it('is the same document when made without a database (what `npm run api:types` generates the web app\'s types from)', async () => {
    const offline = JSON.parse(JSON.stringify(await createOpenApiDocumentOffline(loadConfig({ REPORT_CRON: 'off' }))));
    expect(Object.keys(offline.paths).length).toBeGreaterThanOrEqual(40);
    expect(offline).toEqual(doc);
  });
});
