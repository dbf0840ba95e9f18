import { formatDuration } from './durations';

describe('formatDuration', () => {
  it.each([
    [0, '0 s'], [45, '45 s'], [60, '1 min'], [720, '12 min'], [3600, '1 h'], [4320, '1 h 12 min'], [86400, '1 d'], [183600, '2 d 3 h'],
    [null, '—'], [-5, '—'],
  ])('%p seconds → %s', (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text);
  });
});
