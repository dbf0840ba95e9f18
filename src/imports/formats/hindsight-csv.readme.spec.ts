import { readFileSync } from 'node:fs';
import { HINDSIGHT_CSV_COLUMN_DOCS, HINDSIGHT_CSV_COLUMNS } from './hindsight-csv.mapper.js';

const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');

describe('the README documents the Hindsight CSV header', () => {
  it.each(HINDSIGHT_CSV_COLUMNS.map((column) => [column]))('%s, with its description', (column) => {
    expect(readme).toContain(`| \`${column}\` | ${HINDSIGHT_CSV_COLUMN_DOCS[column].replace(/\|/g, '\\|')} |`);
  });
});
