import { EMPTY_CHOICES, importFields, initialColumnMap, mapSpecs, missingRequiredTargets, repeatedTargets, valueSpecs } from './import-options';

describe('import options', () => {
  it('maps columns named like a Hindsight field to it (ignoring case), each field once, the rest to nothing', () => {
    expect(initialColumnMap(['id', 'Title', 'started_at', 'title', 'priority'])).toEqual({
      id: '', Title: 'title', started_at: 'started_at', title: '', priority: '',
    });
  });

  it('sends target=column for each mapped column, in the file\'s order', () => {
    expect(mapSpecs({ id: 'external_id', description: 'title', unused: '', created_at: 'started_at' })).toEqual([
      'external_id=id', 'title=description', 'started_at=created_at',
    ]);
  });

  it.each([
    [{ a: 'title', b: 'title', c: 'severity' }, ['title']],
    [{ a: 'title', b: '', c: '' }, []],
  ] as const)('repeatedTargets(%p) is %p', (map, repeated) => {
    expect([...repeatedTargets(map)]).toEqual(repeated);
  });

  it.each([
    [{ id: 'external_id', at: 'started_at' }, []],
    [{ id: 'external_id' }, ['started_at']],
    [{}, ['external_id', 'started_at']],
  ] as const)('missingRequiredTargets(%p) is %p', (map, missing) => {
    expect(missingRequiredTargets(map)).toEqual(missing);
  });

  it('reads value replacements one per line, skipping blank lines', () => {
    expect(valueSpecs('severity:P1=SEV1\r\n\n  severity:P2=SEV2  \n')).toEqual(['severity:P1=SEV1', 'severity:P2=SEV2']);
  });

  it('sends only the options that apply to the format, and the map only for any CSV', () => {
    const choices = {
      ...EMPTY_CHOICES, source: ' legacy ', timezone: 'Europe/Berlin', delimiter: ';' as const, encoding: 'windows-1252' as const,
      values: 'severity:3=SEV1', config: '{"a":1}', columnMap: { id: 'external_id' as const, start: 'started_at' as const, note: '' as const },
    };
    expect(importFields({ ...choices, format: 'csv' }, true)).toEqual([
      ['format', 'csv'], ['source', 'legacy'], ['dryRun', 'true'], ['timezone', 'Europe/Berlin'], ['delimiter', ';'], ['encoding', 'windows-1252'],
      ['map', 'external_id=id'], ['map', 'started_at=start'], ['value', 'severity:3=SEV1'],
    ]);
    expect(importFields({ ...choices, format: 'statuspage', source: '', timezone: '' }, false)).toEqual([
      ['format', 'statuspage'], ['value', 'severity:3=SEV1'],
    ]);
    expect(importFields({ ...choices, format: 'incidentio', source: '', timezone: '', values: '' }, false)).toEqual([
      ['format', 'incidentio'], ['config', '{"a":1}'],
    ]);
  });
});
