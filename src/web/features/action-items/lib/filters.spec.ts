import { apiQueryOf, filtersOf, searchOf } from './filters';

describe('action item filters in the URL', () => {
  it.each([
    ['', { team: [], owner: '', overdue: false }],
    ['?team=Payments&owner=Dana%20Smith&overdue=true', { team: ['Payments'], owner: 'Dana Smith', overdue: true }],
    ['?team=%20Payments%20&overdue=yes&other=1', { team: ['Payments'], owner: '', overdue: false }],
    ['?team=Payments&team=Search,Platform', { team: ['Payments', 'Search', 'Platform'], owner: '', overdue: false }],
  ])('reads %j', (search, filters) => {
    expect(filtersOf(new URLSearchParams(search))).toEqual(filters);
  });

  it.each([
    [{ team: [], owner: '', overdue: false }, ''],
    [{ team: ['Payments'], owner: ' Dana Smith ', overdue: true }, 'team=Payments&owner=Dana+Smith&overdue=true'],
    [{ team: [], owner: 'Sam', overdue: false }, 'owner=Sam'],
    [{ team: ['Payments', 'Search'], owner: '', overdue: true }, 'team=Payments&team=Search&overdue=true'],
  ])('writes %j as %j, and reads it back', (filters, search) => {
    expect(searchOf(filters).toString()).toBe(search);
    expect(searchOf(filtersOf(searchOf(filters)))).toEqual(searchOf(filters));
  });

  it('reads several teams back as they were chosen', () => {
    const filters = { team: ['Payments', 'Search'], owner: 'Dana', overdue: false };
    expect(filtersOf(searchOf(filters))).toEqual(filters);
  });

  it('asks the API for open and in-progress items with the filters set', () => {
    expect(apiQueryOf({ team: [], owner: '', overdue: false })).toEqual({ status: ['open', 'in_progress'] });
    expect(apiQueryOf({ team: ['Payments', 'Search'], owner: 'Dana', overdue: true })).toEqual({ status: ['open', 'in_progress'], team: ['Payments', 'Search'], owner: 'Dana', overdue: true });
  });
});
