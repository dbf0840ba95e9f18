import { Readable } from 'node:stream';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { CsvHeaderError, type CsvReadOptions, readCsv } from './csv-records.js';
import type { ReadResult } from './source-record.js';
import { chunked } from '../../../test/support/chunked-streams.js';

type Row = ReadResult<Record<string, string>>;


const SEEDS = [0, 1, 2, 3];

async function readAll(data: string | Buffer, options: CsvReadOptions = {}, seed = 1) {
  const file = await readCsv(chunked(data, seed), options);
  const rows: Row[] = [];
  for await (const row of file.records) rows.push(row);
  return { header: file.header, delimiter: file.delimiter, rows };
}

/** Reads the data with every seed's chunking and checks they all agree; returns the result. */
async function readEveryWay(data: string | Buffer, options: CsvReadOptions = {}) {
  const [first, ...others] = await Promise.all(SEEDS.map((seed) => readAll(data, options, seed)));
  for (const other of others) expect(other).toEqual(first);
  return first;
}

const good = (rows: Row[]) => rows.filter((row) => row.ok);
const values = (rows: Row[]) => rows.map((row) => (row.ok ? row.value : row.problem));

describe('readCsv: delimiters', () => {
  it.each([
    ['comma, sniffed', 'id,title\n1,a\n', {}, ',', ['id', 'title'], { id: '1', title: 'a' }],
    ['semicolon, sniffed', 'id;title\n1;a\n', {}, ';', ['id', 'title'], { id: '1', title: 'a' }],
    ['semicolon sniffed although quoted names hold commas', '"a,b,c";"d,e";f\n1;2;3\n', { delimiter: 'auto' }, ';', ['a,b,c', 'd,e', 'f'], { 'a,b,c': '1', 'd,e': '2', f: '3' }],
    ['comma sniffed although a quoted name holds semicolons', '"a;b;c",d\n1,2\n', {}, ',', ['a;b;c', 'd'], { 'a;b;c': '1', d: '2' }],
    ['single column defaults to comma', 'title\nx;y\n', {}, ',', ['title'], { title: 'x;y' }],
    ['given comma on a semicolon file: one column', 'id;title\n1;a\n', { delimiter: ',' }, ',', ['id;title'], { 'id;title': '1;a' }],
    ['given semicolon, commas are text', 'id;title\n1;a,b\n', { delimiter: ';' }, ';', ['id', 'title'], { id: '1', title: 'a,b' }],
  ] as const)('%s', async (_name, data, options, delimiter, header, first) => {
    const read = await readEveryWay(data, options);
    expect(read.delimiter).toBe(delimiter);
    expect(read.header).toEqual(header);
    expect(read.rows[0]).toEqual(expect.objectContaining({ ok: true, record: 1, line: 2, value: first }));
  });
});

describe('readCsv: text, lines and raw', () => {
  it.each([
    ['UTF-8 BOM is stripped', '\uFEFFid,name\n1,Zoë\n', ['id', 'name'], [{ record: 1, line: 2, value: { id: '1', name: 'Zoë' }, raw: '1,Zoë' }]],
    [
      'CRLF: raw has no CR, lines count',
      'id,name\r\n1,a\r\n2,b\r\n',
      ['id', 'name'],
      [
        { record: 1, line: 2, value: { id: '1', name: 'a' }, raw: '1,a' },
        { record: 2, line: 3, value: { id: '2', name: 'b' }, raw: '2,b' },
      ],
    ],
    [
      'mixed CRLF, LF and lone CR',
      'id,name\r\n1,a\n2,b\r3,c',
      ['id', 'name'],
      [
        { record: 1, line: 2, value: { id: '1', name: 'a' }, raw: '1,a' },
        { record: 2, line: 3, value: { id: '2', name: 'b' }, raw: '2,b' },
        { record: 3, line: 4, value: { id: '3', name: 'c' }, raw: '3,c' },
      ],
    ],
    [
      'quoted multi-line cells, "" escapes; the row after starts on the right line',
      'id,notes,who\n1,"first line\nsecond, with comma\nthird ""quoted""",ann\n2,plain,bob\n',
      ['id', 'notes', 'who'],
      [
        { record: 1, line: 2, value: { id: '1', notes: 'first line\nsecond, with comma\nthird "quoted"', who: 'ann' }, raw: '1,"first line\nsecond, with comma\nthird ""quoted""",ann' },
        { record: 2, line: 5, value: { id: '2', notes: 'plain', who: 'bob' }, raw: '2,plain,bob' },
      ],
    ],
    [
      'CRLF inside a quoted cell is kept, and counts as one line',
      'id,notes\r\n1,"a\r\nb"\r\n2,c\r\n',
      ['id', 'notes'],
      [
        { record: 1, line: 2, value: { id: '1', notes: 'a\r\nb' }, raw: '1,"a\r\nb"' },
        { record: 2, line: 4, value: { id: '2', notes: 'c' }, raw: '2,c' },
      ],
    ],
    [
      'blank lines (also CRLF, spaces only) are skipped but counted as lines',
      '\n\nid,name\n\n1,a\r\n\r\n   \n\t\n2,b\n\n\n',
      ['id', 'name'],
      [
        { record: 1, line: 5, value: { id: '1', name: 'a' }, raw: '1,a' },
        { record: 2, line: 9, value: { id: '2', name: 'b' }, raw: '2,b' },
      ],
    ],
    ['no line break at the end', 'id,name\n1,a', ['id', 'name'], [{ record: 1, line: 2, value: { id: '1', name: 'a' }, raw: '1,a' }]],
    ['header cells are trimmed, data cells are not', ' id , "name" \n 1 , a \n', ['id', '"name"'], [{ record: 1, line: 2, value: { id: ' 1 ', '"name"': ' a ' }, raw: ' 1 , a ' }]],
    ['a stray quote inside an unquoted cell is kept', 'id,size\n1,5" screen\n', ['id', 'size'], [{ record: 1, line: 2, value: { id: '1', size: '5" screen' }, raw: '1,5" screen' }]],
    ['an empty quoted cell is an empty string', 'a,b\n"",x\n', ['a', 'b'], [{ record: 1, line: 2, value: { a: '', b: 'x' }, raw: '"",x' }]],
    ['multi-byte characters, split across chunks', 'name,city\n日本語,Zürich 🚒\n', ['name', 'city'], [{ record: 1, line: 2, value: { name: '日本語', city: 'Zürich 🚒' }, raw: '日本語,Zürich 🚒' }]],
    ['a header named __proto__ is an ordinary key', '__proto__,b\nx,y\n', ['__proto__', 'b'], [{ record: 1, line: 2, value: JSON.parse('{"__proto__":"x","b":"y"}'), raw: 'x,y' }]],
  ])('%s', async (_name, data, header, expected) => {
    const read = await readEveryWay(data);
    expect(read.header).toEqual(header);
    expect(read.rows).toEqual(expected.map((row) => ({ ok: true, ...row })));
    expect(read.rows.every((row) => row.ok && Object.getPrototypeOf(row.value) === Object.prototype)).toBe(true);
  });

  it('header plus the raw rows parse back to the same values (random cells, line breaks, blank lines, chunking)', async () => {
    const cell = fc.oneof(
      fc.string({ maxLength: 8 }),
      fc.constantFrom('', ' ', 'a,b', 'a;b', 'say "hi"', 'two\nlines', 'crlf\r\ninside', '\r', '"', 'Zürich 🚒', '€'),
    );
    const quote = (text: string) => (/[",;\r\n]/.test(text) || text.trim() !== text || text === '' ? `"${text.replaceAll('"', '""')}"` : text);
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 4 }).chain((columns) => fc.array(fc.array(cell, { minLength: columns, maxLength: columns }), { minLength: 1, maxLength: 6 }).map((rows) => ({ columns, rows }))),
        fc.constantFrom('\n', '\r\n'),
        fc.array(fc.nat(2), { minLength: 7, maxLength: 7 }),
        fc.integer({ min: 1, max: 1000 }),
        async ({ columns, rows }, eol, blanks, seed) => {
          const header = Array.from({ length: columns }, (_, i) => `c${i}`);
          let text = header.join(',') + eol;
          let line = 2;
          const expected: { line: number; value: Record<string, string> }[] = [];
          rows.forEach((cells, i) => {
            text += eol.repeat(blanks[i]);
            line += blanks[i];
            // A lone cell that is blank would read as a blank line; quote it.
            text += cells.map((c) => (columns === 1 ? `"${c.replaceAll('"', '""')}"` : quote(c))).join(',') + eol;
            expected.push({ line, value: Object.fromEntries(header.map((name, j) => [name, cells[j]])) });
            line += 1 + cells.reduce((sum, c) => sum + (c.match(/\r\n|\r|\n/g)?.length ?? 0), 0);
          });
          const read = await readAll(text, {}, seed);
          expect(read.rows.map((row) => (row.ok ? { line: row.line, value: row.value } : row.problem))).toEqual(expected);
          const again = parse(`${header.join(',')}\n${read.rows.map((row) => row.raw).join('\n')}\n`, { columns: true, relax_quotes: true, record_delimiter: ['\r\n', '\n', '\r'] });
          expect(again).toEqual(expected.map((row) => row.value));
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('readCsv: unreadable rows', () => {
  it.each([
    ['too few cells', 'a,b,c\n1,2,3\n4,5\n6,7,8\n', 'line 3: 2 cells, but the header has 3 columns', '4,5'],
    ['too many cells', 'a,b,c\n1,2,3\n4,5,6,7\n6,7,8\n', 'line 3: 4 cells, but the header has 3 columns', '4,5,6,7'],
    ['one cell', 'a,b,c\n1,2,3\nlonely\n6,7,8\n', 'line 3: 1 cell, but the header has 3 columns', 'lonely'],
  ])('%s: that row is ok:false naming the line and both counts; later rows still read', async (_name, data, problem, raw) => {
    const { rows } = await readEveryWay(data);
    expect(rows).toEqual([
      { ok: true, record: 1, line: 2, value: { a: '1', b: '2', c: '3' }, raw: '1,2,3' },
      { ok: false, record: 2, line: 3, raw, problem },
      { ok: true, record: 3, line: 4, value: { a: '6', b: '7', c: '8' }, raw: '6,7,8' },
    ]);
  });

  it.each([
    ['in the last row', 'id,notes\n1,ok\n2,"never closed\n', 3, 'line 3: unclosed quoted field: a quote opened in this row is never closed, so the file ends inside it'],
    ['early, swallowing later rows', 'id,notes\n1,"oops\n2,b\n3,c\n', 2, 'line 2: unclosed quoted field: a quote opened in this row is never closed, so lines 2–4 (the rest of the file) were read as one cell'],
    ['with CRLF, after a multi-line row', 'id,notes\r\n1,"a\r\nb"\r\n2,"c\r\nd\r\n', 4, 'line 4: unclosed quoted field: a quote opened in this row is never closed, so lines 4–5 (the rest of the file) were read as one cell'],
    ['on the last line with no line break', 'id,notes\n1,ok\n\n2,"x', 4, 'line 4: unclosed quoted field: a quote opened in this row is never closed, so the file ends inside it'],
  ])('unclosed quote at end of file %s: one ok:false naming its line, then the end', async (_name, data, line, problem) => {
    const { rows } = await readEveryWay(data);
    const last = rows[rows.length - 1];
    expect(last).toEqual(expect.objectContaining({ ok: false, line, problem }));
    expect(rows.filter((row) => !row.ok)).toHaveLength(1);
    expect(rows.slice(0, -1).every((row) => row.ok)).toBe(true);
    expect(last.record).toBe(rows.length);
  });

  it('a row with bytes that are not UTF-8 is ok:false; the good rows around it read, with their multi-byte text intact', async () => {
    const data = Buffer.concat([
      Buffer.from('id,city\n1,Zürich\n'),
      Buffer.from('2,Z'),
      Buffer.from([0xfc]), // ü in windows-1252
      Buffer.from('rich\n3,Malmö 🚒\n4,caf'),
      Buffer.from([0xc3, 0x28]), // a lead byte with no continuation
      Buffer.from('\n5,end\n'),
    ]);
    const { rows } = await readEveryWay(data);
    const notUtf8 = (line: number) => `line ${line}: contains bytes that are not UTF-8; save the file as UTF-8 or pass --encoding windows-1252`;
    expect(rows).toEqual([
      { ok: true, record: 1, line: 2, value: { id: '1', city: 'Zürich' }, raw: '1,Zürich' },
      { ok: false, record: 2, line: 3, raw: '2,Z\uFFFDrich', problem: notUtf8(3) },
      { ok: true, record: 3, line: 4, value: { id: '3', city: 'Malmö 🚒' }, raw: '3,Malmö 🚒' },
      { ok: false, record: 4, line: 5, raw: '4,caf\uFFFD(', problem: notUtf8(5) },
      { ok: true, record: 5, line: 6, value: { id: '5', city: 'end' }, raw: '5,end' },
    ]);
  });

  it.each(['windows-1252', 'latin1'] as const)('%s decodes every byte: 0x80 is €, 0x92 is ’, 0xE9 is é', async (encoding) => {
    const data = Buffer.concat([Buffer.from('item;price;note\nbook;'), Buffer.from([0x80]), Buffer.from('12;it'), Buffer.from([0x92]), Buffer.from('s caf'), Buffer.from([0xe9, 0x0a])]);
    const { header, rows } = await readEveryWay(data, { encoding });
    expect(header).toEqual(['item', 'price', 'note']);
    expect(rows).toEqual([{ ok: true, record: 1, line: 2, value: { item: 'book', price: '€12', note: 'it’s café' }, raw: 'book;€12;it’s café' }]);
    const asUtf8 = await readAll(data);
    expect(asUtf8.rows).toEqual([expect.objectContaining({ ok: false, line: 2 })]);
  });

  it('windows-1252 maps all of 0x80–0x9F as the WHATWG table does', async () => {
    const c1 = Buffer.from(Array.from({ length: 32 }, (_, i) => 0x80 + i).filter((byte) => byte !== 0x8d && byte !== 0x8f && byte !== 0x90 && byte !== 0x9d && byte !== 0x81));
    const { rows } = await readAll(Buffer.concat([Buffer.from('x\n'), c1, Buffer.from('\n')]), { encoding: 'windows-1252' });
    expect(rows[0].ok && rows[0].value.x).toBe('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');
  });

  it('a row over the size limit ends the read with one ok:false', async () => {
    const data = `id,notes\n1,ok\n2,"${'x'.repeat(5000)}\n3,c\n`;
    const { rows } = await readAll(data, { maxRowBytes: 1024 }, 0);
    expect(rows).toEqual([
      { ok: true, record: 1, line: 2, value: { id: '1', notes: 'ok' }, raw: '1,ok' },
      { ok: false, record: 2, line: 3, raw: null, problem: 'line 3: row is larger than 1 KiB; is a quoted field left unclosed?' },
    ]);
  });

  it('a 10 MB cell reads whole, and so does the row after it', async () => {
    const block = `${'lorem ipsum, '.repeat(77)}"q"\n`; // 1,005 characters with a comma, a quote and a line break
    const blocks = Math.floor((10 * 1024 * 1024) / block.length);
    const big = block.repeat(blocks) + 'x'.repeat(10 * 1024 * 1024 - blocks * block.length);
    const data = `id,blob\n1,"${big.replaceAll('"', '""')}"\n2,small\n`;
    const { rows } = await readAll(data, {}, 0);
    expect(rows).toHaveLength(2);
    expect(rows[0].ok && rows[0].value.blob.length).toBe(10 * 1024 * 1024);
    expect(rows[0].ok && rows[0].value.blob === big).toBe(true);
    expect(rows[1]).toEqual({ ok: true, record: 2, line: 2 + blocks + 1, value: { id: '2', blob: 'small' }, raw: '2,small' });
  });
});

describe('readCsv: header problems', () => {
  it.each([
    ['an empty file', '', 'CSV_EMPTY_FILE', 'The CSV file is empty: it has no header line.'],
    ['only a BOM', '\uFEFF', 'CSV_EMPTY_FILE', 'The CSV file is empty: it has no header line.'],
    ['only blank lines', '\n\r\n  \n', 'CSV_EMPTY_FILE', 'The CSV file is empty: it has no header line.'],
    ['a column with no name', 'id,,title\n1,2,3\n', 'CSV_BAD_HEADER', 'CSV header: column 2 has no name.'],
    ['names that are only spaces', 'id, ,title,  \n', 'CSV_BAD_HEADER', 'CSV header: columns 2 and 4 have no name.'],
    ['duplicate names after trimming', 'id,title, id,title,x\n', 'CSV_BAD_HEADER', 'CSV header: duplicate column names: "id" (columns 1 and 3), "title" (columns 2 and 4).'],
    ['no name and a duplicate', 'a,,a\n', 'CSV_BAD_HEADER', 'CSV header: column 2 has no name; duplicate column names: "a" (columns 1 and 3).'],
    ['an unclosed quote', 'id,"title\n1,2\n', 'CSV_BAD_HEADER', 'CSV header, line 1: unclosed quoted field: a quote opened in this row is never closed, so lines 1–2 (the rest of the file) were read as one cell'],
  ])('%s: throws naming the problem', async (_name, data, code, message) => {
    for (const seed of SEEDS) {
      const error = await readCsv(chunked(data, seed)).catch((err: unknown) => err);
      expect(error).toBeInstanceOf(CsvHeaderError);
      expect(error).toMatchObject({ code, message });
    }
  });

  it('a header with bytes that are not UTF-8 throws', async () => {
    const data = Buffer.concat([Buffer.from('id,Gr'), Buffer.from([0xf6, 0xdf]), Buffer.from('e\n1,2\n')]);
    await expect(readCsv(chunked(data, 1))).rejects.toThrow('CSV header, line 1: contains bytes that are not UTF-8; save the file as UTF-8 or pass --encoding windows-1252');
    await expect(readCsv(chunked(data, 1), { encoding: 'windows-1252' })).resolves.toMatchObject({ header: ['id', 'Größe'] });
  });

  it('closes the input when the header is refused', async () => {
    const input = chunked('a,a\n1,2\n', 1);
    await expect(readCsv(input)).rejects.toThrow(CsvHeaderError);
    await new Promise((resolve) => setImmediate(resolve));
    expect(input.destroyed).toBe(true);
  });
});

describe('readCsv: streaming', () => {
  /** A file of `rows` rows made as it is read, counting the bytes handed out. */
  function generated(rows: number) {
    const pulled = { bytes: 0 };
    const cells = Array.from({ length: 28 }, (_, i) => `value ${i}`).join(',');
    async function* lines() {
      const header = `${Array.from({ length: 30 }, (_, i) => `c${i}`).join(',')}\n`;
      pulled.bytes += header.length;
      yield Buffer.from(header);
      for (let at = 1; at <= rows; at += 1000) {
        const block = Buffer.from(Array.from({ length: Math.min(1000, rows - at + 1) }, (_, i) => `${at + i},"Zürich ""${at + i}""",${cells}\n`).join(''));
        pulled.bytes += block.length;
        yield block;
      }
    }
    return { input: Readable.from(lines()), pulled, cells };
  }

  it('reads the header without reading the file, and rows as they are asked for', async () => {
    const { input, pulled } = generated(200_000);
    const file = await readCsv(input);
    expect(file.header).toHaveLength(30);
    expect(pulled.bytes).toBeLessThan(1024 * 1024);
    let seen = 0;
    for await (const row of file.records) {
      expect(row.ok).toBe(true);
      seen += 1;
      if (seen === 10_000) break;
    }
    // 10,000 of 200,000 rows (~40 MB) read: only a bounded read-ahead beyond them has been pulled.
    expect(pulled.bytes).toBeLessThan(10_000 * 300 + 2 * 1024 * 1024);
    await new Promise((resolve) => setImmediate(resolve));
    expect(input.destroyed).toBe(true);
  });

  it('keeps reading through a whole generated file with every row right', async () => {
    const { input, cells } = generated(20_000);
    const file = await readCsv(input);
    let count = 0;
    for await (const row of file.records) {
      count += 1;
      if (!row.ok || row.line !== count + 1 || row.value.c1 !== `Zürich "${count}"` || row.raw !== `${count},"Zürich ""${count}""",${cells}`) {
        throw new Error(`row ${count} is wrong: ${JSON.stringify(row)}`);
      }
    }
    expect(count).toBe(20_000);
  });

  it('good rows keep their record numbers when bad rows are among them', async () => {
    const { rows } = await readEveryWay('a,b\n1,2\nbad\n3,4\n\n5,6,7\n8,9\n');
    expect(rows.map((row) => [row.record, row.line, row.ok])).toEqual([
      [1, 2, true],
      [2, 3, false],
      [3, 4, true],
      [4, 6, false],
      [5, 7, true],
    ]);
    expect(values(good(rows))).toEqual([
      { a: '1', b: '2' },
      { a: '3', b: '4' },
      { a: '8', b: '9' },
    ]);
  });

  it('a file handed over as one big chunk is still parsed a slice at a time', async () => {
    const file = Buffer.from(`id,text\n${Array.from({ length: 50_000 }, (_, i) => `${i + 1},"record ${i + 1} ${'y'.repeat(400)}"\n`).join('')}`);
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    gc();
    const before = process.memoryUsage().heapUsed;
    const { records } = await readCsv(Readable.from([file]));
    let count = 0;
    let growth = Number.POSITIVE_INFINITY;
    for await (const row of records) {
      expect(row).toMatchObject({ ok: true, record: count + 1 });
      count += 1;
      if (count === 1_000) {
        gc();
        growth = process.memoryUsage().heapUsed - before;
        break;
      }
    }
    // Parsed whole, the other 49,000 rows would be waiting in memory (~10 MB); a slice at a time, almost none are.
    expect(growth).toBeLessThan(4 * 1024 * 1024);
  });
});
