import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import fc from 'fast-check';
import { CreateIncidentDto } from '../incidents/dto/create-incident.dto.js';
import { CreateTimelineEntryDto } from '../incidents/timeline/dto/create-timeline-entry.dto.js';
import type { MappedIncident } from './formats/mapped-incident.js';
import { validateMappedIncident } from './import-validation.js';

/** Text of exactly `n` code points, some of them outside the BMP (class-validator counts code points, not UTF-16 units). */
const textOf = (n: number, astral: boolean) => (astral ? '😀'.repeat(Math.min(n, 3)) + 'a'.repeat(Math.max(n - 3, 0)) : 'a'.repeat(n));

/** Mostly good values, now and then a bad one: every field is tried both ways, and whole records often pass. */
const mostly = <T, U>(good: fc.Arbitrary<T>, bad: fc.Arbitrary<U>) =>
  fc.oneof({ arbitrary: good, weight: 14 }, { arbitrary: bad, weight: 1 });

/** A text field limited to `max`: at the limit (astral characters included), short, absent; or just over, empty, blank, wrong type. */
const textAround = (max: number, nullable = true) =>
  mostly(
    fc.oneof(fc.constantFrom(undefined, ...(nullable ? [null] : [])), fc.boolean().map((astral) => textOf(max, astral)), fc.string({ minLength: 1, maxLength: 20 })),
    fc.oneof(fc.constantFrom('', ' ', 42, true, ['a'], null), fc.boolean().map((astral) => textOf(max + 1, astral))),
  );

const instantish = (required = false) =>
  mostly(
    fc.oneof(
      fc.constantFrom(...(required ? [] : [undefined, null]), '2026-03-01T10:30:00+01:00'),
      fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2040-01-01T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString()),
    ),
    fc.constantFrom('', '2026-03-01 09:30', '2026-02-30T09:30:00Z', '2026-03-01T09:30:00', 1772357400000, null),
  );

const names = mostly(
  fc.constantFrom('payments-api', 'a'.repeat(100), 'Checkout'),
  fc.oneof(fc.constantFrom('a'.repeat(101), ' padded', 'with, comma', '3f2b1c0d-9e8f-4a7b-8c6d-5e4f3a2b1c0d', ''), fc.string({ maxLength: 12 })),
);

const listOf = <T>(item: fc.Arbitrary<T>, max: number) =>
  mostly(
    fc.oneof(fc.constant(undefined), fc.array(item, { maxLength: 4 }), fc.constant(Array.from({ length: max }, () => 'x'))),
    fc.oneof(fc.constantFrom('not a list', null), fc.constant(Array.from({ length: max + 1 }, () => 'x'))),
  );

const record = fc.record({
  externalId: mostly(fc.constantFrom('abc', textOf(500, false)), fc.constantFrom('', textOf(501, false))),
  source: mostly(fc.constantFrom('statuspage', 'incident.io', 'a'.repeat(63)), fc.constantFrom('Bad Source', '', '-x', 'a'.repeat(64))),
  title: mostly(fc.oneof(fc.boolean().map((a) => textOf(300, a)), fc.string({ minLength: 1, maxLength: 20 })), fc.constantFrom(undefined, '', null, 3, textOf(301, true))),
  severity: mostly(fc.constant('SEV1'), fc.constantFrom(undefined, '', 7)),
  functionality: textAround(200),
  state: textAround(200),
  audience: textAround(200),
  commander: textAround(200),
  scribe: textAround(200),
  customerImpact: mostly(fc.oneof(fc.constantFrom(undefined, ''), fc.boolean().map((a) => textOf(20000, a))), fc.oneof(fc.constant(null), fc.boolean().map((a) => textOf(20001, a)))),
  exclusionReason: textAround(2000),
  impactScope: mostly(fc.constantFrom(undefined, 'all', 'some', 'few', 'unknown'), fc.constantFrom('most', null)),
  excludedFromMetrics: mostly(fc.constantFrom(undefined, true, false), fc.constantFrom('yes', null)),
  services: listOf(names, 100),
  owningTeam: mostly(fc.oneof(fc.constant(null), names), fc.constant(17)),
  tags: listOf(mostly(fc.constantFrom('db', textOf(100, true)), fc.constantFrom(textOf(101, true), 5)), 100),
  knownCustomersImpacted: listOf(mostly(fc.constant('Acme'), fc.constant(3)), 1000),
  startedAt: instantish(true),
  mitigatedAt: instantish(),
  resolvedAt: instantish(),
  timeline: fc.array(
    fc.record({
      occurredAt: instantish(true),
      kind: mostly(fc.constantFrom('note', 'status_update', 'milestone'), fc.constantFrom('chat', undefined)),
      author: textAround(200),
      body: mostly(fc.constant('Rolled back'), fc.oneof(fc.constantFrom('', '   ', 12, undefined), fc.constant(textOf(20001, false)))),
    }),
    { maxLength: 2 },
  ),
});

type Generated = typeof record extends fc.Arbitrary<infer T> ? T : never;

function asMapped(r: Generated): MappedIncident {
  const { externalId, source: _source, timeline, ...fields } = r;
  const defined = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
  return { externalId, fields: defined as unknown as MappedIncident['fields'], timeline: timeline as MappedIncident['timeline'], sourcePayload: {} };
}

/** What the API says: CreateIncidentDto for the incident, CreateTimelineEntryDto for each entry, with the global pipe's options. */
function apiAccepts(r: Generated): boolean {
  const { timeline, source, externalId, ...fields } = r;
  const body = Object.fromEntries(Object.entries({ ...fields, source, externalId, sourcePayload: {} }).filter(([, v]) => v !== undefined));
  const options = { whitelist: true, forbidNonWhitelisted: true };
  if (validateSync(plainToInstance(CreateIncidentDto, body), options).length > 0) return false;
  return timeline.every((entry) => {
    const plain = Object.fromEntries(Object.entries(entry).filter(([, v]) => v !== undefined));
    return validateSync(plainToInstance(CreateTimelineEntryDto, plain), options).length === 0;
  });
}

describe('validateMappedIncident applies the API rules', () => {
  it('accepts exactly what CreateIncidentDto and CreateTimelineEntryDto accept, apart from the rules imports add (external id, names they create)', () => {
    let agreedAccept = 0;
    let agreedReject = 0;
    fc.assert(
      fc.property(record, (r) => {
        const problem = validateMappedIncident(asMapped(r), r.source);
        const api = apiAccepts(r);
        if (api) {
          // The rules the import adds: an external id (its idempotency key), and valid names for services and teams it creates.
          if (problem !== null) expect(['external_id', 'services', 'owning_team']).toContain(problem.field);
          else agreedAccept++;
        } else {
          expect(problem).not.toBeNull();
          agreedReject++;
        }
      }),
      { numRuns: 1500, seed: 20261123 },
    );
    // The generator must exercise both sides, or the comparison proves nothing.
    expect(agreedAccept).toBeGreaterThan(75);
    expect(agreedReject).toBeGreaterThan(750);
  });

  it.each([
    ['title too long', { title: 'a'.repeat(301) }, 'title'],
    ['title empty', { title: '' }, 'title'],
    ['customer impact over 20000 characters', { customerImpact: 'a'.repeat(20001) }, 'customer_impact'],
    ['service name with a comma', { services: ['a, b'] }, 'services'],
    ['team name that is a uuid', { owningTeam: '3f2b1c0d-9e8f-4a7b-8c6d-5e4f3a2b1c0d' }, 'owning_team'],
    ['tag over 100 characters', { tags: ['t'.repeat(101)] }, 'tags'],
    ['bad impact scope', { impactScope: 'most' }, 'impact_scope'],
    ['started_at without offset', { startedAt: '2026-03-01T09:30:00' }, 'started_at'],
    ['resolved_at not a date', { resolvedAt: 'yesterday' }, 'resolved_at'],
    ['started_at in year 0000', { startedAt: '0000-01-01T00:00:00Z' }, 'started_at'],
    ['title with a NUL character', { title: 'Checkout\u0000down' }, 'title'],
    ['commander with a lone surrogate', { commander: 'Ann \uD83D' }, 'commander'],
    ['a known customer with a NUL character', { knownCustomersImpacted: ['Acme', 'B\u0000'] }, 'known_customers_impacted[1]'],
  ])('names the field: %s', (_label, change, field) => {
    const base: MappedIncident = {
      externalId: 'x-1', timeline: [], sourcePayload: {},
      fields: { title: 'Checkout down', severity: 'SEV1', startedAt: '2026-03-01T09:30:00.000Z' },
    };
    expect(validateMappedIncident(base, 'csv')).toBeNull();
    const problem = validateMappedIncident({ ...base, fields: { ...base.fields, ...change } as MappedIncident['fields'] }, 'csv');
    expect(problem?.field).toBe(field);
  });

  it.each([
    ['a NUL character in a value', { a: { b: 'x\u0000' } }, 'source_payload.a.b', /NUL character/],
    ['a NUL character in a key', { 'k\u0000': 1 }, 'source_payload.k\u0000', /NUL character/],
    ['nesting deeper than 32 levels', JSON.parse('{"a":'.repeat(40) + '1' + '}'.repeat(40)) as Record<string, unknown>, 'source_payload' + '.a'.repeat(32), /deeper than 32 levels/],
  ])('refuses a source payload with %s, naming the path', (_label, sourcePayload, field, problem) => {
    const found = validateMappedIncident(
      { externalId: 'x-1', sourcePayload, timeline: [], fields: { title: 'T', severity: 'SEV1', startedAt: '2026-03-01T09:30:00Z' } }, 'csv',
    );
    expect(found?.field).toBe(field);
    expect(found?.problem).toMatch(problem);
  });

  it('names the year range for a year-0000 instant', () => {
    const found = validateMappedIncident(
      { externalId: 'x-1', sourcePayload: {}, timeline: [], fields: { title: 'T', severity: 'SEV1', startedAt: '0000-01-01T00:00:00Z' } }, 'csv',
    );
    expect(found).toEqual({ field: 'started_at', value: '0000-01-01T00:00:00Z', problem: 'is outside the accepted years 1970–9999 (UTC)' });
  });

  it('names the timeline entry and field at fault', () => {
    const problem = validateMappedIncident(
      {
        externalId: 'x-1', sourcePayload: {}, fields: { title: 'T', severity: 'SEV1', startedAt: '2026-03-01T09:30:00Z' },
        timeline: [{ occurredAt: '2026-03-01T09:40:00Z', kind: 'note', author: null, body: 'ok' }, { occurredAt: '2026-03-01T09:50:00Z', kind: 'note', author: null, body: '  ' }],
      },
      'csv',
    );
    expect(problem).toEqual({ field: 'timeline[1].body', value: '  ', problem: 'must be 1–20000 characters, not blank' });
  });
});
