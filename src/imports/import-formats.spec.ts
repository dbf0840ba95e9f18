import { InvalidInputError } from '../common/errors.js';
import { FieldError } from './formats/mapped-incident.js';
import { envelopeTimeZone, importFormat, type ImportOptionsInput } from './import-formats.js';
import type { EnvelopeValues } from './readers/json-records.js';

/** One raw incident of the analytics export, its timestamps without an offset, as PagerDuty sends them. */
const row = { id: 'PYC0H08', description: 'The server is on fire!', created_at: '2023-05-31T10:05:00', resolved_at: '2023-05-31T10:15:00', urgency: 'low' };

const analytics = (options: ImportOptionsInput, envelope: EnvelopeValues) => importFormat('pagerduty-analytics').prepare(options, null, envelope);

function thrown<T extends Error>(type: new (...args: never[]) => T, work: () => unknown): T {
  try {
    work();
  } catch (error) {
    if (error instanceof type) return error;
    throw error;
  }
  throw new Error(`expected a ${type.name}`);
}

describe('pagerduty-analytics: the zone of timestamps without an offset', () => {
  it('reads the envelope key time_zone', () => {
    expect(importFormat('pagerduty-analytics').envelopeKeys).toEqual(['time_zone']);
  });

  it.each<[string, ImportOptionsInput, EnvelopeValues, string, string]>([
    ["the envelope's zone", {}, { time_zone: ['Etc/UTC'] }, '2023-05-31T10:05:00.000Z', '2023-05-31T10:15:00.000Z'],
    ["the envelope's zone, not UTC (DST in force)", {}, { time_zone: ['America/New_York'] }, '2023-05-31T14:05:00.000Z', '2023-05-31T14:15:00.000Z'],
    ['--timezone over the envelope', { timezone: 'Europe/Berlin' }, { time_zone: ['Etc/UTC'] }, '2023-05-31T08:05:00.000Z', '2023-05-31T08:15:00.000Z'],
    ['--timezone over an envelope zone that is not IANA', { timezone: 'UTC' }, { time_zone: ['Mars/Olympus'] }, '2023-05-31T10:05:00.000Z', '2023-05-31T10:15:00.000Z'],
    ['--timezone over two envelope zones', { timezone: 'UTC' }, { time_zone: ['Etc/UTC', 'Asia/Tokyo'] }, '2023-05-31T10:05:00.000Z', '2023-05-31T10:15:00.000Z'],
    ['--timezone without an envelope', { timezone: 'Asia/Tokyo' }, {}, '2023-05-31T01:05:00.000Z', '2023-05-31T01:15:00.000Z'],
  ])('%s', (_name, options, envelope, startedAt, resolvedAt) => {
    expect(analytics(options, envelope)(row).fields).toMatchObject({ startedAt, resolvedAt });
  });

  it('without a zone from either, refuses timestamps without an offset as before, saying how to name one', () => {
    const error = thrown(FieldError, () => analytics({}, {})(row));
    expect(error.field).toBe('created_at');
    expect(error.message).toContain('--timezone');
  });

  it.each<[string, EnvelopeValues, unknown, string]>([
    ['a zone that is not IANA', { time_zone: ['Mars/Olympus'] }, 'Mars/Olympus', 'is not an IANA time zone'],
    ['a zone that is not text', { time_zone: [0] }, 0, 'is not an IANA time zone'],
    ['a null zone', { time_zone: [null] }, null, 'is not an IANA time zone'],
    ['two envelopes naming two zones', { time_zone: ['Etc/UTC', 'Asia/Tokyo'] }, ['Etc/UTC', 'Asia/Tokyo'], "differs between the file's envelopes"],
  ])('refuses %s before any record is read, naming time_zone and --timezone', (_name, envelope, value, problem) => {
    const error = thrown(InvalidInputError, () => analytics({}, envelope));
    expect(error.field).toBe('time_zone');
    expect(error.value).toEqual(value);
    expect(error.message).toContain(problem);
    expect(error.message).toContain('--timezone');
  });
});

describe('envelopeTimeZone', () => {
  it.each<[EnvelopeValues, string | undefined]>([
    [{}, undefined],
    [{ time_zone: [] }, undefined],
    [{ time_zone: ['Etc/UTC'] }, 'Etc/UTC'],
    [{ time_zone: ['UTC'], other: ['x'] }, 'UTC'],
  ])('%j → %s', (envelope, zone) => {
    expect(envelopeTimeZone(envelope, 'time_zone')).toBe(zone);
  });
});

describe('formats without an envelope', () => {
  it.each([['statuspage'], ['gcp'], ['pagerduty'], ['incidentio'], ['hindsight-json']])('%s reads none', (name) => {
    expect(importFormat(name).envelopeKeys).toBeUndefined();
  });
});
