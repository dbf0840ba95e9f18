import type { SeverityRef } from './import-plan.js';
import { severityLookup, severityNormalForm } from './severity-lookup.js';

const level = (key: string, rank: number): SeverityRef => ({ id: `id-${key}`, key, rank });
const DEFAULT_LEVELS = [level('SEV1', 1), level('SEV2', 2), level('SEV3', 3)];
const keyOf = (levels: SeverityRef[], name: string) => severityLookup(levels).resolve(name)?.key ?? null;

describe('severityNormalForm', () => {
  it.each([
    ['SEV2', 'sev2'],
    ['SEV-2', 'sev2'],
    ['Sev 2', 'sev2'],
    ['sev2', 'sev2'],
    ['S2', 'sev2'],
    ['s-2', 'sev2'],
    ['Severity 2', 'sev2'],
    ['SEV_02', 'sev2'],
    ['sev 0', 'sev0'],
    ['S00', 'sev0'],
    ['ＳＥＶ２', 'sev2'],
    ['P2', 'p2'],
    ['Critical', 'critical'],
    ['Sev', 'sev'],
    ['SEV2a', 'sev2a'],
    ['2', '2'],
    [' - ', ''],
  ])('%s → %s', (name, form) => {
    expect(severityNormalForm(name)).toBe(form);
  });
});

describe('severityLookup with the default levels', () => {
  it.each([
    ['SEV2', 'SEV2'],
    ['sev2', 'SEV2'],
    ['SEV-2', 'SEV2'],
    ['Sev 2', 'SEV2'],
    ['S2', 'SEV2'],
    ['s1', 'SEV1'],
    ['Severity 3', 'SEV3'],
    ['sev_03', 'SEV3'],
  ])('%s resolves to %s', (name, key) => {
    expect(keyOf(DEFAULT_LEVELS, name)).toBe(key);
  });

  it.each([['SEV4'], ['S4'], ['P2'], ['2'], ['Critical'], [''], ['-'], ['SEV2 (major)'], ['constructor']])('%s names no level', (name) => {
    expect(keyOf(DEFAULT_LEVELS, name)).toBeNull();
  });

  it('lists the keys in rank order', () => {
    expect(severityLookup(DEFAULT_LEVELS).keys).toEqual(['SEV1', 'SEV2', 'SEV3']);
  });
});

describe('severityLookup with levels that normalise alike', () => {
  it.each<[string, SeverityRef[], string, string | null]>([
    // Exact keys always win, whatever else normalises alike.
    ['an exact key beside a look-alike', [level('SEV2', 2), level('S2', 3)], 'S2', 'S2'],
    ['the other exact key', [level('SEV2', 2), level('S2', 3)], 'SEV2', 'SEV2'],
    // A case-insensitive match is one level's key: no guessing needed.
    ['a key in another case, with a look-alike', [level('SEV2', 2), level('S2', 3)], 'sev2', 'SEV2'],
    // Spellings that two levels share are not guessed.
    ['a spelling two levels share', [level('SEV2', 2), level('S2', 3)], 'Sev 2', null],
    ['a spelling two levels share, hyphenated', [level('SEV-1', 1), level('SEV1', 2)], 'sev 1', null],
    ['a spelling three levels share', [level('SEV1', 1), level('S-1', 2), level('Sev_1', 3)], 'S 1', null],
    ['keys alike but for case', [level('SEV1', 1), level('sev1', 2)], 'Sev1', null],
    // Only the look-alikes of the name matter.
    ['another number than the shared one', [level('SEV2', 2), level('S2', 3), level('SEV3', 4)], 'Sev-3', 'SEV3'],
    ['custom keys with a number', [level('P1', 1), level('P2', 2)], 'p-2', 'P2'],
    ['custom keys without a number', [level('Critical', 1), level('Major', 2)], 'MAJOR', 'Major'],
  ])('%s', (_name, levels, name, key) => {
    expect(keyOf(levels, name)).toBe(key);
  });
});
