import { InvalidInputError } from './errors.js';
import { parseInstant, parseInstantOrNull } from './instant.js';

describe('parseInstantOrNull', () => {
  it.each([
    ['2026-03-01T09:30:00Z', '2026-03-01T09:30:00.000Z'],
    ['2026-03-01T09:30Z', '2026-03-01T09:30:00.000Z'],
    ['2026-03-01T10:30:00+01:00', '2026-03-01T09:30:00.000Z'],
    ['2026-03-01T04:30:00.250-05:00', '2026-03-01T09:30:00.250Z'],
    ['2024-02-29T00:00:00Z', '2024-02-29T00:00:00.000Z'],
    ['2022-03-30T16:21:32.506Z', '2022-03-30T16:21:32.506Z'],
  ])('reads %s', (text, iso) => {
    expect(parseInstantOrNull(text)?.toISOString()).toBe(iso);
  });

  it.each([
    ['no offset', '2026-03-01T09:30:00'],
    ['date only', '2026-03-01'],
    ['impossible day', '2026-02-30T09:30:00Z'],
    ['not a leap year', '2025-02-29T00:00:00Z'],
    ['hour 24', '2026-03-01T24:00:00Z'],
    ['free text', 'yesterday'],
    ['epoch seconds', '1767225600'],
  ])('refuses %s', (_name, text) => {
    expect(parseInstantOrNull(text)).toBeNull();
  });
});

it('parseInstant names the field and the value', () => {
  expect(() => parseInstant('detectedAt', '2026-03-01T09:30:00')).toThrow(InvalidInputError);
  expect(() => parseInstant('detectedAt', '2026-03-01T09:30:00')).toThrow(/^detectedAt: "2026-03-01T09:30:00" is not an ISO 8601 timestamp with a time zone offset/);
});
