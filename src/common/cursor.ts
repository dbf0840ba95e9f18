import { InvalidInputError } from './errors.js';
import { parseInstantOrNull } from './instant.js';
import { UUID_PATTERN } from './uuid.js';

/** A page cursor: the sort position of the last row (a UTC instant as text, up to microseconds) and its id. */
export interface PageCursor {
  at: string;
  id: string;
}

export const BIGINT_ID_PATTERN = /^[1-9]\d{0,17}$/;
const UTC_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;

/**
 * The cursor of a list whose rows at the same instant are ordered by a second instant before their id
 * (the timeline: when an entry happened, then when it was recorded).
 */
export interface TieBreakCursor extends PageCursor {
  /** The second instant, as text like `at`. */
  then: string;
}

/** Opaque to clients: base64url of `[at, id]`, or `[at, then, id]`. */
export function encodeCursor(cursor: PageCursor | TieBreakCursor): string {
  const parts = 'then' in cursor ? [cursor.at, cursor.then, cursor.id] : [cursor.at, cursor.id];
  return Buffer.from(JSON.stringify(parts)).toString('base64url');
}

/**
 * Reads a cursor this API handed out. Anything else — an impossible date, an id of the wrong shape —
 * is a 400 naming `cursor`, so nothing malformed ever reaches SQL.
 */
export function decodeCursor(text: string, idPattern: RegExp = UUID_PATTERN): PageCursor {
  const [at, id] = cursorParts(text, 2, idPattern);
  return { at, id };
}

/** Reads a `[at, then, id]` cursor this API handed out; anything else is a 400 naming `cursor`, like decodeCursor. */
export function decodeTieBreakCursor(text: string, idPattern: RegExp = UUID_PATTERN): TieBreakCursor {
  const [at, then, id] = cursorParts(text, 3, idPattern);
  return { at, then, id };
}

/** The `length` strings of a cursor: UTC instants, then an id matching `idPattern`. */
function cursorParts(text: string, length: number, idPattern: RegExp): string[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  if (Array.isArray(parsed) && parsed.length === length && parsed.every((part) => typeof part === 'string')) {
    const instants = parsed.slice(0, -1);
    if (instants.every((at) => UTC_INSTANT.test(at) && parseInstantOrNull(at)) && idPattern.test(parsed[length - 1])) return parsed;
  }
  throw new InvalidInputError('cursor', text, 'is not a cursor returned by this API (use nextCursor from the previous page)');
}

/** Rows a list endpoint returns when the request does not say. */
export const DEFAULT_PAGE_SIZE = 50;

/** What a list request asks for: the page size and where the previous page ended. */
export interface PageRequest<C> {
  limit: number;
  after: C | undefined;
}

/** The page size (`defaultLimit` when the query has none) and the decoded cursor of a list query. */
export function pageRequest<C>(query: { limit?: number; cursor?: string }, decode: (cursor: string) => C, defaultLimit = DEFAULT_PAGE_SIZE): PageRequest<C> {
  return { limit: query.limit ?? defaultLimit, after: query.cursor === undefined ? undefined : decode(query.cursor) };
}

/**
 * The most a page of a list may weigh, as JSON: a page stops early at the item that would pass it (it always
 * lists at least one item) and says so with a nextCursor, so that rows with large stored values (an incident's
 * 1 MB of customer names, an audit event with both of its versions) cannot make a response of hundreds of MB.
 */
export const PAGE_BYTE_BUDGET = 2 * 1024 * 1024;

/**
 * One page from rows fetched with a limit of `limit + 1`: the extra row only tells that another page
 * follows, whose cursor is the last listed row's. The items stop early past `byteBudget` bytes of JSON
 * (PAGE_BYTE_BUDGET), with a cursor to the rest.
 */
export function toPage<Row, Item>(
  rows: readonly Row[],
  limit: number,
  toItem: (row: Row) => Item,
  cursorOf: (last: Row) => string,
  byteBudget = PAGE_BYTE_BUDGET,
): { items: Item[]; nextCursor: string | null } {
  const items: Item[] = [];
  let bytes = 0;
  for (const row of rows.slice(0, limit)) {
    const item = toItem(row);
    const size = Buffer.byteLength(JSON.stringify(item) ?? '');
    if (items.length > 0 && bytes + size > byteBudget) break;
    items.push(item);
    bytes += size;
  }
  const last = rows[items.length - 1];
  return { items, nextCursor: rows.length > items.length && last !== undefined ? cursorOf(last) : null };
}
