import { findBlameHints } from '../../../../retros/blame-hints';
import { segmentsOf } from './highlight';

describe('segmentsOf', () => {
  it.each([
    ['no hints', 'The queue backed up.', [], [['The queue backed up.', false]]],
    ['a phrase in the middle', 'It was human error, sadly.', [{ index: 7, phrase: 'human error', message: 'm' }], [['It was ', false], ['human error', true], [', sadly.', false]]],
    ['a phrase at the start and the end', 'blame it', [{ index: 0, phrase: 'blame', message: 'm' }, { index: 6, phrase: 'it', message: 'm' }], [['blame', true], [' ', false], ['it', true]]],
    ['an overlapping hint skipped', 'abcdef', [{ index: 0, phrase: 'abcd', message: 'm' }, { index: 2, phrase: 'cd', message: 'm' }], [['abcd', true], ['ef', false]]],
    ['a stale hint (text changed) skipped', 'abc', [{ index: 1, phrase: 'xy', message: 'm' }], [['abc', false]]],
  ])('%s', (_, text, hints, expected) => {
    const segments = segmentsOf(text, hints);
    expect(segments.map((s) => [s.text, !!s.hint])).toEqual(expected);
    expect(segments.map((s) => s.text).join('')).toBe(text);
  });

  it('marks what the shared blame-hints module finds', () => {
    const text = 'John should have known better; Dana forgot to renew it.';
    const segments = segmentsOf(text, findBlameHints(text, ['Dana Smith']));
    expect(segments.filter((s) => s.hint).map((s) => s.text)).toEqual(['should have known', 'Dana forgot']);
  });
});
