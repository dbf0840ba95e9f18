// ESLint rule `hindsight/no-sql`: SQL lives in repositories (*.repository.ts), shared SQL fragments
// (*.sql.ts), src/database/ and migrations/ — eslint.config.js turns this rule off there. Anywhere else
// it reports string and template literals that are SQL, and calls of `.query(…)` / `.createQueryBuilder(…)`.
//
// "Is SQL" is a list of PostgreSQL shapes with the keywords in upper case, as this code base writes SQL
// (and as error messages never do): a statement (`SELECT … FROM`, `INSERT INTO`, `UPDATE t SET`,
// `DELETE FROM`, `ON CONFLICT`, `WITH x AS (`), a clause fragment (`FROM …`/`WHERE …` at the start,
// `JOIN t x ON`), or PostgreSQL-only syntax (`::int[]` casts, `AT TIME ZONE`, `= ANY($1)`).
// A template literal is read whole, each `${…}` standing for a value.

/** Each pattern with what it catches, for the message. */
export const SQL_PATTERNS = [
  [/\bSELECT\b[\s\S]*?\bFROM\b/, 'SELECT … FROM'],
  [/\bINSERT\s+INTO\b/, 'INSERT INTO'],
  [/\bUPDATE\s+[\w".]+(?:\s+(?:AS\s+)?\w+)?\s+SET\b/, 'UPDATE … SET'],
  [/\bDELETE\s+FROM\b/, 'DELETE FROM'],
  [/\bON\s+CONFLICT\b/, 'ON CONFLICT'],
  [/\bRETURNING\s+(?:\*|[a-z_"])/, 'RETURNING'],
  [/\bWITH\s+(?:RECURSIVE\s+)?\w+(?:\s*\([^)]*\))?\s+AS\s+(?:(?:NOT\s+)?MATERIALIZED\s+)?\(/, 'WITH … AS ('],
  [/\bLOCK\s+TABLE\b/, 'LOCK TABLE'],
  [/\bTRUNCATE\s+(?:TABLE\s+)?[\w"]/, 'TRUNCATE'],
  [/\b(?:INNER\s+|(?:LEFT|RIGHT|FULL)\s+(?:OUTER\s+)?|CROSS\s+)?JOIN\s+[\w".]+(?:\s+(?:AS\s+)?\w+)?\s+(?:ON|USING)\b/, 'JOIN … ON'],
  [/^\s*(?:FROM|WHERE|GROUP\s+BY|ORDER\s+BY|HAVING)\s+\S/, 'a FROM/WHERE/GROUP BY/ORDER BY clause'],
  [/::(?:int|integer|bigint|smallint|numeric|real|float8|text|varchar|uuid|date|timestamp|timestamptz|interval|json|jsonb|bool|boolean|regclass)(?:\[\])?(?![\w[])/, 'a ::type cast'],
  [/\bAT\s+TIME\s+ZONE\b/, 'AT TIME ZONE'],
  [/\b(?:ANY|ALL)\s*\(\s*\$\d/, 'ANY($n)'],
  [/\bCOALESCE\s*\(/, 'COALESCE('],
];

/** What the literal's text looks like, or undefined when it is not SQL. */
export function sqlShape(text) {
  for (const [pattern, shape] of SQL_PATTERNS) if (pattern.test(text)) return shape;
  return undefined;
}

const QUERY_METHODS = new Set(['query', 'createQueryBuilder']);

/** @type {import('eslint').Rule.RuleModule} */
export const sqlRule = {
  meta: {
    type: 'problem',
    docs: { description: 'SQL and query calls only in *.repository.ts, *.sql.ts, src/database/ and migrations/' },
    schema: [],
    messages: {
      literal: 'This {{kind}} is SQL ({{shape}}): SQL belongs in a *.repository.ts (or a *.sql.ts fragment that repositories import).',
      call: '`.{{method}}(…)` runs SQL: call a repository method instead (SQL belongs in *.repository.ts).',
    },
  },
  create(context) {
    const check = (node, text, kind) => {
      const shape = sqlShape(text);
      if (shape) context.report({ node, messageId: 'literal', data: { kind, shape } });
    };
    return {
      Literal(node) {
        if (typeof node.value !== 'string') return;
        const parent = node.parent;
        // Module specifiers and TypeScript literal types are not statements.
        if (parent && ['ImportDeclaration', 'ExportNamedDeclaration', 'ExportAllDeclaration', 'ImportExpression', 'TSLiteralType', 'TSExternalModuleReference'].includes(parent.type)) return;
        check(node, node.value, 'string');
      },
      TemplateLiteral(node) {
        check(node, node.quasis.map((q) => q.value.cooked ?? q.value.raw).join('$1'), 'template literal');
      },
      CallExpression(node) {
        const callee = node.callee.type === 'ChainExpression' ? node.callee.expression : node.callee;
        if (callee.type !== 'MemberExpression' || callee.computed || callee.property.type !== 'Identifier') return;
        if (QUERY_METHODS.has(callee.property.name)) context.report({ node, messageId: 'call', data: { method: callee.property.name } });
      },
    };
  },
};
