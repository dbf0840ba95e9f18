import { changesOf, conflictsOf, draftOf, fromLocalInput, mergeDrafts, parseAttendees, toLocalInput, type Draft, type RetroFields } from './draft';

const saved: RetroFields = {
  facilitator: 'Sam Lee',
  attendees: ['Dana Smith', 'Sam Lee'],
  scheduledAt: null,
  heldAt: null,
  questions: [
    { key: 'went_well', answer: 'The rollback took four minutes.' },
    { key: 'got_lucky', answer: null },
  ],
};
const base = draftOf(saved);
const edit = (changes: Partial<Draft>, answers: Record<string, string> = {}): Draft => ({ ...base, ...changes, answers: { ...base.answers, ...answers } });

describe('the retrospective draft', () => {
  it('holds the service\'s fields as the inputs do', () => {
    expect(base).toEqual({ facilitator: 'Sam Lee', attendees: 'Dana Smith, Sam Lee', scheduledAt: '', heldAt: '', answers: { went_well: 'The rollback took four minutes.', got_lucky: '' } });
  });

  it.each([
    ['nothing', edit({}), {}],
    ['spaces the service trims', edit({ facilitator: ' Sam Lee ', attendees: 'Dana Smith ,Sam Lee, Dana Smith' }), {}],
    ['a cleared facilitator', edit({ facilitator: '  ' }), { facilitator: null }],
    ['attendees', edit({ attendees: 'Dana Smith, Ravi Patel' }), { attendees: ['Dana Smith', 'Ravi Patel'] }],
    ['a new answer and a removed one', edit({}, { got_lucky: 'The cache held.', went_well: '' }), { answers: { went_well: null, got_lucky: 'The cache held.' } }],
    ['an answer with only trailing spaces added (kept as typed)', edit({}, { went_well: 'The rollback took four minutes. ' }), { answers: { went_well: 'The rollback took four minutes. ' } }],
  ])('sends only what changed: %s', (_, draft, expected) => {
    expect(changesOf(base, draft)).toEqual(expected);
  });

  it('sends times as instants, and the round trip through the service changes nothing', () => {
    const draft = edit({ heldAt: '2026-03-03T14:30' });
    const { heldAt } = changesOf(base, draft);
    expect(heldAt).toBe(new Date(2026, 2, 3, 14, 30).toISOString());
    expect(toLocalInput(heldAt!)).toBe('2026-03-03T14:30');
    expect(changesOf(draftOf({ ...saved, heldAt: heldAt! }), draft)).toEqual({});
    expect(fromLocalInput('')).toBeNull();
  });

  it.each([
    ['Dana Smith, Sam Lee', ['Dana Smith', 'Sam Lee']],
    [' Dana   Smith ,, dana smith, Dana Smith', ['Dana Smith', 'dana smith']],
    ['', []],
  ])('parses attendees %j', (text, names) => {
    expect(parseAttendees(text)).toEqual(names);
  });
});

describe('a conflict with someone else\'s save', () => {
  const mine = edit({ facilitator: 'Ravi Patel' }, { went_well: 'Mine.', got_lucky: 'Only I answered this.' });
  const theirs = edit({ attendees: 'Dana Smith, Sam Lee, Jo Park' }, { went_well: 'Theirs.' });

  it('lists the fields both changed, differently, with both versions', () => {
    expect(conflictsOf(base, mine, theirs)).toEqual([{ field: 'answers.went_well', mine: 'Mine.', theirs: 'Theirs.' }]);
    expect(conflictsOf(base, mine, edit({}, { went_well: 'Mine.' }))).toEqual([]);
  });

  it.each([
    ['mine', new Set(['answers.went_well'] as const), 'Mine.'],
    ['theirs', new Set<never>(), 'Theirs.'],
  ])('merges their other changes with mine, taking %s where both changed', (_, keep, wentWell) => {
    expect(mergeDrafts(base, mine, theirs, keep)).toEqual({
      ...base,
      facilitator: 'Ravi Patel',
      attendees: 'Dana Smith, Sam Lee, Jo Park',
      answers: { went_well: wentWell, got_lucky: 'Only I answered this.' },
    });
  });
});
