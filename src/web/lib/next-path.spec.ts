import { safeNextPath } from './next-path';

describe('safeNextPath', () => {
  it.each([
    ['/reports', '/reports'],
    ['/reports?month=2026-10', '/reports?month=2026-10'],
    [null, '/'],
    ['', '/'],
    ['https://example.com/', '/'],
    ['//example.com/reports', '/'],
    ['/\\example.com', '/'],
    ['reports', '/'],
  ])('%p leads to %p', (next, path) => {
    expect(safeNextPath(next)).toBe(path);
  });
});
