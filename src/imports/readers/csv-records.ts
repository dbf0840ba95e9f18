/**
 * Reads a CSV import file (a byte stream) one row at a time: header first, then one ReadResult per data row,
 * with the row's starting line and its exact original text. Memory stays flat whatever the file size: rows are
 * parsed by csv-parse as the bytes arrive and handed out as the caller asks for them (`for await`), so a slow
 * consumer pauses the file instead of buffering it.
 *
 * Decisions worth knowing:
 * - csv-parse decodes cells as latin1 (one char per byte, lossless); this module then decodes each row in the
 *   chosen encoding. That lets a row with bytes that are not UTF-8 be reported as one bad row instead of being
 *   read with U+FFFD in it, while the rows around it still read.
 * - `latin1` is read as windows-1252, as the WHATWG Encoding Standard (and every browser) does: files labelled
 *   Latin-1 that contain bytes 0x80–0x9F are in practice windows-1252 (0x80 is €, not a control character).
 * - Row separators are CRLF, LF or a lone CR, and may be mixed within a file.
 * - Quotes inside an unquoted cell (`5" screen`) or text after a closing quote (`"a"b`) are kept as written,
 *   not rejected: csv-parse's `relax_quotes`.
 * - Blank lines, and lines of only spaces or tabs, are skipped; they count as lines but not as records.
 */
import { isUtf8 } from 'node:buffer';
import { pipeline, type Readable } from 'node:stream';
import { type CsvError, Parser } from 'csv-parse';
import type { ReadResult } from './source-record.js';

export type CsvDelimiter = ',' | ';';
export type CsvEncoding = 'utf-8' | 'windows-1252' | 'latin1';

export interface CsvReadOptions {
  /** `auto` (the default) picks `;` when the header line has more `;` than `,` outside quotes, else `,`. */
  delimiter?: CsvDelimiter | 'auto';
  /** Defaults to `utf-8`. */
  encoding?: CsvEncoding;
  /** Largest row accepted, in bytes; a larger one ends the read with an `ok: false`. Defaults to MAX_ROW_BYTES. */
  maxRowBytes?: number;
}

export interface CsvFile {
  /** The header's column names, trimmed, in file order. */
  header: string[];
  delimiter: CsvDelimiter;
  /** The data rows, read as they are iterated; iterate once. Each value maps every header name to its cell. */
  records: AsyncIterable<ReadResult<Record<string, string>>>;
}

/** No row may be larger than this (64 MiB): a bound on memory when a stray quote swallows the rest of a file. */
export const MAX_ROW_BYTES = 64 * 1024 * 1024;

export type CsvHeaderProblem = 'CSV_EMPTY_FILE' | 'CSV_BAD_HEADER';

/** The file cannot be read at all: no header, or a header that does not name each column once. */
export class CsvHeaderError extends Error {
  constructor(
    readonly code: CsvHeaderProblem,
    message: string,
  ) {
    super(message);
    this.name = 'CsvHeaderError';
  }
}

/** How much of the file is looked at to pick the delimiter when the header line is longer than that. */
const SNIFF_LIMIT = 1024 * 1024;
/** The largest piece of the input handed to csv-parse at once. */
const SLICE = 64 * 1024;
/** Text of an unreadable row is given back up to this length; past it, `raw` is null. */
const RAW_LIMIT = 64 * 1024;
const BOM = [0xef, 0xbb, 0xbf] as const;
const CR = 13;
const LF = 10;
const QUOTE = 34;

/**
 * Reads the header (so the caller can check its column map before any row) and returns the rows to iterate.
 * Throws CsvHeaderError when the file is empty or its header is unusable; the input is closed then.
 */
export async function readCsv(input: Readable, options: CsvReadOptions = {}): Promise<CsvFile> {
  const encoding = options.encoding ?? 'utf-8';
  const source = input[Symbol.asyncIterator]() as AsyncIterator<Buffer | string>;
  const head = await readHead(source, options.delimiter === undefined || options.delimiter === 'auto');
  const delimiter = options.delimiter === ',' || options.delimiter === ';' ? options.delimiter : head.sniffed;
  const maxRowBytes = options.maxRowBytes ?? MAX_ROW_BYTES;

  const parser: Parser = new Parser({
    delimiter,
    encoding: 'latin1',
    bom: false,
    raw: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    record_delimiter: ['\r\n', '\n', '\r'],
    max_record_size: maxRowBytes,
    // A row csv-parse cannot finish (a quote never closed, a row over the size limit) goes down the same stream
    // as the rows, after the ones parsed before it: failing the stream instead would drop those.
    skip_records_with_error: true,
    on_skip: (error) => {
      if (error) parser.push({ failure: error });
      return undefined;
    },
  });
  pipeline(bytesFrom(head.bytes, head.done, source), parser, () => {
    // Errors reach the reader through the parser, which pipeline destroys with them.
  });
  const rows = parser[Symbol.asyncIterator]() as AsyncIterator<ParsedRow | ParseFailure>;
  const lines = new LineTracker();
  const decode = decoderFor(encoding);

  let header: string[];
  try {
    header = await readHeader(rows, lines, decode, maxRowBytes);
  } catch (err) {
    parser.destroy();
    throw err;
  }
  return { header, delimiter, records: readRows(rows, lines, decode, header, maxRowBytes) };
}

interface ParsedRow {
  /** Cells as latin1 strings: one char per byte of the file. */
  record: string[];
  /** The row's bytes as a latin1 string, with one CR/LF per blank line before it and the first byte of its line break. */
  raw: string;
}

/** A row that csv-parse gave up on; nothing follows it. */
interface ParseFailure {
  failure: CsvError;
}

async function readHeader(rows: AsyncIterator<ParsedRow | ParseFailure>, lines: LineTracker, decode: Decoder, maxRowBytes: number): Promise<string[]> {
  for (;;) {
    const next = await rows.next();
    if (next.done) throw new CsvHeaderError('CSV_EMPTY_FILE', 'The CSV file is empty: it has no header line.');
    if ('failure' in next.value) throw new CsvHeaderError('CSV_BAD_HEADER', `CSV header, ${unreadableRow(next.value.failure, lines, maxRowBytes).problem}`);
    const placed = lines.place(next.value.raw, true);
    if (placed.blank) continue;
    const { cells } = decode(placed.text, next.value.record);
    if (cells === null) throw new CsvHeaderError('CSV_BAD_HEADER', `CSV header, ${notInEncoding(placed.line)}`);
    return checkHeader(cells.map((cell) => cell.trim()));
  }
}

function checkHeader(names: string[]): string[] {
  const unnamed: number[] = [];
  const seen = new Map<string, number[]>();
  names.forEach((name, index) => {
    if (name === '') unnamed.push(index + 1);
    else seen.set(name, [...(seen.get(name) ?? []), index + 1]);
  });
  const duplicates = [...seen].filter(([, columns]) => columns.length > 1);
  const problems: string[] = [];
  if (unnamed.length > 0) problems.push(`${unnamed.length === 1 ? 'column' : 'columns'} ${listOf(unnamed)} ${unnamed.length === 1 ? 'has' : 'have'} no name`);
  if (duplicates.length > 0) {
    problems.push(`duplicate column names: ${duplicates.map(([name, columns]) => `${JSON.stringify(name)} (columns ${listOf(columns)})`).join(', ')}`);
  }
  if (problems.length > 0) throw new CsvHeaderError('CSV_BAD_HEADER', `CSV header: ${problems.join('; ')}.`);
  return names;
}

async function* readRows(
  rows: AsyncIterator<ParsedRow | ParseFailure>,
  lines: LineTracker,
  decode: Decoder,
  header: string[],
  maxRowBytes: number,
): AsyncGenerator<ReadResult<Record<string, string>>> {
  const protoIndex = header.indexOf('__proto__');
  let record = 0;
  try {
    for (;;) {
      const next = await rows.next();
      if (next.done) return;
      if ('failure' in next.value) {
        yield { ok: false, record: record + 1, ...unreadableRow(next.value.failure, lines, maxRowBytes) };
        return;
      }
      const placed = lines.place(next.value.raw, true);
      if (placed.blank) continue;
      record += 1;
      const { line } = placed;
      const { text, cells } = decode(placed.text, next.value.record);
      if (cells === null) {
        yield { ok: false, record, line, raw: text, problem: notInEncoding(line) };
      } else if (cells.length !== header.length) {
        const problem = `line ${line}: ${cells.length} ${cells.length === 1 ? 'cell' : 'cells'}, but the header has ${header.length} columns`;
        yield { ok: false, record, line, raw: text, problem };
      } else {
        const value: Record<string, string> = {};
        for (let i = 0; i < cells.length; i += 1) {
          if (i === protoIndex) Object.defineProperty(value, '__proto__', { value: cells[i], enumerable: true, writable: true, configurable: true });
          else value[header[i]] = cells[i];
        }
        yield { ok: true, record, line, value, raw: text };
      }
    }
  } finally {
    await rows.return?.();
  }
}

/**
 * The unreadable row that csv-parse gave up on: a quote never closed (at the end of the file), or a row over
 * the size limit. With the options above, these are the only errors csv-parse reports about a file's content.
 */
function unreadableRow(err: CsvError, lines: LineTracker, maxRowBytes: number): { line: number; raw: string | null; problem: string } {
  const placed = lines.place(typeof err.raw === 'string' ? err.raw : '', false);
  const { line } = placed;
  if (err.code !== 'CSV_QUOTE_NOT_CLOSED') {
    const problem = err.code === 'CSV_MAX_RECORD_SIZE' ? `row is larger than ${sizeOf(maxRowBytes)}; is a quoted field left unclosed?` : err.message;
    return { line, raw: null, problem: `line ${line}: ${problem}` };
  }
  const last = line + countLineBreaks(placed.text.replace(/[\r\n]+$/, ''));
  const span = last > line ? `lines ${line}–${last} (the rest of the file) were read as one cell` : 'the file ends inside it';
  return {
    line,
    raw: placed.text.length <= RAW_LIMIT ? placed.text : null,
    problem: `line ${line}: unclosed quoted field: a quote opened in this row is never closed, so ${span}`,
  };
}

const notInEncoding = (line: number) =>
  `line ${line}: contains bytes that are not UTF-8; save the file as UTF-8 or pass --encoding windows-1252`;

/**
 * Turns csv-parse's raw row text into the row's own text and starting line. csv-parse's raw text carries one
 * CR or LF for each skipped blank line before the row, then the row, then the first byte of its line break.
 */
class LineTracker {
  /** The line the next row's text (or its leading blank lines) starts on. */
  private next = 1;

  place(raw: string, complete: boolean): { line: number; text: string; blank: boolean } {
    let start = 0;
    while (start < raw.length && isLineBreak(raw.charCodeAt(start))) start += 1;
    let end = raw.length;
    if (complete && end > start && isLineBreak(raw.charCodeAt(end - 1))) end -= 1;
    const text = raw.slice(start, end);
    const line = this.next + start;
    this.next = line + countLineBreaks(text) + 1;
    return { line, text, blank: isBlank(text) };
  }
}

const isLineBreak = (code: number) => code === LF || code === CR;

function isBlank(text: string): boolean {
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code !== 32 && code !== 9) return false;
  }
  return true;
}

/** Line breaks inside a row's text (quoted cells): CRLF, LF and a lone CR each end one line. */
function countLineBreaks(text: string): number {
  if (text.indexOf('\n') === -1 && text.indexOf('\r') === -1) return 0;
  let count = 0;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code === LF) count += 1;
    else if (code === CR) {
      count += 1;
      if (text.charCodeAt(i + 1) === LF) i += 1;
    }
  }
  return count;
}

/** Decodes a row read as latin1 (one char per byte) in the file's encoding. */
type Decoder = (text: string, latin1Cells: string[]) => DecodedRow;

interface DecodedRow {
  /** The row's text; bytes not valid in the encoding show as U+FFFD. */
  text: string;
  /** The row's cells, or null when the row has bytes not valid in the encoding. */
  cells: string[] | null;
}

const NON_ASCII = /[\x80-\xff]/;
const C1 = /[\x80-\x9f]/;
const C1_ALL = /[\x80-\x9f]/g;
/** windows-1252 for bytes 0x80–0x9F; the five bytes it leaves undefined map to the same code point (WHATWG). */
const CP1252_C1 = '€\x81‚ƒ„…†‡ˆ‰Š‹Œ\x8dŽ\x8f\x90‘’“”•–—˜™š›œ\x9džŸ';

function decoderFor(encoding: CsvEncoding): Decoder {
  if (encoding === 'utf-8') {
    // A cell's bytes are a run of the row's between ASCII delimiters, so they are UTF-8 when the row's are.
    const utf8 = (latin1: string) => (NON_ASCII.test(latin1) ? Buffer.from(latin1, 'latin1').toString('utf8') : latin1);
    return (text, latin1Cells) => {
      if (!NON_ASCII.test(text)) return { text, cells: latin1Cells };
      const bytes = Buffer.from(text, 'latin1');
      return { text: bytes.toString('utf8'), cells: isUtf8(bytes) ? latin1Cells.map(utf8) : null };
    };
  }
  const cp1252 = (latin1: string) => latin1.replace(C1_ALL, (char) => CP1252_C1[char.charCodeAt(0) - 0x80]);
  return (text, latin1Cells) => (C1.test(text) ? { text: cp1252(text), cells: latin1Cells.map(cp1252) } : { text, cells: latin1Cells });
}

interface Head {
  /** Everything read so far, BOM removed. */
  bytes: Buffer;
  /** The input ended within what was read. */
  done: boolean;
  sniffed: CsvDelimiter;
}

/**
 * Reads the start of the file: up to the end of the header line (outside quotes) when the delimiter is to be
 * sniffed, else just enough to see whether it starts with a UTF-8 BOM.
 */
async function readHead(source: AsyncIterator<Buffer | string>, sniff: boolean): Promise<Head> {
  const chunks: Buffer[] = [];
  let length = 0;
  let commas = 0;
  let semicolons = 0;
  let quoted = false;
  let started = false;
  let done = false;
  for (;;) {
    const next = await source.next();
    if (next.done) {
      done = true;
      break;
    }
    const chunk = asBuffer(next.value);
    chunks.push(chunk);
    let lineEnded = false;
    for (let i = 0; sniff && i < chunk.length; i += 1) {
      const at = length + i;
      const byte = chunk[i];
      if (at < BOM.length && byte === BOM[at]) continue;
      if (byte === QUOTE) quoted = !quoted;
      else if (quoted) continue;
      else if (byte === LF || byte === CR) {
        if (started) {
          lineEnded = true;
          break;
        }
      } else if (byte === 44) commas += 1;
      else if (byte === 59) semicolons += 1;
      if (byte !== LF && byte !== CR && byte !== 32 && byte !== 9) started = true;
    }
    length += chunk.length;
    if (sniff ? lineEnded || length >= SNIFF_LIMIT : length >= BOM.length) break;
  }
  let bytes = Buffer.concat(chunks, length);
  if (bytes.length >= BOM.length && BOM.every((byte, i) => bytes[i] === byte)) bytes = bytes.subarray(BOM.length);
  return { bytes, done, sniffed: semicolons > commas ? ';' : ',' };
}

/** The file's bytes from the start; a big chunk in slices, as csv-parse parses a whole chunk before pausing. */
async function* bytesFrom(head: Buffer, done: boolean, source: AsyncIterator<Buffer | string>): AsyncGenerator<Buffer> {
  try {
    yield* slices(head);
    if (done) return;
    for (;;) {
      const next = await source.next();
      if (next.done) return;
      yield* slices(asBuffer(next.value));
    }
  } finally {
    await source.return?.();
  }
}

function* slices(bytes: Buffer): Generator<Buffer> {
  for (let at = 0; at < bytes.length; at += SLICE) yield bytes.subarray(at, at + SLICE);
}

const asBuffer = (chunk: Buffer | string): Buffer => (typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk);

function listOf(numbers: number[]): string {
  return numbers.length === 1 ? String(numbers[0]) : `${numbers.slice(0, -1).join(', ')} and ${numbers[numbers.length - 1]}`;
}

function sizeOf(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MiB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} bytes`;
}
