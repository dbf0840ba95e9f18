// ESLint (flat config): typescript-eslint's type-checked recommended rules, and the boundary rules that
// need the syntax tree (SQL text, query calls, which TypeORM names a file imports). The boundary rules
// that need only file paths (cycles, pure files, shared folders, repositories) are dependency-cruiser's:
// .dependency-cruiser.cjs and scripts/check-folder-cycles.mjs. `npm run lint` runs all three.
import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';
import { sqlRule } from './scripts/lint/no-sql.mjs';

/** Where SQL may live: repositories, shared SQL fragments (*.sql.ts), src/database/, migrations/, and tests. */
const SQL_FILES = ['src/**/*.repository.ts', 'src/**/*.sql.ts', 'src/database/**', 'migrations/**', 'test/**', '**/*.spec.ts'];
const TEST_FILES = ['test/**', '**/*.spec.ts'];
/** Files that declare validation: DTOs and decorator files. */
const DECORATOR_FILES = ['src/**/dto/**', 'src/**/*.dto.ts', 'src/**/*.query.ts', 'src/**/*.decorators.ts', 'src/**/*.decorator.ts'];


/** What an entity needs from TypeORM: its decorators and relation types. Nothing that reaches the database. */
const ENTITY_NAMES = [
  'Entity', 'ViewEntity', 'ViewColumn', 'Column', 'PrimaryColumn', 'PrimaryGeneratedColumn', 'CreateDateColumn', 'UpdateDateColumn',
  'DeleteDateColumn', 'VersionColumn', 'Index', 'Unique', 'Check', 'Exclusion', 'JoinColumn', 'JoinTable', 'ManyToOne', 'OneToMany',
  'OneToOne', 'ManyToMany', 'RelationId', 'Relation', 'ValueTransformer',
];

/** TypeORM outside the SQL files: what entities need (decorators, relation types) and TypeOrmModule; nothing that reaches the database. */
const TYPEORM_OUTSIDE_SQL = [
  {
    name: 'typeorm', allowImportNames: ENTITY_NAMES,
    message: 'Only *.repository.ts, *.sql.ts and src/database/ reach the database; elsewhere (entities) only TypeORM\'s decorators and relation types.',
  },
  {
    name: '@nestjs/typeorm', allowImportNames: ['TypeOrmModule'],
    message: 'Inject a repository (*.repository.ts), not TypeORM\'s data source, entity manager or repositories.',
  },
];

export default tseslint.config(
  // src/web/api/schema.d.ts is generated (`npm run api:types`) and checked for staleness, not linted.
  { ignores: ['dist/', 'node_modules/', 'data/', 'coverage/', 'reports/', 'test/bench/out/', 'test-results/', 'src/web/api/schema.d.ts'] },

  {
    files: ['**/*.{js,mjs,cjs}'],
    extends: [js.configs.recommended],
    languageOptions: { globals: globals.node },
    rules: { 'no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }] },
  },
  { files: ['**/*.cjs'], languageOptions: { sourceType: 'commonjs' } },
  { files: ['**/*.spec.mjs'], languageOptions: { globals: globals.jest } },

  {
    files: ['**/*.ts', '**/*.tsx'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // `const { secret: _secret, ...rest } = row` drops a field on purpose; an underscore marks it.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true }],
    },
  },

  {
    // The web app (src/web, its own tsconfig): browser globals, the rules of hooks. It reaches the server through
    // the typed API client only; which server files it may import is dependency-cruiser's `web-imports-server` rule.
    files: ['src/web/**/*.{ts,tsx}'],
    extends: [reactHooks.configs.flat.recommended],
    languageOptions: { globals: globals.browser },
  },

  {
    files: TEST_FILES,
    rules: {
      // Tests assert on supertest's `response.body` and on raw query rows, both `any` by design.
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      // Async generators without an await are how tests make an async iterable of given chunks.
      '@typescript-eslint/require-await': 'off',
    },
  },

  {
    files: ['src/**/*.ts'],
    ignores: SQL_FILES,
    plugins: { hindsight: { rules: { 'no-sql': sqlRule } } },
    rules: {
      'hindsight/no-sql': 'error',
      'no-restricted-imports': ['error', { paths: TYPEORM_OUTSIDE_SQL }],
    },
  },

  {
    // Outside DTOs and decorator files, class-validator is for its value functions (isString, maxLength, …: the
    // import validation applies the DTOs' rules with them); its decorators (IsString, …) declare DTO fields.
    files: ['src/**/*.ts'],
    ignores: [...SQL_FILES, ...DECORATOR_FILES],
    rules: {
      'no-restricted-imports': ['error', {
        paths: TYPEORM_OUTSIDE_SQL,
        patterns: [{
          group: ['class-validator'], importNamePattern: '^[A-Z]',
          message: 'class-validator\'s decorators belong in DTOs (dto/, *.dto.ts, *.query.ts) and *.decorators.ts; elsewhere use its value functions (isString, …).',
        }],
      }],
    },
  },
);
