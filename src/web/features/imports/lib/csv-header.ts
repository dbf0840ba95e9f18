/**
 * The header row of a CSV file, read in the browser so the column map can offer the file's own columns.
 * The same reading as the service's: a BOM is dropped, fields may be quoted (a quoted field may hold the
 * delimiter, doubled quotes and line breaks), and `auto` picks `;` when the first line has more of them than
 * commas. Pure: the caller reads the start of the file and decodes it.
 */
import type { Delimiter } from './import-options';

/** How much of the file is read to find the header. */
export const HEADER_BYTES = 64 * 1024;

export function sniffDelimiter(text: string): ',' | ';' {
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const count = (char: string) => firstLine.split(char).length - 1;
  return count(';') > count(',') ? ';' : ',';
}

/** The header's column names (trimmed), or null when the text holds no complete first row. */
export function readCsvHeader(text: string, delimiter: Delimiter = 'auto'): string[] | null {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const separator = delimiter === 'auto' ? sniffDelimiter(body) : delimiter;
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < body.length; i++) {
    const char = body[i];
    if (quoted) {
      if (char === '"' && body[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"' && field.trim() === '') {
      quoted = true;
      field = '';
    } else if (char === separator) {
      fields.push(field.trim());
      field = '';
    } else if (char === '\n' || char === '\r') {
      fields.push(field.trim());
      return fields.some((name) => name !== '') ? fields : null;
    } else field += char;
  }
  if (quoted) return null;
  fields.push(field.trim());
  return fields.some((name) => name !== '') ? fields : null;
}
