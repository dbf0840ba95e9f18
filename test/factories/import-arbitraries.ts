/**
 * fast-check arbitraries for Hindsight CSV import files, with the outcome every row must have.
 *
 * A generated file is a list of rows, each VALID (random but valid cells: nasty text, every timestamp spelling
 * the importer documents, milestones in or out of order, names that satisfy REFERENCE_NAME…) or INVALID (one
 * defect on an otherwise valid row, or a line that is not a row at all), serialized with random layout
 * choices (quoting, delimiter, line breaks, BOM, blank lines, chunking). What "valid" means is decided here,
 * independently of the code under test, from the rules the mapper and validation document:
 *
 * - cells are trimmed (String.prototype.trim); an empty cell is "not given" (null, [], '' or the default);
 * - external_id (else key), title, severity and started_at are required; severity and peak_severity are a
 *   level key in any case (SEV1–SEV3 in a fresh database), or its number after `s`, `sev` or `severity` with any
 *   separator and leading zeros (`SEV-2`, `Sev 2`, `s02`, `Severity_2`);
 * - instants are ISO 8601 with an offset (Z, ±hh:mm or ±hhmm; `T`, `t` or a space; 0–9 fraction digits, read
 *   to the millisecond; seconds optional); a local time without offset is refused when no time zone is given;
 * - length limits in characters: external_id 500 (longer is rejected); title 300, functionality/state/audience and
 *   the four roles 200, customer_impact 20000, exclusion_reason 2000, tags 100 each: a longer text (generated as one
 *   long word) is imported cut to its first limit − 1 characters and "…", the record noted as shortened (the first
 *   field so cut named), and a cut title whose row has no customer impact becomes the customer impact whole;
 *   services and owning_team are names (REFERENCE_NAME: 1–100 characters, no comma, no surrounding white space, not a
 *   uuid);
 * - list cells split on `|`, items trimmed, empty items and exact repeats dropped; services and teams are
 *   matched by name ignoring case (the spec compares names with PostgreSQL's lower(), as the import does);
 * - impact_scope unknown/all/some/few and excluded_from_metrics true/false/yes/no/1/0, any case;
 * - peak_severity, when given, is stored when it is at least as severe as severity, else severity is the peak;
 * - a row's `source` cell (when not empty) must match /^[a-z0-9][a-z0-9._-]{0,62}$/ and keys the row with its id;
 * - the same (source, external id) twice in one file: the second is rejected;
 * - milestones out of order are imported and flagged.
 *
 * NUL (U+0000) never appears in generated text: PostgreSQL text cannot hold it. The example-based tests in
 * test/integration/imports-fuzz.spec.ts cover a NUL byte on its own.
 */
import fc from 'fast-check';
import { HINDSIGHT_CSV_COLUMNS, type HindsightCsvColumn } from '../../src/imports/formats/hindsight-csv.mapper.js';

export type Column = HindsightCsvColumn;
type Cells = Partial<Record<Column, string>>;

export const MILESTONE_COLUMNS = [
  'started_at', 'detected_at', 'acknowledged_at', 'investigating_at', 'identified_at', 'mitigated_at', 'resolved_at', 'retro_prep_at', 'retro_done_at',
] as const;
export type MilestoneColumn = (typeof MILESTONE_COLUMNS)[number];

const REQUIRED: readonly Column[] = ['title', 'severity', 'started_at'];
const SEVERITIES = ['SEV1', 'SEV2', 'SEV3'] as const;
const DAY = 86_400_000;
const T_MIN = Date.parse('1990-01-01T00:00:00Z');
const T_MAX = Date.parse('2099-12-01T00:00:00Z');

/** What a valid row must be in the database after an import into a fresh one. */
export interface ExpectedIncident {
  source: string;
  externalId: string;
  /** INC-<year of started_at in UTC>-<sequence>. */
  keyYear: number;
  title: string;
  severity: string;
  peakSeverity: string;
  functionality: string | null;
  state: string | null;
  audience: string | null;
  /** Sorted: the database keeps a set. */
  services: string[];
  owningTeam: string | null;
  customerImpact: string;
  impactScope: string;
  knownCustomersImpacted: string[];
  commander: string | null;
  investigator: string | null;
  comms: string | null;
  scribe: string | null;
  tags: string[];
  excludedFromMetrics: boolean;
  exclusionReason: string | null;
  /** ISO instants (ms), null when not given. */
  milestones: Record<MilestoneColumn, string | null>;
  /** The row as read: every header column with its cell text, untrimmed. */
  sourcePayload: Record<string, string>;
}

export type Defect =
  | 'bad-timestamp' | 'unknown-severity' | 'empty-title' | 'over-long' | 'bad-name' | 'bad-value'
  | 'cell-count' | 'garbage' | 'not-utf8' | 'duplicate-id' | 'missing-id';

export interface PlannedRow {
  /** 1-based record number (data rows, blank lines not counted). */
  record: number;
  /** 1-based line of the file the row starts on. */
  line: number;
  /** The row's text as the rejected-records file must give it back (bytes that are not UTF-8 as U+FFFD). */
  raw: string;
  kind: 'valid' | 'invalid';
  /** Valid rows: the incident it must become. */
  expected?: ExpectedIncident;
  /** Valid rows: its milestones are out of lifecycle order, so it must be flagged. */
  outOfOrder?: boolean;
  /** Valid rows out of order: the first milestone that is before an earlier one (the field the flag names). */
  flaggedField?: MilestoneColumn;
  /** Valid rows with a text over its limit: the field the `shortened` note names. */
  shortenedField?: string;
  /** Invalid rows: what is wrong, and the field the rejection must name (null: the row could not be read). */
  defect?: Defect;
  field?: string | null;
}

export interface Layout {
  delimiter: ',' | ';';
  /** `mixed`: LF or CRLF, chosen per row. */
  eol: '\n' | '\r\n' | '\r' | 'mixed';
  bom: boolean;
  /** `all`: every cell quoted; `needed`: cells with a quote, delimiter or line break; `relaxed`: also leaves quotes inside a cell bare (`5" screen`). */
  quoting: 'all' | 'needed' | 'relaxed';
  finalEol: boolean;
  /** Space around the header's names (the reader trims them). */
  headerPad: string;
  /** Size of the chunks the file is streamed in. */
  chunk: number;
}

export interface FuzzFile {
  layout: Layout;
  columns: Column[];
  /** The file as read (bytes that are not UTF-8 as U+FFFD), for people. */
  text: string;
  bytes: Buffer;
  chunks: Buffer[];
  /** The header line the rejected-records file starts with. */
  headerLine: string;
  rows: PlannedRow[];
}

// ─── text ───────────────────────────────────────────────────────────────────────────────────────────────

/** Pieces of text that have broken CSV and Unicode handling somewhere. */
const NASTY = [
  ',', ';', '"', '""', "'", '\n', '\r', '\r\n', ' ', '  ', '\t', '|', '\\', '#', '=', '+', '-', '@',
  '\u00A0', '\uFEFF', '\u2028', '\u2029', '\u0085', '\u200B', '\u200D', '\u202E', '\u200F', '\u3000',
  'é', 'e\u0301', 'ß', 'İ', 'ﬃ', 'Ω', '😀', '👩‍💻', '❤️', '🇫🇷', '🏳️‍🌈', '𝔘', 'שלום', 'مرحبا', 'עִבְרִית', '中文', '日本語', 'Ελληνικά',
  '\uFFFD', '\uFFFE', '\uFFFF', '\uE000', '\u{10FFFF}', '\u0001', '\u001B', '\u007F',
];

const codePoint = fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }).filter((c) => c !== '\u0000');

const unit = fc.oneof(
  { weight: 5, arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 }) },
  { weight: 3, arbitrary: fc.constantFrom(...NASTY) },
  { weight: 1, arbitrary: codePoint },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }).filter((c) => !c.includes('\u0000')) },
);

/** oneof that may shrink a value of a later choice to one of the first (the plainest). */
const CROSS = { withCrossShrink: true } as const;

const codePoints = (text: string) => [...text].length;
const clamp = (text: string, max: number) => (codePoints(text) > max ? [...text].slice(0, max).join('') : text);

/** Any text (no NUL), up to `maxLength` pieces and `maxChars` characters. */
const text = (maxLength: number, maxChars = Number.MAX_SAFE_INTEGER) => fc.string({ unit, maxLength }).map((t) => clamp(t, maxChars));

/** Text that is not empty once trimmed, at most `maxChars` characters. */
const nonBlank = (maxLength: number, maxChars: number) =>
  text(maxLength, maxChars - 1).map((t) => (t.trim() === '' ? `T${t}` : t));

/** `count` characters between an `x` and a `y`, all of one kind: the longest value a limit allows. */
const exactly = (count: number) =>
  fc.constantFrom('a', 'é', '😀', 'ש', ' ', ',').map((c) => `x${c.repeat(count - 2)}y`);

const pad = fc.constantFrom('', '', '', ' ', '  ', '\t', ' \u00A0', '\u3000', '\n');
const padded = (core: fc.Arbitrary<string>) => fc.tuple(pad, core, pad).map(([a, c, b]) => `${a}${c}${b}`);

/** A cell for text with a length limit: empty (not given) or text within the limit, now and then exactly at it. */
const limitedText = (max: number, typical = 30) =>
  fc.oneof(
    CROSS,
    { weight: 2, arbitrary: fc.constantFrom('', ' ') },
    { weight: 6, arbitrary: padded(nonBlank(typical, max)) },
    { weight: 1, arbitrary: exactly(max) },
  );

const UUID = '3f2b8c1e-9a4d-4e6f-8b7a-1c2d3e4f5a6b';

/** A name that satisfies REFERENCE_NAME: 1–100 characters, no comma, no surrounding white space, not a uuid. `|` is the list separator. */
const name = fc.oneof(
  CROSS,
  { weight: 2, arbitrary: fc.constantFrom('Payments', 'payments', 'PAYMENTS', 'Search', 'checkout-api', 'Платежи', '支付 团队', 'Ops ✨', 'a', 'x"y', 'semi;colon', `${UUID}x`) },
  { weight: 3, arbitrary: text(12, 100).map((t) => t.replace(/[,|]/g, '').trim()).map((t) => (t === '' ? 'n' : t)) },
  { weight: 1, arbitrary: exactly(100).map((t) => t.replace(/,/g, '.')) },
);

/** A `|`-separated list cell and the items it must become: split, trimmed, empties and exact repeats dropped. */
const listCell = (item: fc.Arbitrary<string>, maxItems: number) =>
  fc
    .record({
      items: fc.array(item, { maxLength: maxItems }),
      repeat: fc.boolean(),
      separators: fc.array(fc.constantFrom('|', ' | ', '||', '|\t'), { minLength: maxItems + 1, maxLength: maxItems + 1 }),
      outer: pad,
    })
    .map(({ items, repeat, separators, outer }) => {
      const all = repeat && items.length > 0 ? [...items, items[0]] : items;
      const cell = `${outer}${all.map((i, n) => (n === 0 ? i : `${separators[n - 1]}${i}`)).join('')}${outer}`;
      return { cell, items: [...new Set(all.map((i) => i.trim()).filter((i) => i !== ''))] };
    });

const inAnyCase = (word: string) =>
  fc.array(fc.boolean(), { minLength: word.length, maxLength: word.length }).map((upper) => [...word].map((c, i) => (upper[i] ? c.toUpperCase() : c.toLowerCase())).join(''));

const choice = <T extends string>(values: readonly T[]) => fc.constantFrom(...values).chain((v) => padded(inAnyCase(v)).map((cell) => ({ cell, value: v })));

/** A severity key as files spell it: the key in any case, or its number after s, sev or severity (SEV-2, Sev 2, s02). */
const severityCell = fc.oneof(
  CROSS,
  { weight: 4, arbitrary: choice(SEVERITIES) },
  {
    weight: 1,
    arbitrary: fc.tuple(
      fc.constantFrom(...SEVERITIES), fc.constantFrom('s', 'S', 'sev', 'Sev', 'SEV', 'severity', 'Severity'), fc.constantFrom('', '-', ' ', '_', ' - '), fc.constantFrom('', '0', '00'),
    ).chain(([value, prefix, separator, zeros]) => padded(fc.constant(`${prefix}${separator}${zeros}${value.slice(3)}`)).map((cell) => ({ cell, value }))),
  },
);

const sourceName = fc.oneof(
  fc.constantFrom('hindsight', 'pagerduty', 'legacy-1', 'a.b_c', '0'),
  fc.stringMatching(/^[a-z0-9][a-z0-9._-]{0,20}$/),
);

// ─── timestamps ─────────────────────────────────────────────────────────────────────────────────────────

interface InstantFormat {
  offset: number;
  zone: 'Z' | 'z' | 'colon' | 'nocolon';
  sep: 'T' | 't' | ' ';
  precision: 'shortest' | 'millis' | 'short-fraction' | 'extra-digits';
  extra: string;
  pad: string;
}

const instantFormat: fc.Arbitrary<InstantFormat> = fc.record({
  offset: fc.constantFrom(0, 0, 0, 60, -300, 330, 345, -720, 840, -570, -30),
  zone: fc.constantFrom('Z', 'z', 'colon', 'nocolon'),
  sep: fc.constantFrom('T', 'T', 't', ' '),
  precision: fc.constantFrom('shortest', 'millis', 'short-fraction', 'extra-digits'),
  extra: fc.stringMatching(/^\d{1,6}$/),
  pad: fc.constantFrom('', '', ' ', '\t '),
});

const two = (n: number) => String(n).padStart(2, '0');

/** The instant `ms` spelled in `f`; it must read back as exactly `ms` (digits past the millisecond are dropped). */
function renderInstant(ms: number, f: InstantFormat): string {
  const local = new Date(ms + f.offset * 60_000).toISOString();
  const [date, hm, ss, mmm] = [local.slice(0, 10), local.slice(11, 16), local.slice(17, 19), local.slice(20, 23)];
  let time = hm;
  if (f.precision === 'extra-digits') time += `:${ss}.${mmm}${f.extra}`;
  else if (f.precision === 'millis') time += `:${ss}.${mmm}`;
  else if (mmm !== '000') time += `:${ss}.${f.precision === 'short-fraction' ? mmm.replace(/0+$/, '') : mmm}`;
  else if (ss !== '00') time += `:${ss}`;
  const zone = f.offset === 0 && (f.zone === 'Z' || f.zone === 'z')
    ? f.zone
    : `${f.offset < 0 ? '-' : '+'}${two(Math.floor(Math.abs(f.offset) / 60))}${f.zone === 'nocolon' ? '' : ':'}${two(Math.abs(f.offset) % 60)}`;
  return `${f.pad}${date}${f.sep}${time}${zone}${f.pad}`;
}

const milestonesSeed = fc.record({
  start: fc.integer({ min: T_MIN, max: T_MAX }),
  /** ordered: each present milestone at or after the one before; free: anywhere around started_at. */
  mode: fc.constantFrom('ordered', 'ordered', 'free'),
  offsets: fc.array(fc.option(fc.oneof(fc.constantFrom(0, 1, 1000, 60_000), fc.integer({ min: -2 * DAY, max: 10 * DAY })), { nil: null, freq: 2 }), {
    minLength: 8, maxLength: 8,
  }),
  formats: fc.array(instantFormat, { minLength: 9, maxLength: 9 }),
  empty: fc.constantFrom('', '', ' '),
});

const BAD_INSTANTS = [
  'soon', '2026-02-30T10:00:00Z', '2025-02-29T00:00:00Z', '2026-03-01 10:00', '2026-03-01T10:00:00', '2026-13-01T00:00:00Z',
  '2026-03-01T24:00:00Z', '2026-03-01T10:60:00Z', '1772357400', '01/03/2026 10:00', '2026-03-01T10:00:00 UTC', '2026-03-01T10:00:00+25:00',
  '2026-03-01', 'T10:00:00Z', '2026-03-01T10:00:00ZZ', '２０２６-03-01T10:00:00Z',
];

// ─── rows ───────────────────────────────────────────────────────────────────────────────────────────────

const validSeed = fc.record({
  idSuffix: fc.oneof(CROSS, fc.constant(''), text(8, 40)),
  idPad: pad,
  idInKey: fc.boolean(),
  /** Now and then the external id of an earlier valid row under another source: a different incident, to import too. */
  reuseId: fc.oneof(CROSS, { weight: 6, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.nat() }),
  keyText: text(10, 60),
  title: fc.oneof(CROSS, { weight: 9, arbitrary: padded(nonBlank(40, 300)) }, { weight: 1, arbitrary: exactly(300) }),
  severity: severityCell,
  peak: fc.option(severityCell, { freq: 2 }),
  functionality: limitedText(200),
  state: limitedText(200),
  audience: limitedText(200),
  services: listCell(name, 4),
  team: fc.option(padded(name), { freq: 3 }),
  customerImpact: fc.oneof(CROSS, { weight: 12, arbitrary: limitedText(20000, 60) }, { weight: 1, arbitrary: exactly(20000) }),
  scope: fc.option(choice(['unknown', 'all', 'some', 'few'] as const), { freq: 2 }),
  customers: listCell(text(10, 200).map((t) => t.replace(/\|/g, '/')), 4),
  commander: limitedText(200, 12),
  investigator: limitedText(200, 12),
  comms: limitedText(200, 12),
  scribe: limitedText(200, 12),
  tags: listCell(fc.oneof(CROSS, text(10, 100).map((t) => t.replace(/\|/g, '/')), exactly(100).map((t) => t.replace(/\|/g, '/'))), 5),
  source: fc.option(padded(sourceName), { freq: 2 }),
  excluded: fc.option(choice(['true', 'false', 'yes', 'no', '1', '0'] as const), { freq: 2 }),
  exclusionReason: limitedText(2000),
  status: text(6),
  milestones: milestonesSeed,
});
type ValidSeed = (typeof validSeed extends fc.Arbitrary<infer T> ? T : never);

const OVER_LONG: Partial<Record<Column, number>> = {
  title: 300, functionality: 200, state: 200, audience: 200, commander: 200, investigator: 200, comms: 200, scribe: 200,
  customer_impact: 20000, exclusion_reason: 2000, external_id: 500, tags: 100,
};

type DefectSeed =
  | { kind: 'bad-timestamp'; column: MilestoneColumn; text: string }
  | { kind: 'unknown-severity'; column: 'severity' | 'peak_severity'; text: string }
  | { kind: 'empty-title'; text: string }
  | { kind: 'over-long'; column: Column; char: string }
  | { kind: 'bad-name'; column: 'services' | 'owning_team'; text: string }
  | { kind: 'bad-value'; column: 'impact_scope' | 'excluded_from_metrics' | 'source'; text: string }
  | { kind: 'cell-count'; delta: -1 | 1; extra: string }
  | { kind: 'garbage'; text: string }
  | { kind: 'not-utf8'; bytes: number[]; at: number }
  | { kind: 'duplicate-id'; of: number }
  | { kind: 'missing-id'; text: string };

const defectSeed: fc.Arbitrary<DefectSeed> = fc.oneof(
  fc.record({ kind: fc.constant('bad-timestamp' as const), column: fc.constantFrom(...MILESTONE_COLUMNS), text: padded(fc.constantFrom(...BAD_INSTANTS)) }),
  fc.record({ kind: fc.constant('bad-timestamp' as const), column: fc.constant('started_at' as const), text: fc.constantFrom('', ' ', '\t') }),
  fc.record({
    kind: fc.constant('unknown-severity' as const), column: fc.constantFrom('severity' as const, 'peak_severity' as const),
    text: padded(fc.constantFrom('SEV4', 'SEV0', 'P1', 'critical', 'S4', 'SEV 12', 'SEV1.0', 'SEV1a', 'Sev', 'ＳＥＶ4')),
  }),
  fc.record({ kind: fc.constant('unknown-severity' as const), column: fc.constant('severity' as const), text: fc.constantFrom('', ' ') }),
  fc.record({ kind: fc.constant('empty-title' as const), text: fc.constantFrom('', ' ', '   ', '\t', '\u00A0', '\u3000', '\uFEFF', ' \n ') }),
  fc.record({ kind: fc.constant('over-long' as const), column: fc.constantFrom(...(Object.keys(OVER_LONG) as Column[])), char: fc.constantFrom('a', 'é', '😀', 'ש') }),
  fc.record({
    kind: fc.constant('bad-name' as const), column: fc.constantFrom('services' as const, 'owning_team' as const),
    text: fc.constantFrom(UUID, UUID.toUpperCase(), 'Payments, EU', 'a,b', 'x'.repeat(101), `${'é'.repeat(100)}e`),
  }),
  fc.oneof(
    fc.record({ kind: fc.constant('bad-value' as const), column: fc.constant('impact_scope' as const), text: padded(fc.constantFrom('most', 'everyone', 'all customers', 'none')) }),
    fc.record({ kind: fc.constant('bad-value' as const), column: fc.constant('excluded_from_metrics' as const), text: padded(fc.constantFrom('maybe', 'y', 'n', '2', 'on', 'off', 'TRUE!')) }),
    fc.record({ kind: fc.constant('bad-value' as const), column: fc.constant('source' as const), text: padded(fc.constantFrom('Bad Source', 'UPPER', '-leading', 'ü', 'a'.repeat(64), 'a/b')) }),
  ),
  fc.record({ kind: fc.constant('cell-count' as const), delta: fc.constantFrom(-1 as const, 1 as const), extra: text(5) }),
  fc.record({
    kind: fc.constant('garbage' as const),
    text: text(30).map((t) => t.replace(/[",;\r\n]/g, '')).map((t) => (/[^ \t]/.test(t) ? t : `garbage${t}`)),
  }),
  fc.record({
    kind: fc.constant('not-utf8' as const),
    bytes: fc.constantFrom<number[]>([0xff], [0xfe], [0x80], [0xc3, 0x28], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xe2, 0x82], [0xf5, 0x80, 0x80, 0x80], [0xf0, 0x9f, 0x98], [0xe9]),
    at: fc.double({ min: 0, max: 1, noNaN: true }),
  }),
  fc.record({ kind: fc.constant('duplicate-id' as const), of: fc.nat() }),
  fc.record({ kind: fc.constant('missing-id' as const), text: fc.constantFrom('', ' ', '\t', '\u00A0') }),
);

const rowSeed = fc.record({
  base: validSeed,
  defect: fc.oneof(CROSS, { weight: 3, arbitrary: fc.constant(null) }, { weight: 2, arbitrary: defectSeed }),
  blankBefore: fc.oneof(CROSS, { weight: 8, arbitrary: fc.constant([] as string[]) }, { weight: 1, arbitrary: fc.array(fc.constantFrom('', ' ', '\t', '  \t'), { minLength: 1, maxLength: 2 }) }),
  eol: fc.constantFrom('\n', '\r\n'),
});
type RowSeed = (typeof rowSeed extends fc.Arbitrary<infer T> ? T : never);

const OPTIONAL_COLUMNS = HINDSIGHT_CSV_COLUMNS.filter((c) => !REQUIRED.includes(c));

/**
 * The header: a shuffled subset of the documented columns that still has the required ones and an id column
 * (it shrinks toward fewer columns), or the documented header itself.
 */
const header: fc.Arbitrary<Column[]> = fc.oneof(
  CROSS,
  fc.tuple(fc.shuffledSubarray([...OPTIONAL_COLUMNS]), fc.shuffledSubarray([...REQUIRED], { minLength: REQUIRED.length }), fc.nat(), fc.constantFrom('external_id', 'key') as fc.Arbitrary<Column>)
    .map(([optional, required, at, id]) => {
      const columns = [...optional];
      for (const [i, column] of required.entries()) columns.splice((at + i * 7) % (columns.length + 1), 0, column);
      if (!columns.includes('external_id') && !columns.includes('key')) columns.push(id);
      return columns;
    }),
  fc.constant<Column[]>([...HINDSIGHT_CSV_COLUMNS]),
);

/** Each choice shrinks toward its first value, the plainest file. */
const layout: fc.Arbitrary<Layout> = fc.record({
  delimiter: fc.constantFrom(',' as const, ';' as const),
  eol: fc.constantFrom('\n' as const, '\r\n' as const, '\r' as const, 'mixed' as const),
  bom: fc.boolean(),
  quoting: fc.constantFrom('needed' as const, 'all' as const, 'relaxed' as const),
  finalEol: fc.oneof(CROSS, { weight: 3, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
  headerPad: fc.constantFrom('', '', ' ', '\t'),
  chunk: fc.constantFrom(Number.MAX_SAFE_INTEGER, 65_536, 1000, 64, 7, 3, 2, 1),
});

/** Chunks under 64 bytes only for files under this size: a 400 kB file a byte at a time takes seconds. */
const SMALL_CHUNKS_UP_TO = 20_000;

/** A Hindsight CSV file of up to `maxRows` rows, valid and invalid, with the outcome of each. */
export function hindsightCsvFile(maxRows = 40): fc.Arbitrary<FuzzFile> {
  return fc.record({ layout, columns: header, seeds: fc.array(rowSeed, { maxLength: maxRows, size: 'medium' }) }).map(({ layout, columns, seeds }) => buildFile(layout, columns, seeds));
}

// ─── building a file ────────────────────────────────────────────────────────────────────────────────────

interface BuiltRow {
  kind: 'valid' | 'invalid';
  /** Cells by column, as read back (unescaped, untrimmed). */
  cells: Cells;
  expected?: ExpectedIncident;
  outOfOrder?: boolean;
  flaggedField?: MilestoneColumn;
  shortenedField?: string;
  defect?: Defect;
  field?: string | null;
  /** For invalid rows that are not cells of the header. */
  line?: { text: string } | { cells: string[] } | { cells: string[]; bytes: number[]; at: number; column: number };
}

function buildFile(layout: Layout, columns: Column[], seeds: RowSeed[]): FuzzFile {
  const built: BuiltRow[] = [];
  seeds.forEach((seed, index) => {
    const base = validRow(seed.base, index, columns, otherSource(seed.base.reuseId, columns, built));
    built.push(seed.defect ? withDefect(base, seed.defect, index, columns, built) : base);
  });

  const eolOf = (seed: RowSeed) => (layout.eol === 'mixed' ? seed.eol : layout.eol);
  const headerText = columns.map((c) => cellText(`${layout.headerPad}${c}${layout.headerPad}`, layout)).join(layout.delimiter);
  const parts: Buffer[] = [];
  if (layout.bom) parts.push(Buffer.from([0xef, 0xbb, 0xbf]));
  parts.push(Buffer.from(headerText));
  let line = 2;
  const rows: PlannedRow[] = [];
  built.forEach((row, index) => {
    const seed = seeds[index];
    const eol = eolOf(seed);
    parts.push(Buffer.from(index === 0 ? (layout.eol === 'mixed' ? '\n' : layout.eol) : eolOf(seeds[index - 1])));
    for (const blank of seed.blankBefore) {
      parts.push(Buffer.from(`${blank}${layout.eol === '\r' ? '\r' : layout.eol === 'mixed' ? eol : layout.eol}`));
      line += 1;
    }
    const bytes = rowBytes(row, columns, layout);
    parts.push(bytes);
    const raw = bytes.toString('utf8');
    rows.push({
      record: index + 1, line, raw, kind: row.kind,
      ...(row.kind === 'valid'
        ? { expected: row.expected, outOfOrder: row.outOfOrder, flaggedField: row.flaggedField, ...(row.shortenedField ? { shortenedField: row.shortenedField } : {}) }
        : { defect: row.defect, field: row.field }),
    });
    line += 1 + lineBreaks(raw);
  });
  if (layout.finalEol) parts.push(Buffer.from(built.length === 0 ? (layout.eol === 'mixed' ? '\n' : layout.eol) : eolOf(seeds[seeds.length - 1])));
  const bytes = Buffer.concat(parts);
  const chunk = layout.chunk < 64 && bytes.length > SMALL_CHUNKS_UP_TO ? 64 : layout.chunk;
  const chunks: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += chunk) chunks.push(bytes.subarray(at, at + chunk));
  const file: FuzzFile = {
    layout: { ...layout, chunk }, columns, text: bytes.toString('utf8'), bytes, chunks, headerLine: columns.join(layout.delimiter), rows,
  };
  Object.defineProperty(file, fc.toStringMethod, {
    enumerable: false,
    value: () => `FuzzFile(${JSON.stringify(file.layout)}) ${JSON.stringify(file.text)}\n  rows: ${rows.map((r) => `${r.record}:${r.kind}${r.defect ? `(${r.defect}→${r.field})` : ''}${r.outOfOrder ? '(out of order)' : ''}${r.shortenedField ? `(shortened ${r.shortenedField})` : ''}`).join(' ')}`,
  });
  return file;
}

function lineBreaks(text: string): number {
  return (text.match(/\r\n|\r|\n/g) ?? []).length;
}

function needsQuotes(text: string, layout: Layout): boolean {
  if (layout.quoting === 'all') return true;
  if (text.includes(layout.delimiter) || text.includes('\r') || text.includes('\n')) return true;
  return layout.quoting === 'relaxed' ? text.startsWith('"') : text.includes('"');
}

function cellText(text: string, layout: Layout): string {
  return needsQuotes(text, layout) ? `"${text.replace(/"/g, '""')}"` : text;
}

function rowBytes(row: BuiltRow, columns: Column[], layout: Layout): Buffer {
  const line = row.line;
  if (line && 'text' in line) return Buffer.from(line.text);
  const cells = line ? line.cells : columns.map((c) => row.cells[c] ?? '');
  if (!line || !('bytes' in line)) return Buffer.from(cells.map((c) => cellText(c, layout)).join(layout.delimiter));
  // Bytes that are not UTF-8 go into one cell; the cell is quoted (or not) as its text would be.
  const before = cells.slice(0, line.column).map((c) => `${cellText(c, layout)}${layout.delimiter}`).join('');
  const after = cells.slice(line.column + 1).map((c) => `${layout.delimiter}${cellText(c, layout)}`).join('');
  const target = cells[line.column];
  const quoted = needsQuotes(target, layout);
  const split = Math.round([...target].length * line.at);
  const [head, tail] = [[...target].slice(0, split).join(''), [...target].slice(split).join('')];
  const esc = (t: string) => (quoted ? t.replace(/"/g, '""') : t);
  return Buffer.concat([
    Buffer.from(`${before}${quoted ? '"' : ''}${esc(head)}`), Buffer.from(line.bytes), Buffer.from(`${esc(tail)}${quoted ? '"' : ''}${after}`),
  ]);
}

const orNull = (cell: string | undefined) => (cell === undefined || cell.trim() === '' ? null : cell.trim());

/** A valid row; `identity` gives it the id (and source) of an earlier row. */
function validRow(seed: ValidSeed, index: number, columns: Column[], identity?: { id: string; source: string }): BuiltRow {
  const has = (c: Column) => columns.includes(c);
  const cells: Cells = {};
  const set = (column: Column, cell: string) => {
    if (has(column)) cells[column] = cell;
  };
  const id = identity?.id ?? `row-${index}.${seed.idSuffix}`;
  const idCell = `${seed.idPad}${id}${seed.idPad}`;
  if (has('external_id') && !(seed.idInKey && has('key'))) {
    set('external_id', idCell);
    set('key', seed.keyText);
  } else {
    set('external_id', seed.idPad);
    set('key', idCell);
  }
  set('title', seed.title);
  set('severity', seed.severity.cell);
  set('peak_severity', seed.peak?.cell ?? '');
  set('status', seed.status);
  set('functionality', seed.functionality);
  set('state', seed.state);
  set('audience', seed.audience);
  set('services', seed.services.cell);
  set('owning_team', seed.team ?? '');
  set('customer_impact', seed.customerImpact);
  set('impact_scope', seed.scope?.cell ?? '');
  set('known_customers_impacted', seed.customers.cell);
  set('commander', seed.commander);
  set('investigator', seed.investigator);
  set('comms', seed.comms);
  set('scribe', seed.scribe);
  set('tags', seed.tags.cell);
  set('source', identity ? `${seed.idPad}${identity.source}` : (seed.source ?? ''));
  set('excluded_from_metrics', seed.excluded?.cell ?? '');
  set('exclusion_reason', seed.exclusionReason);

  const m = seed.milestones;
  const instants: (number | null)[] = [m.start];
  let previous = m.start;
  for (const offset of m.offsets) {
    if (offset === null) {
      instants.push(null);
      continue;
    }
    const at = m.mode === 'ordered' ? previous + Math.abs(offset) : m.start + offset;
    instants.push(at);
    previous = at;
  }
  MILESTONE_COLUMNS.forEach((column, i) => {
    const at = instants[i];
    set(column, at === null ? m.empty : renderInstant(at, m.formats[i]));
  });
  const given = MILESTONE_COLUMNS.flatMap((column, i) => (has(column) && instants[i] !== null ? [{ column, at: instants[i] }] : []));
  const flagged = given.find(({ at }, i) => i > 0 && at < Math.max(...given.slice(0, i).map((g) => g.at)));

  const severity = seed.severity.value;
  const expected: ExpectedIncident = {
    source: orNull(cells.source) ?? 'hindsight',
    externalId: id.trim(),
    keyYear: new Date(m.start).getUTCFullYear(),
    title: seed.title.trim(),
    severity,
    peakSeverity: has('peak_severity') && seed.peak && seed.peak.value < severity ? seed.peak.value : severity,
    functionality: orNull(cells.functionality),
    state: orNull(cells.state),
    audience: orNull(cells.audience),
    services: has('services') ? [...seed.services.items].sort() : [],
    owningTeam: orNull(cells.owning_team),
    customerImpact: cells.customer_impact?.trim() ?? '',
    impactScope: has('impact_scope') && seed.scope ? seed.scope.value : 'unknown',
    knownCustomersImpacted: has('known_customers_impacted') ? seed.customers.items : [],
    commander: orNull(cells.commander),
    investigator: orNull(cells.investigator),
    comms: orNull(cells.comms),
    scribe: orNull(cells.scribe),
    tags: has('tags') ? seed.tags.items : [],
    excludedFromMetrics: has('excluded_from_metrics') && seed.excluded ? ['true', 'yes', '1'].includes(seed.excluded.value) : false,
    exclusionReason: orNull(cells.exclusion_reason),
    milestones: Object.fromEntries(MILESTONE_COLUMNS.map((c, i) => {
      const at = instants[i];
      return [c, has(c) && at !== null ? new Date(at).toISOString() : null];
    })) as Record<MilestoneColumn, string | null>,
    sourcePayload: Object.fromEntries(columns.map((c) => [c, cells[c] ?? ''])),
  };
  return { kind: 'valid', cells, expected, outOfOrder: flagged !== undefined, flaggedField: flagged?.column };
}

/** The id of an earlier valid row with a source no valid row has used with that id yet, when `pick` asks for one. */
function otherSource(pick: number | null, columns: Column[], earlier: BuiltRow[]): { id: string; source: string } | undefined {
  if (pick === null || !columns.includes('source')) return undefined;
  const valid = earlier.filter((row) => row.kind === 'valid').map((row) => row.expected!);
  if (valid.length === 0) return undefined;
  const { externalId } = valid[pick % valid.length];
  const taken = new Set(valid.filter((e) => e.externalId === externalId).map((e) => e.source));
  const source = ['hindsight', 'other-source', `src-${pick % 97}`, ''].find((s) => !taken.has(s || 'hindsight'));
  return source === undefined ? undefined : { id: externalId, source };
}

/** `long` as the import shortens one long word over `max` characters: its first max − 1 characters and "…". */
const cutWord = (long: string, max: number) => `${[...long].slice(0, max - 1).join('')}…`;

/** Row fields by the column of a text with a length limit. */
const TEXT_FIELDS: Partial<Record<Column, keyof ExpectedIncident>> = {
  title: 'title', functionality: 'functionality', state: 'state', audience: 'audience', commander: 'commander', investigator: 'investigator',
  comms: 'comms', scribe: 'scribe', customer_impact: 'customerImpact', exclusion_reason: 'exclusionReason',
};

/**
 * The row `base` with one defect that must get it rejected; or, for a text over its length limit, the row imported
 * with that text shortened and noted.
 */
function withDefect(base: BuiltRow, defect: DefectSeed, index: number, columns: Column[], earlier: BuiltRow[]): BuiltRow {
  const has = (c: Column) => columns.includes(c);
  const cells = { ...base.cells };
  const invalid = (kind: Defect, field: string | null, extra: Partial<BuiltRow> = {}): BuiltRow => ({ kind: 'invalid', cells, defect: kind, field, ...extra });
  /** For a defect whose column the file lacks: an empty title (title is a column of every file). */
  const emptyTitle = () => {
    cells.title = '';
    return invalid('empty-title', 'title');
  };
  const idColumn: Column = has('external_id') && cells.external_id!.trim() !== '' ? 'external_id' : 'key';
  switch (defect.kind) {
    case 'bad-timestamp': {
      const column = has(defect.column) ? defect.column : 'started_at';
      cells[column] = column === 'started_at' || defect.text.trim() !== '' ? defect.text : 'soon';
      return invalid('bad-timestamp', column);
    }
    case 'unknown-severity': {
      const column = has(defect.column) ? defect.column : 'severity';
      cells[column] = column === 'severity' || defect.text.trim() !== '' ? defect.text : 'SEV4';
      return invalid('unknown-severity', column);
    }
    case 'empty-title':
      cells.title = defect.text;
      return invalid('empty-title', 'title');
    case 'over-long': {
      if (defect.column === 'external_id') {
        cells[idColumn] = `row-${index}.x${defect.char.repeat(OVER_LONG.external_id!)}`;
        return invalid('over-long', 'external_id');
      }
      const column = has(defect.column) ? defect.column : 'title';
      const max = OVER_LONG[column]!;
      const long = `x${defect.char.repeat(max)}`;
      cells[column] = column === 'tags' ? `ok|${long}` : long;
      const expected: ExpectedIncident = { ...base.expected!, sourcePayload: Object.fromEntries(columns.map((c) => [c, cells[c] ?? ''])) };
      if (column === 'tags') {
        expected.tags = ['ok', cutWord(long, max)];
        return { ...base, cells, expected, shortenedField: 'tags[1]' };
      }
      (expected as unknown as Record<string, string>)[TEXT_FIELDS[column]!] = cutWord(long, max);
      if (column === 'title' && (cells.customer_impact ?? '').trim() === '') expected.customerImpact = long;
      return { ...base, cells, expected, shortenedField: column };
    }
    case 'bad-name':
      if (!has(defect.column)) return emptyTitle();
      cells[defect.column] = defect.column === 'services' ? `fine|${defect.text}` : defect.text;
      return invalid('bad-name', defect.column);
    case 'bad-value':
      if (!has(defect.column)) return emptyTitle();
      cells[defect.column] = defect.text;
      return invalid('bad-value', defect.column);
    case 'cell-count': {
      const all = columns.map((c) => cells[c] ?? '');
      return invalid('cell-count', null, { line: { cells: defect.delta < 0 ? all.slice(0, -1) : [...all, defect.extra] } });
    }
    case 'garbage':
      return invalid('garbage', null, { line: { text: defect.text } });
    case 'not-utf8':
      return invalid('not-utf8', null, { line: { cells: columns.map((c) => cells[c] ?? ''), bytes: defect.bytes, at: defect.at, column: columns.indexOf('title') } });
    case 'missing-id':
      if (has('external_id')) cells.external_id = defect.text;
      if (has('key')) cells.key = defect.text;
      return invalid('missing-id', 'external_id');
    case 'duplicate-id': {
      const valid = earlier.filter((row) => row.kind === 'valid');
      if (valid.length === 0) return emptyTitle();
      const first = valid[defect.of % valid.length].expected!;
      cells[idColumn] = ` ${first.externalId}`;
      // The same source: spelled as the first row did, or left empty when that is the default.
      if (has('source')) cells.source = first.source === 'hindsight' && defect.of % 2 === 0 ? '' : first.source;
      else if (first.source !== 'hindsight') return emptyTitle();
      return invalid('duplicate-id', 'external_id');
    }
  }
}
