import { BIGINT_ID_PATTERN, decodeCursor, decodeTieBreakCursor, DEFAULT_PAGE_SIZE, encodeCursor, PAGE_BYTE_BUDGET, pageRequest, toPage } from './cursor.js';
import { InvalidInputError } from './errors.js';

const raw = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const ID = '7d6a4634-68f0-4379-ad05-202cf823d2ec';

describe('page cursors', () => {
  it.each([
    ['2026-03-01T09:30:00.000Z', ID],
    ['2026-03-01T09:30:00.123456Z', ID],
    ['2024-02-29T23:59:59Z', ID],
  ])('round-trips %s', (at, id) => {
    expect(decodeCursor(encodeCursor({ at, id }))).toEqual({ at, id });
  });

  it('takes numeric ids where the table has them', () => {
    expect(decodeCursor(encodeCursor({ at: '2026-03-01T09:30:00.000001Z', id: '42' }), BIGINT_ID_PATTERN).id).toBe('42');
  });

  it.each([
    ['not base64 JSON', 'garbage!'],
    ['an object', raw({ at: '2026-03-01T09:30:00Z', id: ID })],
    ['an impossible date', raw(['2026-13-45T99:99:99.000000Z', ID])],
    ['February 30th', raw(['2026-02-30T00:00:00Z', ID])],
    ['a local time', raw(['2026-03-01T09:30:00', ID])],
    ['36 dashes as id', raw(['2026-03-01T09:30:00Z', '-'.repeat(36)])],
    ['a number as id', raw(['2026-03-01T09:30:00Z', 42])],
    ['three elements', raw(['2026-03-01T09:30:00Z', ID, 'x'])],
  ])('refuses %s with a 400 naming cursor', (_name, text) => {
    expect(() => decodeCursor(text)).toThrow(InvalidInputError);
    expect(() => decodeCursor(text)).toThrow(/^cursor: /);
  });
});

describe('tie-break cursors (two instants, then the id)', () => {
  it.each([
    ['2026-03-01T09:30:00.000000Z', '2026-03-01T09:31:02.123456Z', ID],
    ['2024-02-29T23:59:59Z', '2024-02-29T23:59:59Z', ID],
  ])('round-trips %s, %s', (at, then, id) => {
    expect(decodeTieBreakCursor(encodeCursor({ at, then, id }))).toEqual({ at, then, id });
  });

  it.each([
    ['a two-part cursor of another list', encodeCursor({ at: '2026-03-01T09:30:00Z', id: ID })],
    ['four elements', raw(['2026-03-01T09:30:00Z', '2026-03-01T09:30:00Z', ID, 'x'])],
    ['an impossible second instant', raw(['2026-03-01T09:30:00Z', '2026-02-30T00:00:00Z', ID])],
    ['a local second instant', raw(['2026-03-01T09:30:00Z', '2026-03-01T09:30:00', ID])],
    ['an id in the middle', raw(['2026-03-01T09:30:00Z', ID, '2026-03-01T09:30:00Z'])],
    ['a number as id', raw(['2026-03-01T09:30:00Z', '2026-03-01T09:30:00Z', 42])],
    ['not base64 JSON', 'garbage!'],
  ])('refuses %s with a 400 naming cursor', (_name, text) => {
    expect(() => decodeTieBreakCursor(text)).toThrow(InvalidInputError);
    expect(() => decodeTieBreakCursor(text)).toThrow(/^cursor: /);
  });

  it('is refused where a two-part cursor is expected', () => {
    expect(() => decodeCursor(encodeCursor({ at: '2026-03-01T09:30:00Z', then: '2026-03-01T09:30:00Z', id: ID }))).toThrow(/^cursor: /);
  });
});

describe('pages', () => {
  const decodeNumber = (text: string) => Number(text);

  it.each([
    [{}, 50, undefined, 50],
    [{ limit: 7 }, 50, undefined, 7],
    [{ cursor: '12' }, 100, 12, 100],
    [{ limit: 3, cursor: '4' }, 100, 4, 3],
  ])('pageRequest(%j) with default %d: after %s, limit %d', (query, defaultLimit, after, limit) => {
    expect(pageRequest(query, decodeNumber, defaultLimit)).toEqual({ limit, after });
  });

  it('defaults to DEFAULT_PAGE_SIZE', () => {
    expect(pageRequest({}, decodeNumber).limit).toBe(DEFAULT_PAGE_SIZE);
  });

  it.each([
    ['fewer rows than the limit: last page', [1, 2], 3, ['#1', '#2'], null],
    ['exactly the limit: last page', [1, 2, 3], 3, ['#1', '#2', '#3'], null],
    ['one row more: a next page after the last listed row', [1, 2, 3, 4], 3, ['#1', '#2', '#3'], 'c3'],
    ['no rows', [], 3, [], null],
  ])('toPage: %s', (_name, rows, limit, items, nextCursor) => {
    expect(toPage(rows, limit, (n) => `#${n}`, (last) => `c${last}`)).toEqual({ items, nextCursor });
  });
});

describe('toPage byte budget', () => {
  // Items of 12 bytes as JSON ("#1xxxxxxxx" with its quotes).
  const item = (n: number) => `#${n}${'x'.repeat(8)}`;
  it.each<[string, number[], number, number, string[], string | null]>([
    ['stops at the item that would pass the budget, with a cursor to it', [1, 2, 3, 4], 10, 30, [item(1), item(2)], 'c2'],
    ['lists everything within the budget', [1, 2], 10, 24, [item(1), item(2)], null],
    ['lists one item even when it alone passes the budget', [1, 2], 10, 5, [item(1)], 'c1'],
    ['keeps the page size cursor when the budget is not reached', [1, 2, 3], 2, 1000, [item(1), item(2)], 'c2'],
  ])('%s', (_name, rows, limit, budget, items, nextCursor) => {
    expect(toPage(rows, limit, item, (last) => `c${last}`, budget)).toEqual({ items, nextCursor });
  });

  it('defaults to 2 MiB', () => {
    expect(PAGE_BYTE_BUDGET).toBe(2 * 1024 * 1024);
  });
});
