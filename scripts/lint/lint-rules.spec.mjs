// The lint's own logic: what `hindsight/no-sql` takes for SQL, and how the folder-cycle check reads a graph.
import { Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import { cyclesOf, cyclicComponents, folderGraph, nodeOf } from './folder-graph.mjs';
import { sqlRule, sqlShape } from './no-sql.mjs';

describe('hindsight/no-sql', () => {
  const linter = new Linter({ configType: 'flat' });
  const lint = (code) =>
    linter
      .verify(code, [{ files: ['**/*.ts'], languageOptions: { parser: tseslint.parser }, plugins: { h: { rules: { 'no-sql': sqlRule } } }, rules: { 'h/no-sql': 'error' } }], 'x.ts')
      .map((m) => m.message);

  it.each([
    ['SELECT id, key FROM severity_levels ORDER BY rank'],
    ['INSERT INTO teams (name) VALUES ($1)'],
    ['UPDATE incidents SET title = $1 WHERE id = $2'],
    ['UPDATE "incidents" i SET title = $1'],
    ['DELETE FROM sessions WHERE expires_at < now()'],
    ['ON CONFLICT (name) DO NOTHING'],
    ['WITH recent AS (SELECT 1) SELECT * FROM recent'],
    ['LEFT JOIN teams t ON t.id = v.owning_team_id'],
    ['FROM incident_metric_intervals v'],
    ['WHERE v.started_at >= $1'],
    ['t.name = ANY($3::text[])'],
    ['v.started_at AT TIME ZONE $4'],
    ['LOCK TABLE teams IN SHARE ROW EXCLUSIVE MODE'],
    ['COALESCE(gs.name, \'(none)\')'],
  ])('takes %j for SQL', (text) => {
    expect(sqlShape(text)).toBeDefined();
  });

  it.each([
    ['must be after from (2026-03-01T00:00:00Z): the range is [from, to)'],
    ['upstream said: SELECT secret'],
    ['Select the incidents from the list, then update the team and set its owner'],
    ['Delete from the board when done; on conflict, ask the owner'],
    ['detectedAt (2026-03-01T09:00:00.000Z) is before startedAt (2026-03-01T09:30:00.000Z)'],
    ['The request body is not valid JSON: Unexpected end of JSON input'],
    ['must be one of SEV1, SEV2, SEV3 — join the on-call channel'],
    ['hst_ab12cd…'],
    ['INC-2099-0001'],
    ['Something went wrong on our side; it has been logged.'],
  ])('does not take %j for SQL', (text) => {
    expect(sqlShape(text)).toBeUndefined();
  });

  it('reads a template literal whole, each ${…} standing for a value', () => {
    expect(lint('const s = `SELECT ${columns} FROM ${table} WHERE id = $1`;')).toEqual([expect.stringContaining('SELECT … FROM')]);
    expect(lint('const m = `${field} must be after ${other}`;')).toEqual([]);
  });

  it('reports query calls, and leaves module specifiers and literal types alone', () => {
    expect(lint('await manager.query("LOCK TABLE x"); repo.createQueryBuilder("i");')).toEqual([
      expect.stringContaining('.query(…)'), expect.stringContaining('LOCK TABLE'), expect.stringContaining('.createQueryBuilder(…)'),
    ]);
    expect(lint("import { x } from './sql/SELECT x FROM y.js'; type T = 'SELECT * FROM t'; export {};")).toEqual([]);
    expect(lint('request.query({ q: 1 }); const query = 1; void query;')).toEqual([expect.stringContaining('.query(…)')]);
  });
});

describe('folder cycles', () => {
  const module = (source, ...imports) => ({
    source,
    dependencies: imports.map((i) => ({ resolved: i.replace(/^type:/, ''), dependencyTypes: i.startsWith('type:') ? ['type-only'] : ['local'] })),
  });

  it('names a file by its folder under src/, and a file directly under src/ by itself', () => {
    expect([nodeOf('src/incidents/dto/incident.dto.ts'), nodeOf('src/main.ts'), nodeOf('test/support/app.ts')]).toEqual(['incidents', 'src/main.ts', undefined]);
  });

  it('finds a cycle through subfolders and type-only imports, with the imports that make each step', () => {
    const graph = folderGraph([
      module('src/incidents/incidents.service.ts', 'src/timeline/dto/timeline-entry.dto.ts', 'src/common/clock.ts'),
      module('src/timeline/timeline.mapper.ts', 'type:src/incidents/dto/incident.dto.ts'),
      module('src/common/clock.ts'),
    ]);
    const components = cyclicComponents(graph);
    expect(components).toEqual([['incidents', 'timeline']]);
    expect(cyclesOf(graph, components[0])).toEqual([['incidents', 'timeline']]);
    expect(graph.get('timeline').get('incidents')).toEqual(['src/timeline/timeline.mapper.ts → src/incidents/dto/incident.dto.ts (type-only)']);
  });

  it('leaves out tests and the excluded importers', () => {
    const modules = [
      module('src/database/entities.ts', 'src/incidents/incident.entity.ts'),
      module('src/incidents/incidents.repository.ts', 'src/database/sql.ts'),
      module('src/common/errors.spec.ts', 'src/incidents/milestones.ts'),
      module('src/incidents/milestones.ts', 'src/common/errors.ts'),
    ];
    expect(cyclicComponents(folderGraph(modules, new Set(['src/database/entities.ts'])))).toEqual([]);
    expect(cyclicComponents(folderGraph(modules))).toEqual([['database', 'incidents']]);
  });

  it('gives the shortest cycle through each step of a larger group, each cycle once', () => {
    const graph = folderGraph([
      module('src/a/a.ts', 'src/b/b.ts'),
      module('src/b/b.ts', 'src/c/c.ts', 'src/a/a.ts'),
      module('src/c/c.ts', 'src/a/a.ts'),
    ]);
    const [component] = cyclicComponents(graph);
    expect(component).toEqual(['a', 'b', 'c']);
    expect(cyclesOf(graph, component)).toEqual([['a', 'b'], ['a', 'b', 'c']]);
  });
});
