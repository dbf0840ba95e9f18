import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import fc from 'fast-check';
import { type EnvelopeValues, type JsonReadOptions, readEnvelope, readJson } from './json-records.js';
import type { ReadResult } from './source-record.js';
import { chunked } from '../../../test/support/chunked-streams.js';


const SEEDS = [0, 1, 2, 3];

async function readAll(data: string | Buffer, options: JsonReadOptions = {}, seed = 1): Promise<ReadResult<unknown>[]> {
  const results: ReadResult<unknown>[] = [];
  for await (const result of readJson(chunked(data, seed), options)) results.push(result);
  return results;
}

/** Reads the data with every seed's chunking and checks they all agree; returns the result. */
async function readEveryWay(data: string | Buffer, options: JsonReadOptions = {}): Promise<ReadResult<unknown>[]> {
  const [first, ...others] = await Promise.all(SEEDS.map((seed) => readAll(data, options, seed)));
  for (const other of others) expect(other).toEqual(first);
  return first;
}

const ok = (record: number, line: number, value: unknown): ReadResult<unknown> => ({ ok: true, record, line, value, raw: JSON.stringify(value) });
const INCIDENTS = { recordsKey: 'incidents' };

describe('readJson: file shapes', () => {
  it.each([
    ['an array of records', '[{"id":1},\n {"id":2,"tags":["a","b"]},\n {"id":3}]', {}, [ok(1, 1, { id: 1 }), ok(2, 2, { id: 2, tags: ['a', 'b'] }), ok(3, 3, { id: 3 })]],
    ['a pretty-printed array: each record on the line of its brace', '[\n  {\n    "id": 1\n  },\n  {\n    "id": 2\n  }\n]\n', {}, [ok(1, 2, { id: 1 }), ok(2, 5, { id: 2 })]],
    ['an array, with a recordsKey that does not apply', '[{"id":1},{"id":2}]', INCIDENTS, [ok(1, 1, { id: 1 }), ok(2, 1, { id: 2 })]],
    [
      'a wrapper object, records key first',
      '{"incidents":[{"id":"a"},\n{"id":"b"}],\n"page":{"id":"p","name":"Status"}}',
      INCIDENTS,
      [ok(1, 1, { id: 'a' }), ok(2, 2, { id: 'b' })],
    ],
    [
      'a wrapper object, records key last, other properties nested deep',
      '{"page":{"id":"p","incidents":[{"id":"not a record"}]},\n"meta":[1,{"incidents":[]}],\n"incidents":[\n{"id":"a"},\n{"id":"b"}\n]}',
      INCIDENTS,
      [ok(1, 4, { id: 'a' }), ok(2, 5, { id: 'b' })],
    ],
    ['a wrapper object with no records', '{"page":{},"incidents":[]}', INCIDENTS, []],
    ['a single object without the records key is one record', '{"id":"x","page":{"incidents_count":2}}', INCIDENTS, [ok(1, 1, { id: 'x', page: { incidents_count: 2 } })]],
    ['a single object, no records key given', '\n\n{"id":"x","incidents":[{"id":1}]}', {}, [ok(1, 3, { id: 'x', incidents: [{ id: 1 }] })]],
    [
      'NDJSON with blank lines and CRLF',
      '{"id":1}\n\n{"id":2}\r\n   \r\n{"id":3,"text":"多言語 🚒"}\n\n',
      {},
      [ok(1, 1, { id: 1 }), ok(2, 3, { id: 2 }), ok(3, 5, { id: 3, text: '多言語 🚒' })],
    ],
    ['NDJSON without a final line break', '{"id":1}\n{"id":2}', {}, [ok(1, 1, { id: 1 }), ok(2, 2, { id: 2 })]],
    ['an empty array: no records', '[]', {}, []],
    ['an empty array with whitespace around it', '\n  [ ]  \n', {}, []],
    ['a UTF-8 BOM is skipped', '\uFEFF[{"name":"Zoë"}]', {}, [ok(1, 1, { name: 'Zoë' })]],
    ['escapes and multi-byte text survive any chunking', '[{"q":"say \\"hi\\"\\n\\u00e9\\ud83d\\ude92","r":"日本語","n":-1.5e3,"t":true,"f":false,"z":null}]', {}, [ok(1, 1, { q: 'say "hi"\né🚒', r: '日本語', n: -1500, t: true, f: false, z: null })]],
    ['records that are arrays or primitives in an array are yielded as they are', '[[1,2],"x",3,null]', {}, [ok(1, 1, [1, 2]), ok(2, 1, 'x'), ok(3, 1, 3), ok(4, 1, null)]],
    ['a property named __proto__ is kept as data', '[{"__proto__":{"polluted":true}}]', {}, [ok(1, 1, JSON.parse('{"__proto__":{"polluted":true}}'))]],
  ])('%s', async (_name, data, options, expected) => {
    const results = await readEveryWay(data, options);
    expect(results).toEqual(expected);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('a top-level value that is not an object or array is reported, and the next lines still read', async () => {
    const results = await readEveryWay('{"id":1}\n42\n"text"\n{"id":2}\n');
    expect(results).toEqual([
      ok(1, 1, { id: 1 }),
      { ok: false, record: 2, line: 2, raw: '42', problem: 'record 2: a JSON number is not a record; expected an object, an array of records, or one object per line' },
      { ok: false, record: 3, line: 3, raw: '"text"', problem: 'record 3: a JSON string is not a record; expected an object, an array of records, or one object per line' },
      ok(4, 4, { id: 2 }),
    ]);
  });

  it('a records key that does not hold an array is reported', async () => {
    const results = await readEveryWay('{"page":{},"incidents":{"id":1}}', INCIDENTS);
    expect(results).toEqual([{ ok: false, record: 1, line: 1, raw: null, problem: 'record 1: "incidents" is an object, not an array of records' }]);
  });

  it.each([
    ['an empty file', ''],
    ['a file of whitespace', ' \n\r\n\t'],
    ['a file with only a BOM', '\uFEFF'],
  ])('%s: one ok:false saying the file is empty', async (_name, data) => {
    expect(await readEveryWay(data)).toEqual([
      { ok: false, record: 1, raw: null, problem: 'record 1: the file is empty; expected a JSON array of records, an object, or one JSON object per line' },
    ]);
  });

  it('the fixtures: Statuspage {page, incidents} and a Google Cloud array yield every record, equal to the file', async () => {
    const statuspage = readFileSync(new URL('../../../test/fixtures/imports/statuspage-incidents.json', import.meta.url));
    const gcp = readFileSync(new URL('../../../test/fixtures/imports/gcp-incidents.json', import.meta.url));
    const statuspageRecords = await readEveryWay(statuspage, INCIDENTS);
    const gcpRecords = await readEveryWay(gcp);
    expect(statuspageRecords).toHaveLength(4);
    expect(gcpRecords).toHaveLength(3);
    expect(statuspageRecords.map((result) => result.ok && result.value)).toEqual((JSON.parse(statuspage.toString('utf8')) as { incidents: unknown[] }).incidents);
    expect(gcpRecords.map((result) => result.ok && result.value)).toEqual(JSON.parse(gcp.toString('utf8')));
    expect([...statuspageRecords, ...gcpRecords].every((result) => result.ok && JSON.parse(result.raw) !== null && result.raw === JSON.stringify(result.value))).toBe(true);
  });

  it('any records, in any of the shapes, chunked anyhow, read back equal with their lines', async () => {
    const records = fc.array(fc.dictionary(fc.string({ unit: 'grapheme', maxLength: 6 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }), { maxLength: 6 });
    await fc.assert(
      fc.asyncProperty(records, fc.constantFrom('array', 'pretty', 'wrapper-first', 'wrapper-last', 'ndjson'), fc.integer({ min: 1, max: 1000 }), async (values, shape, seed) => {
        const clean = JSON.parse(JSON.stringify(values)) as Record<string, unknown>[];
        const lines = clean.map((_, i) => i + 1);
        let text: string;
        let expectedLines = lines;
        if (shape === 'array') {
          text = JSON.stringify(clean);
          expectedLines = clean.map(() => 1);
        }
        else if (shape === 'pretty') {
          text = JSON.stringify(clean, null, 2);
          expectedLines = [];
          text.split('\n').forEach((line, i) => {
            if (line.startsWith('  {')) expectedLines.push(i + 1);
          });
        } else if (shape === 'ndjson') text = clean.map((value) => `${JSON.stringify(value)}\n`).join('');
        else {
          const inner = `[${clean.map((value) => `\n${JSON.stringify(value)}`).join(',')}]`;
          text = shape === 'wrapper-first' ? `{"incidents":${inner},\n"page":{"x":[1]}}` : `{"page":{"x":[1]},"incidents":${inner}}`;
          expectedLines = lines.map((line) => line + 1);
        }
        if (shape === 'ndjson' && clean.length === 0) return;
        const results = await readAll(text, shape.startsWith('wrapper') ? INCIDENTS : {}, seed);
        expect(results.map((result) => (result.ok ? result.value : result.problem))).toEqual(clean);
        expect(results.map((result) => result.line)).toEqual(expectedLines);
      }),
      { numRuns: 200 },
    );
  });
});

describe('readJson: malformed files', () => {
  it.each([
    ['a truncated array, inside a record', '[{"id":1},\n{"id":2},\n{"id":3,"na', 2, 'record 3: the file ends in the middle of the JSON (at line 3), inside this record, which starts on line 3; is the file truncated?', 3],
    ['a truncated array, between records', '[{"id":1},\n{"id":2},\n', 2, 'record 3: the file ends in the middle of the JSON (at line 3); is the file truncated?', 3],
    ['a truncated wrapper', '{"page":{},"incidents":[{"id":1},{"id":2},{"id"', 2, 'record 3: the file ends in the middle of the JSON (at line 1), inside this record, which starts on line 1; is the file truncated?', 1],
    ['a truncated single object', '{"id":1,"name":"Da', 0, 'record 1: the file ends in the middle of the JSON (at line 1), inside this record, which starts on line 1; is the file truncated?', 1],
    ['garbage (an HTML error page)', '<html><body>502 Bad Gateway</body></html>', 0, 'record 1: invalid JSON at line 1 (byte 1): unexpected "<"', 1],
    ['garbage after good records', '[{"id":1},\n{"id":2},\n{"id":3} oops]', 3, 'record 4: invalid JSON at line 3 (byte 31): unexpected "o"', 3],
    ['an English word where true was expected', '[true, tru]', 1, 'record 2: invalid JSON at line 1 (byte 11): unexpected "]"', 1],
    ['a missing comma', '[{"id":1}\n{"id":2}]', 1, 'record 2: invalid JSON at line 2 (byte 11): unexpected "{"; expected "," or a closing bracket', 2],
    ['a trailing comma', '[{"id":1},{"id":2},]', 2, 'record 3: invalid JSON at line 1 (byte 20): unexpected "]"; expected a value', 1],
    ['an unquoted key', '[{"id":1},{id:2}]', 1, 'record 2: invalid JSON at line 1 (byte 12): unexpected "i"', 1],
    ['a key with no colon', '[{"id" 1}]', 0, 'record 1: invalid JSON at line 1 (byte 8): unexpected number 1; expected ":"', 1],
    ['a raw line break inside a string', '{"id":1}\n{"text":"two\nlines"}', 1, 'record 2: invalid JSON at line 2 (byte 22): unexpected "\\n"', 2],
    ['a non-ASCII character where a value should be', '{"id":1}\n{"id":é}', 1, 'record 2: invalid JSON at line 2 (byte 16): unexpected "é"', 2],
    ['a comma between top-level objects', '{"id":1},\n{"id":2}', 1, 'record 2: invalid JSON at line 1 (byte 9): unexpected ","; expected a JSON value', 1],
    ['a closing bracket too many', '[{"id":1}]]', 1, 'record 2: invalid JSON at line 1 (byte 11): unexpected "]"; expected a JSON value', 1],
  ])('%s: the records before it, then one ok:false, then the end', async (_name, data, good, problem, line) => {
    const results = await readEveryWay(data, INCIDENTS);
    expect(results).toHaveLength(good + 1);
    expect(results.slice(0, good).every((result) => result.ok)).toBe(true);
    expect(results[good]).toEqual({ ok: false, record: good + 1, line, raw: null, problem });
  });

  it.each([
    ['a byte that is never UTF-8', Buffer.concat([Buffer.from('[{"city":"Zürich"},\n{"city":"Z'), Buffer.from([0xfc]), Buffer.from('rich"},\n{"city":"Bern"}]')]), 'record 2: bytes that are not UTF-8 at line 2 (byte 32); save the file as UTF-8', 2],
    ['a lead byte with no continuation', Buffer.concat([Buffer.from('{"a":"é"}\n{"a":"'), Buffer.from([0xc3, 0x28]), Buffer.from('"}\n')]), 'record 2: bytes that are not UTF-8 at line 2 (byte 18); save the file as UTF-8', 2],
    ['an encoded surrogate', Buffer.concat([Buffer.from('[{"a":"'), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from('"}]')]), 'record 1: bytes that are not UTF-8 at line 1 (byte 8); save the file as UTF-8', 1],
    ['a character cut off by the end of the file', Buffer.concat([Buffer.from('\uFEFF[{"a":1},{"a":"'), Buffer.from([0xe2, 0x82])]), 'record 2: bytes that are not UTF-8 at line 1 (byte 19); save the file as UTF-8', 1],
  ])('%s: the records before it, then one ok:false naming where', async (_name, data, problem, line) => {
    const results = await readEveryWay(data);
    const bad = results.findIndex((result) => !result.ok);
    expect(bad).toBe(results.length - 1);
    expect(results[bad]).toEqual({ ok: false, record: bad + 1, line, raw: null, problem });
    expect(results.slice(0, bad)).toEqual(Array.from({ length: bad }, (_, i) => expect.objectContaining({ ok: true, record: i + 1 })));
  });
});

/** V8's collector, to measure what is still referenced rather than what is merely not yet collected. */
function exposeGc(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

describe('readJson: streaming', () => {
  /** An array of `count` records of about 500 bytes, made as it is read, counting the bytes handed out. */
  function generated(count: number) {
    const pulled = { bytes: 0 };
    const body = 'x'.repeat(300);
    async function* chunks() {
      const open = Buffer.from('{"page":{"id":"p"},"incidents":[\n');
      pulled.bytes += open.length;
      yield open;
      for (let at = 1; at <= count; at += 500) {
        const block: string[] = [];
        for (let id = at; id < at + 500 && id <= count; id += 1) {
          block.push(`${JSON.stringify({ id: `inc-${id}`, name: `Incident ${id} in Zürich`, status: 'resolved', impact: 'major', created_at: '2026-03-01T10:05:00.000Z', components: [{ id: 'c1', name: 'API' }], body })}${id < count ? ',' : ''}\n`);
        }
        const bytes = Buffer.from(block.join(''));
        pulled.bytes += bytes.length;
        yield bytes;
      }
      yield Buffer.from(']}\n');
    }
    return { input: Readable.from(chunks()), pulled };
  }

  it('yields records as their bytes arrive, and stopping closes the input', async () => {
    const { input, pulled } = generated(200_000);
    const seen: number[] = [];
    for await (const result of readJson(input, INCIDENTS)) {
      expect(result).toMatchObject({ ok: true, record: seen.length + 1, line: seen.length + 2 });
      seen.push(pulled.bytes);
      if (seen.length === 1000) break;
    }
    expect(seen[0]).toBeLessThan(1024 * 1024);
    expect(seen[999]).toBeLessThan(2 * 1024 * 1024);
    await new Promise((resolve) => setImmediate(resolve));
    expect(input.destroyed).toBe(true);
  });

  it('reads 200,000 records (~100 MB) with heap growth far below the data size', async () => {
    const gc = exposeGc();
    gc();
    const before = process.memoryUsage().heapUsed;
    let peak = 0;
    let count = 0;
    const { input, pulled } = generated(200_000);
    for await (const result of readJson(input, INCIDENTS)) {
      count += 1;
      if (!result.ok || (result.value as { id: string }).id !== `inc-${count}`) throw new Error(`record ${count} is wrong: ${JSON.stringify(result)}`);
      if (count % 20_000 === 0) {
        gc();
        peak = Math.max(peak, process.memoryUsage().heapUsed - before);
      }
    }
    expect(count).toBe(200_000);
    expect(pulled.bytes).toBeGreaterThan(95_000_000);
    expect(peak).toBeLessThan(50 * 1024 * 1024);
  });

  it('a file handed over as one big chunk is still read a slice at a time', async () => {
    const records = Array.from({ length: 50_000 }, (_, i) => JSON.stringify({ id: i + 1, text: `record ${i + 1} ${'y'.repeat(400)}` }));
    const file = Buffer.from(`[${records.join(',\n')}]`);
    records.length = 0;
    const gc = exposeGc();
    gc();
    const before = process.memoryUsage().heapUsed;
    let count = 0;
    let growth = Number.POSITIVE_INFINITY;
    for await (const result of readJson(Readable.from([file]))) {
      expect(result).toMatchObject({ ok: true, record: count + 1 });
      count += 1;
      if (count === 1_000) {
        gc();
        growth = process.memoryUsage().heapUsed - before;
        break;
      }
    }
    // Parsed whole, the other 49,000 records would be waiting in memory (~35 MB); a slice at a time, almost none are.
    expect(growth).toBeLessThan(4 * 1024 * 1024);
  });
});

describe('readEnvelope', () => {
  const DATA = { recordsKey: 'data', keys: ['time_zone', 'limit'] };
  const rows = '[{"id":"P1","created_at":"2023-05-31T10:05:00","note":"{\\"time_zone\\": \\"Asia/Tokyo\\"}"},{"id":"P2","time_zone":"Asia/Tokyo"}]';

  async function envelopeEveryWay(data: string | Buffer): Promise<EnvelopeValues> {
    const [first, ...others] = await Promise.all(SEEDS.map((seed) => readEnvelope(chunked(data, seed), DATA)));
    for (const other of others) expect(other).toEqual(first);
    return first;
  }

  it.each<[string, string, EnvelopeValues]>([
    ['after the records (PagerDuty analytics)', `{"data":${rows},"more":false,"time_zone":"Etc/UTC"}`, { time_zone: ['Etc/UTC'] }],
    ['before the records', `{"time_zone":"Europe/Berlin","limit":20,"data":${rows}}`, { time_zone: ['Europe/Berlin'], limit: [20] }],
    ['pretty-printed, with a BOM', `\uFEFF{\n  "data": ${rows},\n  "time_zone": "Etc/UTC"\n}\n`, { time_zone: ['Etc/UTC'] }],
    ['two pages with one zone', `{"data":${rows},"time_zone":"Etc/UTC"}\n{"data":[],"time_zone":"Etc/UTC"}`, { time_zone: ['Etc/UTC'] }],
    ['two pages with two zones', `{"data":${rows},"time_zone":"Etc/UTC"}\n{"time_zone":"Europe/Paris","data":[]}`, { time_zone: ['Etc/UTC', 'Europe/Paris'] }],
    ['null, a number, an object: scalars only', '{"data":[],"time_zone":null,"limit":{"n":1}}', { time_zone: [null] }],
    ['none of the keys', `{"data":${rows},"more":true}`, {}],
    ['keys of an object without records (a single record)', '{"id":"P1","time_zone":"Asia/Tokyo"}', {}],
    ['keys of an object whose records key is not a list', '{"data":{"id":"P1"},"time_zone":"Asia/Tokyo"}', {}],
    ['an array of records', rows, {}],
    ['NDJSON records', '{"id":"P1","time_zone":"Asia/Tokyo"}\n{"id":"P2"}\n', {}],
    ['a CSV file', 'id,created_at,time_zone\nP1,2023-05-31 10:05,Asia/Tokyo\n', {}],
    ['an empty file', '', {}],
    ['not JSON inside the records: no envelope ended before it', '{"time_zone":"Etc/UTC","data":[{"id":"P1"},{"id":nope}]}', {}],
    ['not JSON in the second page: the first page', `{"data":${rows},"time_zone":"Etc/UTC"}\n{"time_zone":"Europe/Paris","data":[{"id":nope}]}`, { time_zone: ['Etc/UTC'] }],
  ])('%s', async (_name, data, expected) => {
    expect(await envelopeEveryWay(data)).toEqual(expected);
  });

  it('reads a file of 20,000 records without keeping them, and closes it', async () => {
    const many = Array.from({ length: 20000 }, (_, i) => `{"id":"P${i}","description":"${'x'.repeat(200)}"}`).join(',');
    const input = chunked(`{"data":[${many}],"time_zone":"America/New_York"}`, 0);
    expect(await readEnvelope(input, DATA)).toEqual({ time_zone: ['America/New_York'] });
    expect(input.destroyed).toBe(true);
  });
});
