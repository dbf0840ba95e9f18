import { cellList, cellText, columnLetter, excelDuration, excelLocalTime, excelLocalTimeIn, fittedWidth, MAX_CELL_TEXT } from './cells.js';

describe('cellText', () => {
  it.each([
    ['=HYPERLINK("http://x","y")', '=HYPERLINK("http://x","y")'],
    ['+cmd', '+cmd'],
    ['-1+2', '-1+2'],
    ['@SUM(A1)', '@SUM(A1)'],
    ['tab\tand\nnew line', 'tab\tand\nnew line'],
    ['bell\u0007 and nul\u0000 dropped', 'bell and nul dropped'],
    ['\uFFFEnoncharacter', 'noncharacter'],
    ['Zoë ✓ 日本', 'Zoë ✓ 日本'],
  ])('keeps %j as the text %j (never a formula: it stays a string)', (input, expected) => {
    expect(cellText(input)).toBe(expected);
  });

  it('leaves an absent value empty', () => {
    expect(cellText(null)).toBeNull();
    expect(cellText(undefined)).toBeNull();
  });

  it("shortens text past Excel's cell limit, marking the cut", () => {
    const text = cellText('x'.repeat(MAX_CELL_TEXT + 10))!;
    expect(text).toHaveLength(MAX_CELL_TEXT);
    expect(text.endsWith('…')).toBe(true);
  });

  it.each([
    [['checkout', 'payments'], 'checkout, payments'],
    [[], null],
    [null, null],
  ])('lists %j as %j', (values, expected) => {
    expect(cellList(values)).toBe(expected);
  });
});

describe('excelLocalTime', () => {
  it.each([
    ['2026-10-15T10:00:00Z', 'Europe/Berlin', '2026-10-15T12:00:00.000Z'],
    // DST ends in Berlin on 2026-10-25 at 03:00 local (01:00 UTC): before it +2 h, after it +1 h.
    ['2026-10-25T00:30:00Z', 'Europe/Berlin', '2026-10-25T02:30:00.000Z'],
    ['2026-10-25T01:30:00Z', 'Europe/Berlin', '2026-10-25T02:30:00.000Z'],
    ['2026-03-08T07:00:00Z', 'America/New_York', '2026-03-08T03:00:00.000Z'],
    ['2026-10-15T10:00:00Z', 'UTC', '2026-10-15T10:00:00.000Z'],
    ['2026-10-15T10:00:00Z', 'Asia/Kolkata', '2026-10-15T15:30:00.000Z'],
  ])('%s in %s is written as the wall-clock time %s', (instant, zone, expected) => {
    expect(excelLocalTime(new Date(instant), zone)!.toISOString()).toBe(expected);
  });

  it('leaves a missing milestone empty', () => {
    expect(excelLocalTime(null, 'Europe/Berlin')).toBeNull();
  });
});

describe('excelLocalTimeIn', () => {
  // Every 7 minutes and 13 seconds over four days around each zone's 2026 transitions (Lord Howe's is half an
  // hour; Kathmandu's offset is not whole hours; Kolkata and UTC have none).
  it.each([
    ['Europe/Berlin', '2026-03-27T00:00:00Z'],
    ['Europe/Berlin', '2026-10-23T00:00:00Z'],
    ['America/New_York', '2026-03-06T00:00:00Z'],
    ['America/New_York', '2026-10-30T00:00:00Z'],
    ['Australia/Lord_Howe', '2026-04-03T00:00:00Z'],
    ['Australia/Lord_Howe', '2026-10-02T00:00:00Z'],
    ['Asia/Kathmandu', '2026-06-01T00:00:00Z'],
    ['Asia/Kolkata', '2026-06-01T00:00:00Z'],
    ['UTC', '2026-06-01T00:00:00Z'],
  ])('in %s from %s gives what excelLocalTime gives, instant by instant', (zone, from) => {
    const local = excelLocalTimeIn(zone);
    const start = Date.parse(from);
    const differing: string[] = [];
    let transitions = 0;
    let previousOffset: number | null = null;
    for (let ms = start; ms < start + 4 * 86_400_000; ms += 433_000) {
      const instant = new Date(ms);
      const expected = excelLocalTime(instant, zone)!.getTime();
      if (local(instant)!.getTime() !== expected) differing.push(instant.toISOString());
      const offset = expected - ms;
      if (previousOffset !== null && offset !== previousOffset) transitions += 1;
      previousOffset = offset;
    }
    expect(differing).toEqual([]);
    // The windows of the DST zones hold their transition: the cached hours are tested on both sides of it.
    expect(transitions).toBe(['Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe'].includes(zone) ? 1 : 0);
  });

  it('leaves a missing milestone empty', () => {
    expect(excelLocalTimeIn('Europe/Berlin')(null)).toBeNull();
  });
});

describe('excelDuration', () => {
  it.each([
    [86_400, 1],
    [3_600, 1 / 24],
    [0, 0],
    [null, null],
  ])('%s s is %s days', (seconds, days) => {
    expect(excelDuration(seconds)).toBe(days);
  });
});

describe('columnLetter and fittedWidth', () => {
  it.each([
    [1, 'A'],
    [26, 'Z'],
    [27, 'AA'],
    [52, 'AZ'],
    [703, 'AAA'],
  ])('column %i is %s', (column, letters) => {
    expect(columnLetter(column)).toBe(letters);
  });

  it.each([
    ['Key', ['INC-2026-0001'], 17],
    ['Title', ['x'.repeat(200)], 60],
    ['A', [null, 'ab'], 8],
  ])('fits header %s and values to %i characters', (header, values, width) => {
    expect(fittedWidth(header, values)).toBe(width);
  });
});
