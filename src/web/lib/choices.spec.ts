import { appendList, listParam, toggled, withSelected } from './choices';

describe('list filter choices', () => {
  const services = [{ value: 'payments-api', label: 'payments-api' }, { value: 'search-api', label: 'search-api' }];

  it.each([
    [[], services],
    [['search-api'], services],
    [['gone-api', 'search-api', 'gone-api'], [...services, { value: 'gone-api', label: 'gone-api' }]],
  ])('offers the choices and every selected value they lack: %j', (selected, expected) => {
    expect(withSelected(services, selected)).toEqual(expected);
  });

  it.each([
    [['SEV1'], 'SEV2', ['SEV1', 'SEV2']],
    [['SEV1', 'SEV2'], 'SEV1', ['SEV2']],
    [[], 'SEV3', ['SEV3']],
  ])('toggles %j with %j into %j', (selected, value, expected) => {
    expect(toggled(selected, value)).toEqual(expected);
  });

  it.each([
    ['team=Payments&team=Search', ['Payments', 'Search']],
    ['team=Payments,Search', ['Payments', 'Search']],
    ['team=Payments,%20Search&team=&team=Platform', ['Payments', 'Search', 'Platform']],
    ['other=1', []],
  ])('reads %s as %j', (search, values) => {
    expect(listParam(new URLSearchParams(search), 'team')).toEqual(values);
  });

  it('writes one parameter per value, which reads back the same', () => {
    const params = new URLSearchParams();
    appendList(params, 'team', ['Payments', 'Search & Discovery']);
    expect(params.toString()).toBe('team=Payments&team=Search+%26+Discovery');
    expect(listParam(params, 'team')).toEqual(['Payments', 'Search & Discovery']);
  });
});
