import { maxLength } from 'class-validator';
import type { MappedIncident } from './formats/mapped-incident.js';
import { describeShortened, ELLIPSIS, fitToLimits, shortenText } from './import-shortening.js';
import { TEXT_LIMITS, validateMappedIncident } from './import-validation.js';

const codePoints = (text: string) => [...text].length;

describe('shortenText', () => {
  it.each<[string, string, number, string]>([
    ['a text under the limit', 'Disk full', 20, 'Disk full'],
    ['a text exactly at the limit', 'Disk full on db-1', 17, 'Disk full on db-1'],
    ['one character over: back to the word boundary', 'Disk full on db-12', 17, 'Disk full on…'],
    ['a cut right before a space keeps the last word', 'Disk full on db-1 today', 18, 'Disk full on db-1…'],
    ['a cut inside a word goes back to the space', 'Elevated error rates for Cloud Storage', 30, 'Elevated error rates for…'],
    ['a single long word is cut inside it', 'Supercalifragilisticexpialidocious', 10, 'Supercali…'],
    ['a word boundary in the first half is not taken', 'A supercalifragilisticexpialidocious', 12, 'A supercali…'],
    ['trailing spaces go', 'Disk full      and more words', 14, 'Disk full…'],
    ['a trailing comma goes', 'Disk full, writes failing everywhere', 16, 'Disk full…'],
    ['trailing colon and dash go', 'Outage: - the database was down', 12, 'Outage…'],
    ['a trailing opening bracket goes', 'Outage ( EU and US regions )', 9, 'Outage…'],
    ['a trailing full stop goes', 'Resolved. Follow-up tomorrow', 12, 'Resolved…'],
    ['text without spaces (CJK) is cut inside', '東京リージョンでの接続障害について', 8, '東京リージョン…'],
    ['only spaces and punctuation', '.'.repeat(30), 10, '.........…'],
  ])('%s', (_name, text, max, expected) => {
    expect(shortenText(text, max)).toBe(expected);
  });

  it.each<[string, string, number]>([
    ['emoji (surrogate pairs)', 'Outage 😀😀😀😀😀😀😀😀😀😀', 12],
    ['emoji at the cut', `${'a'.repeat(8)} 😀😀😀😀`, 11],
    ['a flag (two code points)', 'Region 🇩🇪🇩🇪🇩🇪🇩🇪🇩🇪🇩🇪', 11],
    ['a ZWJ family', 'Team 👨‍👩‍👧👨‍👩‍👧👨‍👩‍👧', 10],
    ['an emoji with a variation selector', 'Status ❤️❤️❤️❤️❤️❤️❤️❤️', 10],
    ['a combining accent', `Cafe${'\u0301'}e${'\u0301'}e${'\u0301'}e${'\u0301'}e${'\u0301'}`, 6],
  ])('never cuts %s in half, and fits the limit as the API counts', (_name, text, max) => {
    const short = shortenText(text, max);
    expect(short.endsWith(ELLIPSIS)).toBe(true);
    expect(maxLength(short, max)).toBe(true);
    expect(codePoints(short)).toBeLessThanOrEqual(max);
    const kept = short.slice(0, -ELLIPSIS.length);
    expect(text.startsWith(kept)).toBe(true);
    // The kept part ends on a grapheme boundary: the text's graphemes begin with the kept part's.
    const graphemes = [...new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(text)].map((s) => s.segment);
    let joined = '';
    for (const g of graphemes) {
      if (joined.length >= kept.length) break;
      joined += g;
    }
    expect(joined).toBe(kept);
    expect(kept).not.toMatch(/[\uD800-\uDBFF]$/);
  });

  it('leaves a text at the limit counted as the API counts it (a variation selector does not count)', () => {
    const text = '❤️'.repeat(10); // 20 UTF-16 units, 10 characters for class-validator
    expect(maxLength(text, 10)).toBe(true);
    expect(shortenText(text, 10)).toBe(text);
  });

  it.each([[300], [200], [100]])('keeps the result within a limit of %i for long real-world-shaped text', (max) => {
    const text = 'We are investigating elevated error rates and latency for multiple Google Cloud products in us-central1, '.repeat(10);
    const short = shortenText(text, max);
    expect(maxLength(short, max)).toBe(true);
    expect(codePoints(short)).toBeGreaterThan(max / 2);
    expect(short).toMatch(/[a-z0-9]…$/);
  });
});

function incident(fields: Partial<MappedIncident['fields']> = {}, timeline: MappedIncident['timeline'] = []): MappedIncident {
  return {
    externalId: 'ext-1',
    fields: { title: 'Disk full', severity: 'SEV2', startedAt: '2026-03-01T09:00:00.000Z', ...fields },
    timeline,
    sourcePayload: { id: 'ext-1' },
  };
}

const words = (n: number) => Array.from({ length: n }, (_, i) => `word${i}`).join(' ');

describe('fitToLimits', () => {
  it('returns the record itself when every text fits', () => {
    const record = incident({ customerImpact: 'x'.repeat(TEXT_LIMITS.customerImpact), tags: ['t'.repeat(TEXT_LIMITS.tag)] });
    const fitted = fitToLimits(record);
    expect(fitted.incident).toBe(record);
    expect(fitted.shortened).toEqual([]);
  });

  it('shortens a long title and, without a description, keeps the whole title as the customer impact', () => {
    const title = words(80);
    const { incident: fitted, shortened, titleAsImpact } = fitToLimits(incident({ title }));
    expect(codePoints(fitted.fields.title)).toBeLessThanOrEqual(TEXT_LIMITS.title);
    expect(fitted.fields.title.endsWith(`${ELLIPSIS}`)).toBe(true);
    expect(title.startsWith(fitted.fields.title.slice(0, -1))).toBe(true);
    expect(fitted.fields.customerImpact).toBe(title);
    expect(titleAsImpact).toBe(true);
    expect(shortened).toEqual([{ field: 'title', original: title, from: codePoints(title), to: codePoints(fitted.fields.title), limit: TEXT_LIMITS.title }]);
    expect(validateMappedIncident(fitted, 'gcp')).toBeNull();
  });

  it.each<[string, string | undefined, string]>([
    ['an empty customer impact', '', 'title'],
    ['a blank customer impact', '  ', 'title'],
  ])('fills %s with the whole title', (_name, customerImpact) => {
    const title = words(80);
    expect(fitToLimits(incident({ title, customerImpact })).incident.fields.customerImpact).toBe(title);
  });

  it('keeps a description the record has', () => {
    const { incident: fitted, titleAsImpact } = fitToLimits(incident({ title: words(80), customerImpact: 'Writes failed.' }));
    expect(fitted.fields.customerImpact).toBe('Writes failed.');
    expect(titleAsImpact).toBe(false);
  });

  it('shortens every length-limited text a mapper fills, timeline included, and names each', () => {
    const record = incident(
      {
        functionality: words(40), state: 'down', audience: words(40), customerImpact: words(3000), commander: 'c'.repeat(201), investigator: 'Ann',
        comms: words(40), scribe: words(40), exclusionReason: words(300), tags: ['db', words(20)],
      },
      [
        { occurredAt: '2026-03-01T09:10:00.000Z', kind: 'status_update', author: null, body: 'Investigating.' },
        { occurredAt: '2026-03-01T09:20:00.000Z', kind: 'note', author: words(40), body: words(3000) },
      ],
    );
    const { incident: fitted, shortened } = fitToLimits(record);
    expect(shortened.map((s) => s.field)).toEqual([
      'functionality', 'audience', 'customer_impact', 'commander', 'comms', 'scribe', 'exclusion_reason', 'tags[1]', 'timeline[1].author', 'timeline[1].body',
    ]);
    expect(fitted.fields.state).toBe('down');
    expect(fitted.fields.investigator).toBe('Ann');
    expect(fitted.fields.tags![0]).toBe('db');
    expect(fitted.timeline[0]).toBe(record.timeline[0]);
    expect(validateMappedIncident(fitted, 'hindsight')).toBeNull();
    expect(record.fields.customerImpact).toBe(words(3000));
  });

  it('leaves values that are not text for validation to refuse', () => {
    const record = incident({ functionality: 7 as unknown as string, title: '' });
    expect(fitToLimits(record).incident).toBe(record);
  });

  it('leaves the external id and names over their limits for validation to refuse: they identify things', () => {
    const record = incident({ services: ['s'.repeat(101)], owningTeam: 't'.repeat(101) });
    const withId = { ...record, externalId: 'x'.repeat(501) };
    expect(fitToLimits(withId).incident).toBe(withId);
    expect(validateMappedIncident(withId, 'csv')?.field).toBe('external_id');
  });
});

describe('describeShortened', () => {
  it('names each field with its lengths and where the whole text is', () => {
    const { shortened, titleAsImpact } = fitToLimits(incident({ title: 'a '.repeat(200) }));
    expect(describeShortened({ shortened, titleAsImpact })).toBe(
      'shortened at a word boundary, ending in "…": title (400 characters, limit 300: now 300); imported, the whole text is kept in the source payload; the whole title is also the customer impact',
    );
  });
});
