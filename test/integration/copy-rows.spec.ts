import { copyRows, type CopyValue } from '../../src/database/copy-rows.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

/** Text that COPY's CSV format could misread if a field were written wrongly. */
const AWKWARD_TEXT = [
  '', 'plain', 'comma, here', 'say "hi"', '""', 'line\nbreak', 'crlf\r\nline', 'lone\rcr', 'back\\slash', '\\N', 'NULL',
  '\\.', 'before\n\\.\nafter', '\\.\n', ' surrounding spaces ', '\t tab', 'emoji 🔥 and RTL שלום', '{"json": [1, 2]}',
];

describe('copyRows (COPY … FROM STDIN) on PostgreSQL', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase();
    await db.dataSource.query(`CREATE TABLE copy_check (n int PRIMARY KEY, t text, a text[], at timestamptz, b boolean, j jsonb)`);
  });
  afterAll(async () => {
    await db.close();
  });

  it('stores every value exactly as given: NULL, empty text, quotes, line breaks, backslashes, the end-of-data marker, arrays', async () => {
    const rows: CopyValue[][] = AWKWARD_TEXT.map((text, n) => [n, text, [text, 'x', text], new Date(Date.UTC(2026, 0, 1, 0, 0, n, 123)), n % 2 === 0, JSON.stringify({ text })]);
    rows.push([AWKWARD_TEXT.length, null, [], null, null, null]);
    const written = await db.dataSource.transaction((manager) => copyRows(manager, 'copy_check', ['n', 't', 'a', 'at', 'b', 'j'], rows));
    expect(written).toBe(rows.length);

    const stored: { n: number; t: string | null; a: string[]; at: Date | null; b: boolean | null; j: { text: string } | null }[] =
      await db.dataSource.query(`SELECT n, t, a, at, b, j FROM copy_check ORDER BY n`);
    expect(stored).toHaveLength(rows.length);
    AWKWARD_TEXT.forEach((text, n) => {
      expect(stored[n]).toEqual({ n, t: text, a: [text, 'x', text], at: new Date(Date.UTC(2026, 0, 1, 0, 0, n, 123)), b: n % 2 === 0, j: { text } });
    });
    expect(stored[AWKWARD_TEXT.length]).toEqual({ n: AWKWARD_TEXT.length, t: null, a: [], at: null, b: null, j: null });
  });

  it('writes nothing and fails the transaction when a row breaks a constraint', async () => {
    const attempt = db.dataSource.transaction((manager) => copyRows(manager, 'copy_check', ['n', 't'], [[1000, 'first'], [1000, 'again']]));
    await expect(attempt).rejects.toThrow(/duplicate key/);
    expect(await db.dataSource.query(`SELECT n FROM copy_check WHERE n = 1000`)).toEqual([]);
  });

  it('writes nothing for no rows', async () => {
    expect(await db.dataSource.transaction((manager) => copyRows(manager, 'copy_check', ['n'], []))).toBe(0);
  });
});
