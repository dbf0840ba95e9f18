import { metricLabel, milestoneLabel, reasonText } from './metrics';

describe('data-quality wording', () => {
  it.each([
    ['ttr', 'missing', 'no “resolved” time'],
    ['tta', 'missing', 'no “detected” or “acknowledged” time'],
    ['ttRetro', 'missing', 'no “resolved” or “retro done” time'],
    ['ttm', 'order', '“mitigated” is before “started”'],
    ['tte', 'excluded', 'excluded from metrics'],
    ['unknown', 'missing', 'a milestone is missing'],
    ['unknown', 'order', 'its end is before its start'],
  ])('reasonText(%s, %s) is %s', (metric, reason, text) => {
    expect(reasonText(metric, reason)).toBe(text);
  });

  it.each([
    ['ttRetro', 'Time to retro'],
    ['other', 'other'],
  ])('metricLabel(%s) is %s', (metric, label) => {
    expect(metricLabel(metric)).toBe(label);
  });

  it('names milestones in words, unknown ones as they are', () => {
    expect([milestoneLabel('retroDoneAt'), milestoneLabel('somethingAt')]).toEqual(['retro done', 'somethingAt']);
  });
});
