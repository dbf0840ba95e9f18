/**
 * Reads a JSON import file (a byte stream) one record at a time, yielding each record as soon as its closing
 * bracket arrives, so memory stays flat whatever the file size. @streamparser/json tokenizes the bytes; this
 * module follows the top of the document itself, to tell where records are, and hands each record's tokens to
 * a @streamparser/json TokenParser that builds just that value and forgets it once yielded.
 *
 * What the file may be:
 * - an array of records: `[{…}, {…}]`;
 * - an object holding them under `recordsKey` (`{"page": {…}, "incidents": [{…}]}`), the other properties ignored
 *   whether they come before or after it; without that property the object is itself one record;
 * - NDJSON: one JSON value per line (blank lines skipped); more generally any sequence of JSON values, each read
 *   as above (so an array on a line contributes its elements).
 *
 * Records are numbered from 1 in file order; `line` is the line where the record starts. Malformed or truncated
 * JSON, and bytes that are not UTF-8, end the read: the records before the problem are yielded as usual, then one
 * `ok: false` naming the record number and the line and byte where the problem is. An empty file (nothing but
 * whitespace) gives one `ok: false` saying so: an export that wrote nothing is more likely a failed export than an
 * intended empty import (`[]` reads as no records).
 */
import { isUtf8 } from 'node:buffer';
import type { Readable } from 'node:stream';
import { type ParsedTokenInfo, TokenParser, TokenParserError, Tokenizer, TokenizerError, TokenType } from '@streamparser/json';
import type { ReadResult } from './source-record.js';

export interface JsonReadOptions {
  /** The property of a wrapper object that holds the array of records, e.g. `incidents`. */
  recordsKey?: string;
}

/** Yields the file's records as they are read; iterate once. The input is closed when iteration stops. */
export async function* readJson(input: Readable, options: JsonReadOptions = {}): AsyncGenerator<ReadResult<unknown>> {
  const splitter = new JsonRecordSplitter(options.recordsKey);
  for await (const chunk of input as AsyncIterable<Buffer | string>) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    // A big chunk is fed in slices, so that the records waiting to be taken stay few.
    for (let at = 0; at < bytes.length; at += SLICE) {
      splitter.write(bytes.subarray(at, at + SLICE));
      for (const result of splitter.take()) yield result;
      if (splitter.stopped) return;
    }
  }
  splitter.end();
  for (const result of splitter.take()) yield result;
}

/** Each envelope key's distinct values, in file order. */
export type EnvelopeValues = Readonly<Record<string, readonly unknown[]>>;

export interface EnvelopeReadOptions {
  /** The property of a wrapper object that holds its records: only objects holding an array there are envelopes. */
  recordsKey: string;
  /** The envelope properties to read; only text, number, boolean and null values are taken. */
  keys: readonly string[];
}

/**
 * The values of `keys` in the file's envelopes — its top-level objects that hold the records under `recordsKey`
 * (`{"data": [...], "time_zone": "Etc/UTC"}`), whether the keys come before or after the records — for the formats
 * whose records need them. A first pass over the file, before readJson reads the records: it tokenizes every byte but
 * builds no record, so memory stays flat. It stops at once when the file does not start with an object (a CSV file,
 * an array of records), and at the first thing that is not JSON (returning what it found before: the record pass
 * reports the problem).
 */
export async function readEnvelope(input: Readable, options: EnvelopeReadOptions): Promise<EnvelopeValues> {
  const scanner = new EnvelopeScanner(options);
  try {
    for await (const chunk of input as AsyncIterable<Buffer | string>) {
      // The tokenizer skips a BOM and joins characters cut by a chunk boundary itself.
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
      for (let at = 0; at < bytes.length && !scanner.stopped; at += SLICE) scanner.write(bytes.subarray(at, at + SLICE));
      if (scanner.stopped) break;
    }
  } finally {
    input.destroy();
  }
  return scanner.values();
}

/** Follows the outline of a JSON document token by token, keeping only the envelope values asked for. */
class EnvelopeScanner {
  stopped = false;
  private readonly tokenizer = new Tokenizer();
  private readonly found = new Map<string, unknown[]>();
  private depth = 0;
  private sawValue = false;
  /** In a top-level object: the last token directly inside it, the last property name, the values of `keys` seen so far. */
  private previous: TokenType | 'value' = TokenType.LEFT_BRACE;
  private key: string | undefined;
  private candidate = new Map<string, unknown>();
  private holdsRecords = false;

  constructor(private readonly options: EnvelopeReadOptions) {
    this.tokenizer.onToken = (token) => this.onToken(token);
  }

  write(bytes: Buffer): void {
    try {
      this.tokenizer.write(bytes);
    } catch {
      this.stopped = true;
    }
  }

  values(): EnvelopeValues {
    return Object.fromEntries(this.found);
  }

  private onToken({ token, value }: ParsedTokenInfo): void {
    if (this.stopped) return;
    if (this.depth === 0) {
      if (!this.sawValue && token !== TokenType.LEFT_BRACE) {
        this.stopped = true;
        return;
      }
      this.sawValue = true;
      this.previous = TokenType.LEFT_BRACE;
      this.key = undefined;
      this.candidate = new Map();
      this.holdsRecords = false;
    } else if (this.depth === 1) {
      if (this.previous === TokenType.COLON && this.key !== undefined) {
        if (token === TokenType.LEFT_BRACKET && this.key === this.options.recordsKey) this.holdsRecords = true;
        else if (isScalar(token) && this.options.keys.includes(this.key)) this.candidate.set(this.key, value);
      }
      if (token === TokenType.STRING && (this.previous === TokenType.LEFT_BRACE || this.previous === TokenType.COMMA)) this.key = value as string;
      this.previous = token;
    }
    if (token === TokenType.LEFT_BRACE || token === TokenType.LEFT_BRACKET) this.depth += 1;
    else if (token === TokenType.RIGHT_BRACE || token === TokenType.RIGHT_BRACKET) {
      this.depth -= 1;
      if (this.depth === 1) this.previous = 'value';
      if (this.depth === 0 && this.holdsRecords) this.keep();
    }
  }

  /** The candidate values of an object that turned out to hold records: added to each key's distinct values. */
  private keep(): void {
    for (const [key, value] of this.candidate) {
      const seen = this.found.get(key) ?? [];
      if (!seen.includes(value)) seen.push(value);
      this.found.set(key, seen);
    }
  }
}

function isScalar(token: TokenType): boolean {
  return token === TokenType.STRING || token === TokenType.NUMBER || token === TokenType.TRUE || token === TokenType.FALSE || token === TokenType.NULL;
}

/** Problems the splitter finds in the document's outline, outside any value a TokenParser is building. */
class OutlineError extends Error {}

const BOM = [0xef, 0xbb, 0xbf] as const;
const SLICE = 64 * 1024;
/** Text of a record reported unreadable is kept up to this length; past it, `raw` is null. */
const RAW_LIMIT = 64 * 1024;

/**
 * Push-based: write() bytes, take() the results they completed. Synchronous, so the caller decides how much
 * to read ahead (one chunk).
 */
class JsonRecordSplitter {
  stopped = false;
  private results: ReadResult<unknown>[] = [];
  private count = 0;
  private readonly utf8 = new Utf8Guard();
  private readonly lines = new LineIndex();
  private readonly tokenizer = new Tokenizer();
  /** Bytes of the file fed to the tokenizer so far (after any BOM). */
  private fed = 0;
  /** The chunk being tokenized and where it starts, to describe the character at a tokenizer error. */
  private chunk: Buffer = Buffer.alloc(0);
  private chunkStart = 0;
  private lastToken: ParsedTokenInfo | null = null;
  private sawValue = false;

  /** Open containers around the current token. */
  private depth = 0;
  /** What the top-level value being read is. */
  private mode: 'none' | 'array' | 'object' = 'none';
  /** Builds the records of an array of records; its own root (the array) stays empty. */
  private elements: TokenParser | null = null;
  /** The depth at which records sit in the array `elements` is reading (1 for a top-level array, 2 for a wrapper's). */
  private recordDepth = 1;
  private recordLine: number | undefined;
  /** Builds a top-level object: a record, or a wrapper whose records array is read by `elements` instead. */
  private root: TokenParser | null = null;
  private rootLine: number | undefined;
  private isWrapper = false;
  private inRecordsArray = false;
  /** In a top-level object: the last token directly inside it, and the last property name. */
  private previous: TokenType | 'value' = TokenType.LEFT_BRACE;
  private key: string | undefined;

  constructor(private readonly recordsKey: string | undefined) {
    this.tokenizer.onToken = (token) => this.onToken(token);
  }

  take(): ReadResult<unknown>[] {
    const taken = this.results;
    this.results = [];
    return taken;
  }

  write(chunk: Buffer): void {
    if (this.stopped) return;
    const { bytes, invalidAt } = this.utf8.take(chunk);
    this.feed(bytes);
    if (invalidAt !== undefined && !this.stopped) this.failNotUtf8(this.fed - bytes.length + invalidAt);
  }

  end(): void {
    if (this.stopped) return;
    if (this.utf8.pending()) {
      this.failNotUtf8(this.fed);
      return;
    }
    try {
      this.tokenizer.end();
    } catch (err) {
      if (!(err instanceof TokenizerError)) throw err;
      this.failTruncated();
      return;
    }
    if (this.depth > 0) this.failTruncated();
    else if (!this.sawValue) {
      this.fail(undefined, 'the file is empty; expected a JSON array of records, an object, or one JSON object per line');
    }
  }

  private feed(bytes: Buffer): void {
    if (bytes.length === 0) return;
    this.lines.add(bytes);
    this.chunk = bytes;
    this.chunkStart = this.fed;
    this.fed += bytes.length;
    try {
      this.tokenizer.write(bytes);
    } catch (err) {
      this.failSyntax(err);
    }
  }

  private onToken(parsed: ParsedTokenInfo): void {
    const { token, offset } = parsed;
    this.lastToken = parsed;
    this.lines.forgetBefore(offset);
    if (this.depth === 0) {
      this.startTopLevel(parsed);
      return;
    }
    if (this.mode === 'array' || this.inRecordsArray) {
      if (this.depth === this.recordDepth && startsValue(token)) this.recordLine = this.lines.lineAt(offset);
      this.elements!.write(parsed);
      this.step(token);
      if (this.inRecordsArray && this.depth === 1) {
        this.inRecordsArray = false;
        this.elements = null;
        this.previous = 'value';
      }
      return;
    }
    // Directly inside a top-level object: watch for the records array.
    if (this.depth === 1) {
      if (this.previous === TokenType.COLON && token === TokenType.LEFT_BRACKET && this.key !== undefined && this.key === this.recordsKey) {
        // The wrapper keeps an empty array here; the records go to their own parser, one at a time.
        this.root!.write({ token: TokenType.LEFT_BRACKET, value: '[' });
        this.root!.write({ token: TokenType.RIGHT_BRACKET, value: ']' });
        this.isWrapper = true;
        this.inRecordsArray = true;
        this.recordDepth = 2;
        this.elements = recordsParser((value) => this.emit(value, this.recordLine));
        this.elements.write(parsed);
        this.depth = 2;
        return;
      }
      if (token === TokenType.STRING && (this.previous === TokenType.LEFT_BRACE || this.previous === TokenType.COMMA)) this.key = parsed.value as string;
      this.previous = token;
    }
    this.root!.write(parsed);
    this.step(token);
    if (this.depth === 1 && (token === TokenType.RIGHT_BRACE || token === TokenType.RIGHT_BRACKET)) this.previous = 'value';
  }

  private startTopLevel(parsed: ParsedTokenInfo): void {
    const { token, offset } = parsed;
    this.sawValue = true;
    const line = this.lines.lineAt(offset);
    if (token === TokenType.LEFT_BRACKET) {
      this.mode = 'array';
      this.recordDepth = 1;
      this.elements = recordsParser((value) => this.emit(value, this.recordLine));
      this.elements.write(parsed);
      this.depth = 1;
      return;
    }
    if (token === TokenType.LEFT_BRACE) {
      this.mode = 'object';
      this.rootLine = line;
      this.isWrapper = false;
      this.previous = TokenType.LEFT_BRACE;
      this.key = undefined;
      this.root = new TokenParser({ paths: ['$'] });
      this.root.onValue = ({ value }) => this.endObject(value as Record<string, unknown>);
      this.root.write(parsed);
      this.depth = 1;
      return;
    }
    if (startsValue(token)) {
      const kind = parsed.value === null ? 'null' : typeof parsed.value;
      this.problem(line, JSON.stringify(parsed.value), `a JSON ${kind} is not a record; expected an object, an array of records, or one object per line`);
      return;
    }
    throw new OutlineError(`unexpected ${describe(parsed)}; expected a JSON value`);
  }

  private endObject(value: Record<string, unknown>): void {
    const line = this.rootLine;
    this.mode = 'none';
    this.root = null;
    if (this.isWrapper) return;
    if (this.recordsKey !== undefined && Object.hasOwn(value, this.recordsKey)) {
      const found = value[this.recordsKey];
      const kind = found === null ? 'null' : typeof found;
      this.problem(line, null, `${JSON.stringify(this.recordsKey)} is ${kind === 'object' ? 'an object' : `a ${kind}`}, not an array of records`);
      return;
    }
    this.emit(value, line);
  }

  /** Keeps `depth` in step with the token just handed on. */
  private step(token: TokenType): void {
    if (token === TokenType.LEFT_BRACE || token === TokenType.LEFT_BRACKET) this.depth += 1;
    else if (token === TokenType.RIGHT_BRACE || token === TokenType.RIGHT_BRACKET) {
      this.depth -= 1;
      if (this.depth === 0 && this.mode === 'array') {
        this.mode = 'none';
        this.elements = null;
      }
    }
  }

  private emit(value: unknown, line: number | undefined): void {
    this.count += 1;
    const result: ReadResult<unknown> = { ok: true, record: this.count, value, raw: JSON.stringify(value) };
    this.results.push(line === undefined ? result : { ...result, line });
  }

  private problem(line: number | undefined, raw: string | null, what: string): void {
    this.count += 1;
    const kept = raw !== null && raw.length <= RAW_LIMIT ? raw : null;
    const result: ReadResult<unknown> = { ok: false, record: this.count, raw: kept, problem: `record ${this.count}: ${what}` };
    this.results.push(line === undefined ? result : { ...result, line });
  }

  private fail(line: number | undefined, what: string): void {
    this.problem(line, null, what);
    this.stopped = true;
  }

  /** The line the record being read starts on, when the problem is inside one whose start is known. */
  private currentRecordLine(): number | undefined {
    if (this.elements !== null && this.depth > this.recordDepth) return this.recordLine;
    if (this.mode === 'object' && !this.isWrapper) return this.rootLine;
    return undefined;
  }

  private failSyntax(err: unknown): void {
    let offset: number;
    let what: string;
    if (err instanceof TokenizerError && /absolute position "(\d+)"/.test(err.message)) {
      offset = Number(/absolute position "(\d+)"/.exec(err.message)![1]);
      what = `unexpected ${JSON.stringify(this.characterAt(offset))}`;
    } else if ((err instanceof TokenParserError || err instanceof OutlineError) && this.lastToken !== null) {
      offset = this.lastToken.offset;
      what = err instanceof OutlineError ? err.message : `unexpected ${describe(this.lastToken)}${expectation(err.message)}`;
    } else {
      throw err;
    }
    const line = this.lines.lineAt(offset);
    this.fail(this.currentRecordLine() ?? line, `invalid JSON at line ${line} (byte ${this.utf8.bomLength + offset + 1}): ${what}`);
  }

  private failTruncated(): void {
    const start = this.currentRecordLine();
    const line = this.lines.lineAt(this.fed);
    const inside = start === undefined ? '' : `, inside this record, which starts on line ${start}`;
    this.fail(start ?? line, `the file ends in the middle of the JSON (at line ${line})${inside}; is the file truncated?`);
  }

  private failNotUtf8(offset: number): void {
    const line = this.lines.lineAt(offset);
    this.fail(this.currentRecordLine() ?? line, `bytes that are not UTF-8 at line ${line} (byte ${this.utf8.bomLength + offset + 1}); save the file as UTF-8`);
  }

  /** The character at a byte offset of the current chunk (valid UTF-8, checked before tokenizing). */
  private characterAt(offset: number): string {
    const at = offset - this.chunkStart;
    if (at < 0 || at >= this.chunk.length) return '?';
    const lead = this.chunk[at];
    const size = lead < 0x80 ? 1 : lead < 0xe0 ? 2 : lead < 0xf0 ? 3 : 4;
    return this.chunk.toString('utf8', at, at + size);
  }
}

function recordsParser(onRecord: (value: unknown) => void): TokenParser {
  const parser = new TokenParser({ paths: ['$.*'], keepStack: false });
  parser.onValue = ({ value }) => onRecord(value);
  return parser;
}

function startsValue(token: TokenType): boolean {
  return (
    token === TokenType.LEFT_BRACE ||
    token === TokenType.LEFT_BRACKET ||
    token === TokenType.STRING ||
    token === TokenType.NUMBER ||
    token === TokenType.TRUE ||
    token === TokenType.FALSE ||
    token === TokenType.NULL
  );
}

function describe({ token, value }: ParsedTokenInfo): string {
  if (token === TokenType.STRING) {
    const text = String(value);
    return `string ${JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text)}`;
  }
  if (token === TokenType.NUMBER) return `number ${String(value)}`;
  return JSON.stringify(String(value));
}

/** What the TokenParser wanted, from the state its error message names. */
function expectation(message: string): string {
  const state = /in state (\w+)/.exec(message)?.[1];
  switch (state) {
    case 'VALUE':
      return '; expected a value';
    case 'KEY':
      return '; expected a property name in double quotes';
    case 'COLON':
      return '; expected ":"';
    case 'COMMA':
      return '; expected "," or a closing bracket';
    default:
      return '';
  }
}

/**
 * Passes on bytes only in whole UTF-8 characters (holding back a character cut by a chunk boundary) and finds
 * the first byte that is not UTF-8. Drops a leading BOM.
 */
class Utf8Guard {
  bomLength = 0;
  private carry: Buffer | null = null;
  private started = false;

  take(chunk: Buffer): { bytes: Buffer; invalidAt?: number } {
    let data = this.carry === null ? chunk : Buffer.concat([this.carry, chunk]);
    this.carry = null;
    const end = completeLength(data);
    if (end < data.length) this.carry = Buffer.from(data.subarray(end));
    data = data.subarray(0, end);
    if (!this.started && data.length > 0) {
      this.started = true;
      if (data.length >= BOM.length && BOM.every((byte, i) => data[i] === byte)) {
        this.bomLength = BOM.length;
        data = data.subarray(BOM.length);
      }
    }
    if (isUtf8(data)) return { bytes: data };
    const invalidAt = firstInvalidByte(data);
    return { bytes: data.subarray(0, invalidAt), invalidAt };
  }

  /** Whether the input ended inside a character. */
  pending(): boolean {
    return this.carry !== null;
  }
}

/** The length of the bytes up to a UTF-8 character that is cut off at the end (which then goes with the next chunk). */
function completeLength(data: Buffer): number {
  let start = data.length - 1;
  while (start >= 0 && data.length - start < 4 && (data[start] & 0xc0) === 0x80) start -= 1;
  if (start < 0) return data.length;
  const lead = data[start];
  const size = lead >= 0xf0 && lead <= 0xf4 ? 4 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xc2 && lead <= 0xdf ? 2 : 1;
  return data.length - start < size ? start : data.length;
}

/** The index of the first byte that does not belong to a well-formed UTF-8 character. */
function firstInvalidByte(data: Buffer): number {
  for (let i = 0; i < data.length; ) {
    const lead = data[i];
    if (lead < 0x80) {
      i += 1;
      continue;
    }
    let size: number;
    let low = 0x80;
    let high = 0xbf;
    if (lead >= 0xc2 && lead <= 0xdf) size = 2;
    else if (lead >= 0xe0 && lead <= 0xef) {
      size = 3;
      if (lead === 0xe0) low = 0xa0;
      if (lead === 0xed) high = 0x9f;
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      size = 4;
      if (lead === 0xf0) low = 0x90;
      if (lead === 0xf4) high = 0x8f;
    } else return i;
    if (i + size > data.length) return i;
    if (data[i + 1] < low || data[i + 1] > high) return i;
    for (let k = 2; k < size; k += 1) if ((data[i + k] & 0xc0) !== 0x80) return i;
    i += size;
  }
  return data.length;
}

/**
 * Line numbers of byte offsets, for offsets that only move forward: keeps the line breaks of the chunks from the
 * last asked-about offset on (a string token can start chunks before it is complete).
 */
class LineIndex {
  /** Per chunk: its line breaks' offsets, and how many of them lie before the last offset asked about. */
  private chunks: { end: number; linesBefore: number; breaks: number[]; passed: number }[] = [];
  private total = 0;
  private lines = 0;

  add(bytes: Buffer): void {
    const breaks: number[] = [];
    for (let at = bytes.indexOf(10); at !== -1; at = bytes.indexOf(10, at + 1)) breaks.push(this.total + at);
    this.chunks.push({ end: this.total + bytes.length, linesBefore: this.lines, breaks, passed: 0 });
    this.total += bytes.length;
    this.lines += breaks.length;
  }

  /** Forgets the chunks that end before this offset; no later question will be about them. */
  forgetBefore(offset: number): void {
    while (this.chunks.length > 1 && this.chunks[0].end <= offset) this.chunks.shift();
  }

  /** 1-based line of a byte offset (the end of the input counts as on the last line). */
  lineAt(offset: number): number {
    this.forgetBefore(offset);
    const chunk = this.chunks.find((c) => offset < c.end) ?? this.chunks[this.chunks.length - 1];
    if (chunk === undefined) return 1;
    while (chunk.passed < chunk.breaks.length && chunk.breaks[chunk.passed] < offset) chunk.passed += 1;
    return chunk.linesBefore + chunk.passed + 1;
  }
}
