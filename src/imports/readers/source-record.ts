/**
 * What the import readers hand to the format mappers: one result per record of the import file, in file
 * order, either a readable record or a note saying why a record could not be read. Pure types.
 *
 * The readers (csv-records.ts, json-records.ts) split a byte stream into these one record at a time, so an
 * import never holds the whole file in memory; a bad record costs one `ok: false` result, not the import.
 */

/** One record as read from the file. */
export interface SourceRecord<T> {
  /** 1-based index of the record among the file's records (CSV: data rows after the header, blank lines not counted). */
  record: number;
  /** 1-based line of the file where the record starts (CSV and NDJSON; the JSON reader gives it for every record). */
  line?: number;
  value: T;
  /**
   * The record's original text: a CSV row exactly as in the file (inner line breaks included, no trailing line
   * break), so that the header plus raw rows parse back to the same values; for JSON, `JSON.stringify(value)`.
   */
  raw: string;
}

/** A record that could not be read; `problem` names what is wrong and where (`line 7: unclosed quoted field`). */
export interface UnreadableRecord {
  record: number;
  line?: number;
  /** The record's text when it is known and of a sensible size, otherwise `null`. */
  raw: string | null;
  problem: string;
}

export type ReadResult<T> = ({ ok: true } & SourceRecord<T>) | ({ ok: false } & UnreadableRecord);
