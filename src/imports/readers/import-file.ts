/**
 * Opening an import file: its bytes counted as the reader pulls them (for progress), the file kind
 * sniffed when the format takes CSV or JSON, the CSV header read and checked before anything is
 * recorded. Pure: Node streams, no Nest, no TypeORM.
 */
import { Readable, Transform } from 'node:stream';
import { InvalidInputError } from '../../common/errors.js';
import type { ImportFormat, ImportOptionsInput } from '../import-formats.js';
import type { ImportInput } from '../import-request.js';
import { readCsv } from './csv-records.js';
import { readEnvelope, readJson, type EnvelopeValues } from './json-records.js';
import type { ReadResult } from './source-record.js';

export interface OpenedFile {
  kind: 'csv' | 'json';
  /** CSV header cells; null for JSON. */
  header: string[] | null;
  /** The CSV header line as the rejected-records file repeats it; null for JSON. */
  headerLine: string | null;
  /** The values of the format's envelope keys (empty for CSV, for a format without any, and when `input` is a stream). */
  envelope: EnvelopeValues;
  records: AsyncIterable<ReadResult<unknown>>;
  /** Bytes of the file read so far. */
  bytesRead(): number;
}

/**
 * Opens `source` as the format reads it; a CSV header that cannot be read is a 400 naming `file`. A format with
 * envelope keys first reads them in a pass of their own over the file (when `source` can open it again).
 */
export async function openImportFile(format: ImportFormat, source: ImportInput, options: ImportOptionsInput): Promise<OpenedFile> {
  const envelope = format.envelopeKeys && format.recordsKey !== undefined && typeof source === 'function'
    ? await readEnvelope(source(), { recordsKey: format.recordsKey, keys: format.envelopeKeys })
    : {};
  const input = typeof source === 'function' ? source() : source;
  // Counts the bytes as the reader pulls them, with the reader's backpressure intact.
  let bytesRead = 0;
  const counted = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytesRead += chunk.length;
      done(null, chunk);
    },
  });
  input.on('error', (error) => counted.destroy(error));
  input.pipe(counted);
  const progress = () => bytesRead;

  let kind: 'csv' | 'json';
  let stream: Readable = counted;
  if (format.fileKind === 'sniff') ({ kind, stream } = await sniffKind(counted));
  else kind = format.fileKind;
  if (kind === 'json') return { kind, header: null, headerLine: null, envelope, records: readJson(stream, { recordsKey: format.recordsKey }), bytesRead: progress };
  let csv: Awaited<ReturnType<typeof readCsv>>;
  try {
    csv = await readCsv(stream, { delimiter: options.delimiter ?? 'auto', encoding: options.encoding ?? 'utf-8' });
  } catch (error) {
    throw new InvalidInputError('file', '(header)', (error as Error).message);
  }
  return {
    kind, header: csv.header, headerLine: csv.header.map((h) => csvCell(h, csv.delimiter)).join(csv.delimiter), envelope: {}, records: csv.records, bytesRead: progress,
  };
}

const csvCell = (text: string, delimiter: string) =>
  /["\r\n]/.test(text) || text.includes(delimiter) ? `"${text.replace(/"/g, '""')}"` : text;

/**
 * `json` when the first character after any BOM and white space is `[` or `{`, else `csv`. Returns the stream to
 * read from: the same one with the peeked bytes put back (or, when the file ended while peeking, those bytes).
 */
async function sniffKind(input: Readable): Promise<{ kind: 'csv' | 'json'; stream: Readable }> {
  const chunks: Buffer[] = [];
  let kind: 'csv' | 'json' | null = null;
  let ended = false;
  while (kind === null && !ended) {
    const chunk = input.read() as Buffer | null;
    if (chunk === null) {
      ended = await nextReadable(input);
      continue;
    }
    chunks.push(chunk);
    const text = Buffer.concat(chunks).toString('utf8').replace(/^\uFEFF/, '').trimStart();
    if (text.length > 0) kind = text[0] === '[' || text[0] === '{' ? 'json' : 'csv';
  }
  const peeked = Buffer.concat(chunks);
  if (ended) return { kind: kind ?? 'csv', stream: Readable.from(peeked.length > 0 ? [peeked] : []) };
  input.unshift(peeked);
  return { kind: kind ?? 'csv', stream: input };
}

/** Waits until the stream has data (false) or has ended (true). */
function nextReadable(input: Readable): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const done = (result: boolean | Error) => {
      input.off('readable', onReadable);
      input.off('end', onEnd);
      input.off('error', done);
      if (result instanceof Error) reject(result);
      else resolve(result);
    };
    const onReadable = () => done(false);
    const onEnd = () => done(true);
    input.on('readable', onReadable);
    input.on('end', onEnd);
    input.on('error', done);
  });
}
