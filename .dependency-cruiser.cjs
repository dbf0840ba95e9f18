// dependency-cruiser: the boundaries between files and folders (`npm run lint`; alone:
// `npx depcruise --config .dependency-cruiser.cjs src migrations test`). Type-only imports count: a
// cycle or a boundary crossed by `import type` is still a design dependency.
// Folder-level cycles (src/<folder> → … → back) are checked by scripts/check-folder-cycles.mjs.

/**
 * Files that are not pure logic: Nest's and TypeORM's building blocks, named by suffix, DTOs, the
 * composition roots (src/main.ts, src/app.*.ts, src/cli/) and src/database/. Every other file under src/
 * is pure logic and imports neither Nest, TypeORM nor class-validator/class-transformer.
 */
const GLUE = [
  '\\.(module|controller|service|repository|entity|sql|dto|query)\\.ts$',
  '/dto/',
  '\\.(decorator|decorators|guard|filter|pipe|interceptor|middleware)\\.ts$',
  '^src/(cli|database)/',
  '^src/main\\.ts$',
  '^src/app\\.[^/]+\\.ts$',
  '\\.spec\\.ts$',
];

/**
 * The web app (src/web) runs in the browser: of the server's files it may import only these pure modules, the
 * ones the issue shares between the two (chart definitions, the blame-language hints). scripts/build-web.mjs
 * hashes the same files to decide whether the web app needs a rebuild.
 */
const WEB_SHARED_SERVER_MODULES = ['^src/charts/(chart-definitions|chart-palette|duration-scale)\\.ts$', '^src/retros/blame-hints\\.ts$', '^src/metrics/core/change-verdict\\.ts$'];

/** The shared folders: they serve every feature and know none. */
const SHARED = '^src/(common|config|database)/';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'An import cycle between files. Move what both need into a third file, or turn one import around.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'web-imports-server',
      severity: 'error',
      comment:
        'The web app talks to the service through the typed API client (src/web/api). Of the server\'s code it imports only the pure ' +
        'modules shared with it: src/charts\' chart definitions, src/retros/blame-hints.ts and src/metrics/core/change-verdict.ts.',
      from: { path: '^src/web/' },
      to: { path: '^src/', pathNot: ['^src/web/', ...WEB_SHARED_SERVER_MODULES] },
    },
    {
      name: 'server-imports-web',
      severity: 'error',
      comment: 'The server does not import the web app: it serves its build (dist/web) as files.',
      from: { path: '^(src|migrations)/', pathNot: '^src/web/' },
      to: { path: '^src/web/' },
    },
    {
      name: 'web-shared-imports-up',
      severity: 'error',
      comment: 'In the web app imports run one way: shared (api/, components/, lib/) → features/ → app/. Shared code imports no feature and not the shell.',
      from: { path: '^src/web/(api|components|lib)/' },
      to: { path: '^src/web/(features|app)/' },
    },
    {
      name: 'web-feature-imports-app',
      severity: 'error',
      comment: 'A feature does not import the app shell (src/web/app): the shell imports features.',
      from: { path: '^src/web/features/' },
      to: { path: '^src/web/app/' },
    },
    {
      name: 'web-feature-imports-other-feature',
      severity: 'error',
      comment: 'A web feature never imports another feature: move what both need into src/web/components, lib or api.',
      from: { path: '^src/web/features/([^/]+)/' },
      to: { path: '^src/web/features/', pathNot: '^src/web/features/$1/' },
    },
    {
      name: 'shared-imports-feature',
      severity: 'error',
      comment:
        'common/, config/ and database/ serve every feature folder and import none of them (nor src/*.ts). ' +
        'The one exception is database/entities.ts, the list of entities that describes the schema (see entity-registry-imports-non-entity).',
      from: { path: SHARED, pathNot: '^src/database/entities\\.ts$' },
      to: { path: '^src/', pathNot: SHARED },
    },
    {
      name: 'entity-registry-imports-non-entity',
      severity: 'error',
      comment: 'src/database/entities.ts lists the entities for the data source: it imports *.entity.ts files and nothing else of the features.',
      from: { path: '^src/database/entities\\.ts$' },
      to: { path: '^src/', pathNot: [SHARED, '\\.entity\\.ts$'] },
    },
    {
      name: 'pure-imports-framework',
      severity: 'error',
      comment:
        'A pure-logic file imports neither Nest, TypeORM nor class-transformer (class-validator only for its value functions: ESLint checks the names). If the file is glue, name it by its kind ' +
        '(*.decorators.ts, *.guard.ts, *.filter.ts, *.pipe.ts, *.service.ts, …); otherwise move the framework part out.',
      from: { path: '^src/', pathNot: GLUE },
      to: { path: '(^|/)node_modules/(@nestjs/|typeorm/|class-transformer/)' },
    },
    {
      name: 'sql-helper-outside-repository',
      severity: 'error',
      comment: 'SQL fragments (*.sql.ts) and the SQL helpers of src/database/ (sql.ts, copy-rows.ts) are for repositories (and tests) only.',
      from: { pathNot: ['\\.(repository|sql|spec)\\.ts$', '^src/database/', '^migrations/', '^test/'] },
      to: { path: ['\\.sql\\.ts$', '^src/database/(sql|copy-rows)\\.ts$'] },
    },
    {
      name: 'service-imports-other-domain-repository',
      severity: 'error',
      comment: 'A service does not use another domain\'s repository: call that domain\'s service (or move the query to this domain\'s repository).',
      from: { path: '^src/([^/]+)/.+\\.service\\.ts$' },
      to: { path: '\\.repository\\.ts$', pathNot: '^src/$1/' },
    },
    {
      name: 'controller-imports-repository',
      severity: 'error',
      comment: 'Controllers call services; a type they need from a repository belongs in the domain\'s DTOs or a plain file.',
      from: { path: '\\.controller\\.ts$' },
      to: { path: '\\.repository\\.ts$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|data|coverage|reports)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
