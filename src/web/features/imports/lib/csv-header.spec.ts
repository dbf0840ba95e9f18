import { readCsvHeader, sniffDelimiter } from './csv-header';

describe('readCsvHeader', () => {
  it.each([
    ['plain', 'id,title,started_at\n1,a,b\n', 'auto', ['id', 'title', 'started_at']],
    ['CRLF line ends', 'id,title\r\n1,a\r\n', 'auto', ['id', 'title']],
    ['a BOM', '\uFEFFid,title\n', 'auto', ['id', 'title']],
    ['semicolons sniffed', 'id;title;note, with comma\n', 'auto', ['id', 'title', 'note, with comma']],
    ['semicolons forced', 'id;a,b\n', ';', ['id', 'a,b']],
    ['quoted names with the delimiter, quotes and a line break', '"a,b","say ""hi""","two\nlines",c\nx', 'auto', ['a,b', 'say "hi"', 'two\nlines', 'c']],
    ['surrounding spaces trimmed', ' id , title \n', 'auto', ['id', 'title']],
    ['a header without a line end', 'id,title', 'auto', ['id', 'title']],
    ['an empty column name kept in place', 'id,,title\n', 'auto', ['id', '', 'title']],
  ] as const)('%s', (_, text, delimiter, header) => {
    expect(readCsvHeader(text, delimiter)).toEqual(header);
  });

  it.each([
    ['an empty file', ''],
    ['a blank first line', '\nid,title\n'],
    ['an unterminated quote', '"id,title\n1,2'],
  ])('gives null for %s', (_, text) => {
    expect(readCsvHeader(text)).toBeNull();
  });

  it.each([
    ['a,b;c\n', ','],
    ['a;b;c,d\n', ';'],
    ['single\n', ','],
  ])('sniffDelimiter(%p) is %p', (text, delimiter) => {
    expect(sniffDelimiter(text)).toBe(delimiter);
  });
});
