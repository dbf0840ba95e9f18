import { formatTarget, parseTarget } from './target-duration';

describe('SLA target durations', () => {
  it.each([
    [null, 'No target'],
    [0, '0 min'],
    [45, '45 s'],
    [900, '15 min'],
    [3600, '1 h'],
    [5400, '1 h 30 min'],
    [86_400, '1 d'],
    [259_200, '3 d'],
    [1_209_600, '14 d'],
    [90_061, '1 d 1 h 1 min 1 s'],
  ])('formatTarget(%p) is %p', (seconds, text) => {
    expect(formatTarget(seconds)).toBe(text);
  });

  it.each([
    ['', null],
    ['   ', null],
    ['15 min', 900],
    ['4 h', 14_400],
    ['4h', 14_400],
    ['1h30m', 5400],
    ['1 h 30 min', 5400],
    ['1.5 h', 5400],
    ['14 days', 1_209_600],
    ['2 Hours', 7200],
    ['0 min', 0],
    ['45 s', 45],
  ])('parseTarget(%p) is %p seconds', (text, seconds) => {
    expect(parseTarget(text)).toEqual({ ok: true, seconds });
  });

  it.each([
    ['30', /"30" needs a unit/],
    ['4 weeks', /"weeks" is not a unit/],
    ['soon', /cannot read "soon"/],
    ['1 h -5 min', /cannot read/],
    ['0.5 s', /not a whole number of seconds/],
  ])('parseTarget(%p) is refused, saying why', (text, problem) => {
    const parsed = parseTarget(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.problem).toMatch(problem);
  });

  it.each([0, 45, 900, 5400, 90_061, 1_209_600, 31_622_400])('formatTarget(%p) parses back to the same seconds', (seconds) => {
    expect(parseTarget(formatTarget(seconds))).toEqual({ ok: true, seconds });
  });
});
