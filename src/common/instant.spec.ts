import fc from 'fast-check';
import { InvalidInputError } from './errors.js';
import { instantProblem, parseInstant, parseInstantOrNull } from './instant.js';

describe('parseInstantOrNull', () => {
  it.each([
    ['2026-03-01T09:30:00Z', '2026-03-01T09:30:00.000Z'],
    ['2026-03-01T09:30Z', '2026-03-01T09:30:00.000Z'],
    ['2026-03-01T10:30:00+01:00', '2026-03-01T09:30:00.000Z'],
    ['2026-03-01T04:30:00.250-05:00', '2026-03-01T09:30:00.250Z'],
    ['2024-02-29T00:00:00Z', '2024-02-29T00:00:00.000Z'],
    ['2022-03-30T16:21:32.506Z', '2022-03-30T16:21:32.506Z'],
    ['1970-01-01T00:00:00Z', '1970-01-01T00:00:00.000Z'],
    ['9999-12-31T23:59:59.999Z', '9999-12-31T23:59:59.999Z'],
  ])('reads %s', (text, iso) => {
    expect(parseInstantOrNull(text)?.toISOString()).toBe(iso);
  });

  it.each([
    ['no offset', '2026-03-01T09:30:00'],
    ['date only', '2026-03-01'],
    ['impossible day', '2026-02-30T09:30:00Z'],
    ['not a leap year', '2025-02-29T00:00:00Z'],
    ['not a leap year either', '0100-02-29T00:00:00+00:00'],
    ['hour 24', '2026-03-01T24:00:00Z'],
    ['hour 24 with milliseconds', '2026-03-01T24:00:00.000Z'],
    ['second 60', '2026-03-01T09:30:60Z'],
    ['month 13', '2026-13-01T09:30:00.000Z'],
    ['impossible day with milliseconds', '2026-02-30T09:30:00.000Z'],
    ['free text', 'yesterday'],
    ['epoch seconds', '1767225600'],
    ['year 0000, a leap year but before the accepted years', '0000-02-29T00:00:00+00:00'],
    ['before 1970 in UTC', '1970-01-01T00:30:00+01:00'],
    ['after 9999 in UTC', '9999-12-31T23:00:00-05:00'],
  ])('refuses %s', (_name, text) => {
    expect(parseInstantOrNull(text)).toBeNull();
  });
});

it('reads UTC instants the same with Z (its fast path) as with +00:00 (the full checks), valid or not', () => {
  const two = (max: number) => fc.integer({ min: 0, max }).map((n) => String(n).padStart(2, '0'));
  const utc = fc.tuple(fc.integer({ min: 0, max: 9999 }), two(14), two(32), two(25), two(61), two(61), fc.option(fc.integer({ min: 0, max: 999 })))
    .map(([y, mo, d, h, mi, s, ms]) => `${String(y).padStart(4, '0')}-${mo}-${d}T${h}:${mi}:${s}${ms === null ? '' : `.${String(ms).padStart(3, '0')}`}Z`);
  fc.assert(fc.property(utc, (text) => {
    expect(parseInstantOrNull(text)?.getTime()).toBe(parseInstantOrNull(text.replace(/Z$/, '+00:00'))?.getTime());
  }), { numRuns: 5000 });
});

it.each([
  ['2026-03-01T09:30:00Z', null],
  ['2026-03-01T09:30:00', /not an ISO 8601 timestamp/],
  ['0000-01-01T00:00:00Z', /outside the accepted years 1970–9999 \(UTC\)/],
  ['1969-12-31T23:59:59.999Z', /outside the accepted years/],
])('instantProblem(%s) says what is wrong', (text, problem) => {
  if (problem === null) expect(instantProblem(text)).toBeNull();
  else expect(instantProblem(text)).toMatch(problem);
});

it('parseInstant names the field and the value', () => {
  expect(() => parseInstant('detectedAt', '2026-03-01T09:30:00')).toThrow(InvalidInputError);
  expect(() => parseInstant('detectedAt', '2026-03-01T09:30:00')).toThrow(/^detectedAt: "2026-03-01T09:30:00" is not an ISO 8601 timestamp with a time zone offset/);
});
