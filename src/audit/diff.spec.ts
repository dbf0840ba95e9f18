import { diffFields, hasChanges, sameJson, type FieldChange } from './diff.js';

describe('diffFields', () => {
  it.each<[string, unknown, unknown, FieldChange[]]>([
    ['unchanged objects', { title: 'a', tags: ['x'] }, { title: 'a', tags: ['x'] }, []],
    ['unchanged, keys in another order', { a: 1, b: { c: 2, d: 3 } }, { b: { d: 3, c: 2 }, a: 1 }, []],
    ['one scalar changed', { title: 'a', severity: 'SEV2' }, { title: 'a', severity: 'SEV1' }, [{ field: 'severity', before: 'SEV2', after: 'SEV1' }]],
    ['a value set from null', { detectedAt: null }, { detectedAt: '2026-03-01T09:35:00.000Z' }, [{ field: 'detectedAt', before: null, after: '2026-03-01T09:35:00.000Z' }]],
    ['a value cleared to null', { owner: 'Dana' }, { owner: null }, [{ field: 'owner', before: 'Dana', after: null }]],
    ['an array element added', { tags: ['a'] }, { tags: ['a', 'b'] }, [{ field: 'tags', before: ['a'], after: ['a', 'b'] }]],
    ['an array reordered', { tags: ['a', 'b'] }, { tags: ['b', 'a'] }, [{ field: 'tags', before: ['a', 'b'], after: ['b', 'a'] }]],
    ['an empty array vs null', { tags: [] }, { tags: null }, [{ field: 'tags', before: [], after: null }]],
    [
      'a nested array of objects changed deep inside',
      { questions: [{ key: 'q1', answer: null }, { key: 'q2', answer: 'x' }] },
      { questions: [{ key: 'q1', answer: 'y' }, { key: 'q2', answer: 'x' }] },
      [{ field: 'questions', before: [{ key: 'q1', answer: null }, { key: 'q2', answer: 'x' }], after: [{ key: 'q1', answer: 'y' }, { key: 'q2', answer: 'x' }] }],
    ],
    ['a nested object changed', { template: { id: 't', version: 1 } }, { template: { id: 't', version: 2 } }, [{ field: 'template', before: { id: 't', version: 1 }, after: { id: 't', version: 2 } }]],
    ['an added key', { a: 1 }, { a: 1, b: 2 }, [{ field: 'b', before: null, after: 2 }]],
    ['a removed key', { a: 1, b: 2 }, { a: 1 }, [{ field: 'b', before: 2, after: null }]],
    ['an added key whose value is null counts as unchanged', { a: 1 }, { a: 1, b: null }, []],
    ['create: every field, before null', null, { id: 'i', title: 't' }, [{ field: 'id', before: null, after: 'i' }, { field: 'title', before: null, after: 't' }]],
    ['delete: every field, after null', { id: 'i', title: 't' }, null, [{ field: 'id', before: 'i', after: null }, { field: 'title', before: 't', after: null }]],
    ['both null', null, null, []],
    ['fields sorted by name', { z: 1, a: 1 }, { z: 2, a: 2 }, [{ field: 'a', before: 1, after: 2 }, { field: 'z', before: 1, after: 2 }]],
    ['false and 0 are values, not null', { done: false, count: 0 }, { done: null, count: null }, [{ field: 'count', before: 0, after: null }, { field: 'done', before: false, after: null }]],
    ['a number and its text differ', { rank: 1 }, { rank: '1' }, [{ field: 'rank', before: 1, after: '1' }]],
  ])('%s', (_name, before, after, expected) => {
    expect(diffFields(before, after)).toEqual(expected);
  });

  it.each([
    ['version and updatedAt only', { version: 1, updatedAt: '2026-03-01T10:00:00.000Z', title: 'a' }, { version: 2, updatedAt: '2026-03-01T11:00:00.000Z', title: 'a' }, []],
    ['version ignored beside a real change', { version: 1, title: 'a' }, { version: 2, title: 'b' }, [{ field: 'title', before: 'a', after: 'b' }]],
  ])('ignores the bookkeeping fields: %s', (_name, before, after, expected) => {
    expect(diffFields(before, after)).toEqual(expected);
  });

  it('ignores the fields it is told to', () => {
    expect(diffFields({ a: 1, b: 1 }, { a: 2, b: 2 }, ['a'])).toEqual([{ field: 'b', before: 1, after: 2 }]);
    expect(diffFields({ version: 1 }, { version: 2 }, [])).toEqual([{ field: 'version', before: 1, after: 2 }]);
  });
});

describe('hasChanges', () => {
  it.each([
    [{ title: 'a', version: 1, updatedAt: 'x' }, { title: 'a', version: 2, updatedAt: 'y' }, false],
    [{ title: 'a', version: 1 }, { title: 'b', version: 2 }, true],
    [null, { title: 'a' }, true],
    [{ tags: ['a', 'b'] }, { tags: ['a', 'b'] }, false],
  ])('%j → %j: %s', (before, after, expected) => {
    expect(hasChanges(before, after)).toBe(expected);
  });
});

describe('sameJson', () => {
  it.each<[unknown, unknown, boolean]>([
    [1, 1, true],
    ['a', 'a', true],
    [null, null, true],
    [null, undefined, false],
    [[1, [2, 3]], [1, [2, 3]], true],
    [[1, [2, 3]], [1, [3, 2]], false],
    [[1], { 0: 1 }, false],
    [{ a: 1 }, { a: 1, b: 1 }, false],
    [{ a: 1, b: 1 }, { a: 1 }, false],
    [{ a: undefined }, { b: undefined }, false],
    [{ a: { b: [null] } }, { a: { b: [null] } }, true],
  ])('%j vs %j: %s', (a, b, expected) => {
    expect(sameJson(a, b)).toBe(expected);
  });
});
