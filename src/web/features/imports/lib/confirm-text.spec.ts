import { confirmText } from './confirm-text';

describe('confirmText', () => {
  it.each([
    [{ created: 4, updated: 0, unchanged: 0, rejected: 1 }, 'Importing creates 4 incidents; the rejected record stays out.'],
    [{ created: 1, updated: 2, unchanged: 0, rejected: 0 }, 'Importing creates 1 incident and updates 2 incidents.'],
    [{ created: 1, updated: 1, unchanged: 1200, rejected: 3 }, 'Importing creates 1 incident, updates 1 incident and leaves 1,200 incidents as they are; the 3 rejected records stay out.'],
    [{ created: 0, updated: 0, unchanged: 0, rejected: 5 }, 'No record of this file can be imported.'],
  ])('%p', (counts, text) => {
    expect(confirmText(counts)).toBe(text);
  });
});
