import { csvField, textArrayLiteral } from './copy-rows.js';

describe('COPY (FORMAT csv) fields', () => {
  it.each<[string, Parameters<typeof csvField>[0], string]>([
    ['null is an unquoted empty field', null, ''],
    ['undefined is NULL too', undefined, ''],
    ['an empty string stays a (quoted) empty string', '', '""'],
    ['text is quoted', 'checkout is down', '"checkout is down"'],
    ['quotes are doubled', 'say "hi"', '"say ""hi"""'],
    ['commas, line breaks and backslashes pass as they are', 'a,b\r\nc\\d', '"a,b\r\nc\\d"'],
    ['the end-of-data marker on its own line is quoted data', 'x\n\\.\ny', '"x\n\\.\ny"'],
    ['booleans', true, '"t"'],
    ['numbers', 42, '"42"'],
    ['instants in ISO 8601 UTC', new Date(Date.UTC(2026, 0, 2, 3, 4, 5, 6)), '"2026-01-02T03:04:05.006Z"'],
    ['text arrays as array literals', ['a', 'b c'], '"{""a"",""b c""}"'],
    ['an empty array', [], '"{}"'],
  ])('%s', (_, value, expected) => {
    expect(csvField(value)).toBe(expected);
  });

  it.each<[string[], string]>([
    [['plain'], '{"plain"}'],
    [['with "quote"'], '{"with \\"quote\\""}'],
    [['back\\slash'], '{"back\\\\slash"}'],
    [['NULL', '', '{brace}', 'comma,here'], '{"NULL","","{brace}","comma,here"}'],
  ])('array literal of %j', (items, expected) => {
    expect(textArrayLiteral(items)).toBe(expected);
  });
});
