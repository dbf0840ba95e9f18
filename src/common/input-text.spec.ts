import { findInputProblem, MAX_NESTING, NESTING_PROBLEM, NUL_PROBLEM, SURROGATE_PROBLEM, textProblem } from './input-text.js';

const nested = (levels: number): unknown => {
  let value: unknown = 'leaf';
  for (let i = 0; i < levels; i++) value = { a: value };
  return value;
};

describe('textProblem', () => {
  it.each([
    ['plain text', 'Checkout down', null],
    ['emoji (a surrogate pair)', 'fire 🔥', null],
    ['NUL', 'a\u0000b', NUL_PROBLEM],
    ['lone high surrogate', 'a\uD83Db', SURROGATE_PROBLEM],
    ['lone low surrogate at the start', '\uDD25x', SURROGATE_PROBLEM],
    ['high surrogate at the end', 'x\uD83D', SURROGATE_PROBLEM],
    ['two high surrogates', '\uD83D\uD83D\uDD25', SURROGATE_PROBLEM],
  ])('%s', (_what, text, problem) => {
    expect(textProblem(text)).toBe(problem);
  });
});

describe('findInputProblem', () => {
  it.each<[string, unknown, string, { field: string; problem: string } | null]>([
    ['a clean body', { title: 'x', tags: ['a'], sourcePayload: { a: [1, { b: null }] } }, '', null],
    ['a top-level field', { title: 'a\u0000' }, '', { field: 'title', problem: NUL_PROBLEM }],
    ['an array entry', { answers: [{ text: 'ok' }, { text: 'ok' }, { text: '\uD800' }] }, '', { field: 'answers[2].text', problem: SURROGATE_PROBLEM }],
    ['a nested payload value', { sourcePayload: { a: { b: 'x\u0000' } } }, '', { field: 'sourcePayload.a.b', problem: NUL_PROBLEM }],
    ['an object key', { sourcePayload: { 'k\u0000': 1 } }, '', { field: 'sourcePayload.k\u0000', problem: `has a name that ${NUL_PROBLEM}` }],
    ['a path parameter', 'INC-\u0000', 'incident', { field: 'incident', problem: NUL_PROBLEM }],
    ['a query object', { q: ['ok', '\u0000'] }, '', { field: 'q[1]', problem: NUL_PROBLEM }],
    ['nesting at the limit', nested(MAX_NESTING), '', null],
    ['nesting one over the limit', nested(MAX_NESTING + 1), '', { field: 'a.'.repeat(MAX_NESTING).slice(0, -1), problem: NESTING_PROBLEM }],
  ])('%s', (_what, value, field, expected) => {
    const found = findInputProblem(value, field);
    expect(found && { field: found.field, problem: found.problem }).toEqual(expected);
  });

  it('stops at the limit without a stack overflow on 100,000 levels', () => {
    let deep: unknown = {};
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(findInputProblem({ sourcePayload: deep }, '')).toMatchObject({ problem: NESTING_PROBLEM, value: '[…]' });
  });
});
