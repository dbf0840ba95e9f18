import { resolveNames } from './name-resolution.js';

/** A table of names (exact spellings) to ids, matched ignoring case like the SQL lookup. */
function table(initial: Record<string, string>) {
  const rows = new Map(Object.entries(initial));
  let next = 1;
  return {
    rows,
    find: async (names: string[]) => new Map(names.flatMap((name) => {
      const exact = rows.get(name);
      if (exact) return [[name, exact] as [string, string]];
      const match = [...rows].find(([stored]) => stored.toLowerCase() === name.toLowerCase());
      return match ? [[name, match[1]] as [string, string]] : [];
    })),
    create: async (names: string[]) => new Map(names.map((name) => {
      const id = `new-${next++}`;
      rows.set(name, id);
      return [name, id] as [string, string];
    })),
  };
}

describe('resolveNames', () => {
  it('finds existing names ignoring case and creates nothing', async () => {
    const t = table({ Payments: 't1' });
    expect(await resolveNames(['payments', 'Payments'], t.find, t.create)).toEqual({ ids: new Map([['payments', 't1'], ['Payments', 't1']]), created: [] });
  });

  it('creates each missing name once per spelling ignoring case, the first spelling winning', async () => {
    const t = table({});
    const result = await resolveNames(['Search', 'search', 'SEARCH', 'Checkout'], t.find, t.create);
    expect(result.created).toEqual(['Search', 'Checkout']);
    expect(result.ids).toEqual(new Map([['Search', 'new-1'], ['search', 'new-1'], ['SEARCH', 'new-1'], ['Checkout', 'new-2']]));
    expect([...t.rows.keys()]).toEqual(['Search', 'Checkout']);
  });

  it('without create (a dry run) only lists the names it would create', async () => {
    const t = table({ Payments: 't1' });
    const result = await resolveNames(['payments', 'Search', 'search'], t.find, null);
    expect(result).toEqual({ ids: new Map([['payments', 't1'], ['Search', ''], ['search', '']]), created: ['Search'] });
    expect([...t.rows.keys()]).toEqual(['Payments']);
  });
});
