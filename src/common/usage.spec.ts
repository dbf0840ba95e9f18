import { describeUsage, type Usage } from './usage.js';

const of = (incidents: number, services: number, actionItems: number): Usage[] => [
  { count: incidents, singular: 'incident', plural: 'incidents' },
  { count: services, singular: 'service', plural: 'services' },
  { count: actionItems, singular: 'action item', plural: 'action items' },
];

describe('describeUsage', () => {
  it.each([
    [of(1, 0, 0), '1 incident'],
    [of(2, 0, 0), '2 incidents'],
    [of(0, 1, 0), '1 service'],
    [of(2, 1, 0), '2 incidents and 1 service'],
    [of(0, 3, 1), '3 services and 1 action item'],
    [of(1, 2, 3), '1 incident, 2 services and 3 action items'],
  ])('%j reads "%s"', (usages, text) => {
    expect(describeUsage(usages)).toBe(text);
  });

  it('is null when nothing refers to it', () => {
    expect(describeUsage(of(0, 0, 0))).toBeNull();
    expect(describeUsage([])).toBeNull();
  });
});
