/**
 * Free text over the API's length limits, shortened instead of rejected: an import never loses a record to the
 * length of a title or a status update. A text over its limit (TEXT_LIMITS, in characters as class-validator counts
 * them) is cut at a word boundary and ends in "…"; the whole text stays in the incident's source payload (the record
 * as read) and, for a title, also becomes the customer impact when the record has no other description. The import
 * reports each such record as a `shortened` note. Pure: no Nest, no TypeORM, no I/O.
 *
 * The rules of shortenText:
 * - a text within its limit is returned as it is (exactly at the limit included);
 * - otherwise it keeps as many whole characters as fit with the "…" (grapheme clusters: an emoji, a flag, a letter
 *   with its combining accent or a ZWJ family is never cut in half), then goes back to the last white space, unless
 *   that would drop more than half of what fits (one long word, a URL, text without spaces: cut inside the word);
 * - white space and punctuation that would dangle before the "…" (`,` `;` `:` `.` `-` `(` `/` …) are dropped;
 * - the result, "…" included, is within the limit.
 */
import { maxLength } from 'class-validator';
import type { MappedIncident, MappedIncidentFields, MappedTimelineEntry } from './formats/mapped-incident.js';
import { TEXT_LIMITS } from './import-validation.js';

export const ELLIPSIS = '…';

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
/** White space, dashes, opening brackets and quotes, and the punctuation that reads wrong before "…". */
const DANGLING = /[\s\p{Pd}\p{Ps}\p{Pi}.,;:!?·…/\\|&+=*]/u;
const WHITE_SPACE = /\s/u;
/** UTF-16 units looked at on each side of a cut to find the grapheme cluster it falls in (a ZWJ family takes 11). */
const CLUSTER_WINDOW = 128;

const codePoints = (text: string): number => {
  let n = 0;
  for (const _ of text) n++;
  return n;
};

/**
 * Whether `text` fits `max` characters as the API counts them. Its UTF-16 length bounds that count: it is at most the
 * length, and at least a third of it (an astral character with a variation selector: three units, one character).
 */
export const fitsLimit = (text: string, max: number): boolean => text.length <= max || (text.length <= 3 * max && maxLength(text, max));

/** The UTF-16 index after the first `count` code points of `text`. */
function afterCodePoints(text: string, count: number): number {
  let at = 0;
  for (let n = 0; n < count && at < text.length; n++) at += (text.codePointAt(at) ?? 0) > 0xffff ? 2 : 1;
  return at;
}

/**
 * `at`, or the start of the grapheme cluster that `at` falls inside. Only a window around `at` is segmented: ICU's
 * segmenter costs about 10 µs a cluster, seconds on a megabyte.
 */
function clusterStart(text: string, at: number): number {
  if (at <= 0 || at >= text.length) return at;
  const from = Math.max(0, at - CLUSTER_WINDOW);
  const cluster = graphemes.segment(text.slice(from, at + CLUSTER_WINDOW)).containing(at - from);
  return cluster === undefined ? at : Math.min(at, from + cluster.index);
}

/** `text` within `max` characters; see the file's comment for the rules. */
export function shortenText(text: string, max: number): string {
  if (fitsLimit(text, max)) return text;
  const budget = max - codePoints(ELLIPSIS);
  const end = clusterStart(text, afterCodePoints(text, budget));
  let cut = end;
  if (end < text.length && !WHITE_SPACE.test(text[end])) {
    // The next character continues a word: go back to the white space before it, unless that drops over half.
    let space = end - 1;
    while (space >= end / 2 && !WHITE_SPACE.test(text[space])) space--;
    if (space >= end / 2) cut = space;
  }
  let trimmed = cut;
  while (trimmed > 0 && DANGLING.test(text[trimmed - 1])) trimmed--;
  return `${text.slice(0, trimmed === 0 ? end : trimmed)}${ELLIPSIS}`;
}

/** One text the import shortened: where (the field as import issues name it), and its length before and after. */
export interface ShortenedText {
  field: string;
  /** The whole text, as the record had it. */
  original: string;
  from: number;
  to: number;
  limit: number;
}

/** The record with every text over its limit shortened, and what was shortened (empty: the record itself, untouched). */
export interface FittedIncident {
  incident: MappedIncident;
  shortened: ShortenedText[];
  /** Whether the whole title became the customer impact (the record had no other description). */
  titleAsImpact: boolean;
}

type TextField = 'title' | 'functionality' | 'state' | 'audience' | 'customerImpact' | 'commander' | 'investigator' | 'comms' | 'scribe' | 'exclusionReason';

/** The incident's free-text fields, in the order they are reported, with the names import issues use. */
const TEXT_FIELDS: readonly [TextField, string, number][] = [
  ['title', 'title', TEXT_LIMITS.title],
  ['functionality', 'functionality', TEXT_LIMITS.functionality],
  ['state', 'state', TEXT_LIMITS.state],
  ['audience', 'audience', TEXT_LIMITS.audience],
  ['customerImpact', 'customer_impact', TEXT_LIMITS.customerImpact],
  ['commander', 'commander', TEXT_LIMITS.commander],
  ['investigator', 'investigator', TEXT_LIMITS.investigator],
  ['comms', 'comms', TEXT_LIMITS.comms],
  ['scribe', 'scribe', TEXT_LIMITS.scribe],
  ['exclusionReason', 'exclusion_reason', TEXT_LIMITS.exclusionReason],
];

const isLong = (value: unknown, max: number): value is string => typeof value === 'string' && !fitsLimit(value, max);

/**
 * The mapped record with its free texts within the API's limits (anything that is not text is left for validation to
 * refuse). A shortened title whose record has no customer impact (absent or blank) puts the whole title there.
 */
export function fitToLimits(incident: MappedIncident): FittedIncident {
  const f = incident.fields;
  const needed = TEXT_FIELDS.some(([key, , max]) => isLong(f[key], max))
    || (Array.isArray(f.tags) && f.tags.some((tag) => isLong(tag, TEXT_LIMITS.tag)))
    || incident.timeline.some((entry) => isLong(entry.author, TEXT_LIMITS.timelineAuthor) || isLong(entry.body, TEXT_LIMITS.timelineBody));
  if (!needed) return { incident, shortened: [], titleAsImpact: false };

  const shortened: ShortenedText[] = [];
  const fit = (field: string, text: string, limit: number): string => {
    const short = shortenText(text, limit);
    if (short !== text) shortened.push({ field, original: text, from: codePoints(text), to: codePoints(short), limit });
    return short;
  };
  const fields: MappedIncidentFields = { ...f };
  const titleAsImpact = isLong(f.title, TEXT_LIMITS.title) && (f.customerImpact === undefined || (typeof f.customerImpact === 'string' && f.customerImpact.trim() === ''));
  if (titleAsImpact) fields.customerImpact = f.title;
  for (const [key, name, max] of TEXT_FIELDS) {
    const value = fields[key];
    if (isLong(value, max)) fields[key] = fit(name, value, max);
  }
  if (Array.isArray(f.tags)) fields.tags = f.tags.map((tag, i) => (isLong(tag, TEXT_LIMITS.tag) ? fit(`tags[${i}]`, tag, TEXT_LIMITS.tag) : tag));
  const timeline = incident.timeline.map((entry, i): MappedTimelineEntry => {
    const author = isLong(entry.author, TEXT_LIMITS.timelineAuthor) ? fit(`timeline[${i}].author`, entry.author, TEXT_LIMITS.timelineAuthor) : entry.author;
    const body = isLong(entry.body, TEXT_LIMITS.timelineBody) ? fit(`timeline[${i}].body`, entry.body, TEXT_LIMITS.timelineBody) : entry.body;
    return author === entry.author && body === entry.body ? entry : { ...entry, author, body };
  });
  return { incident: { ...incident, fields, timeline }, shortened, titleAsImpact };
}

/** The `shortened` note of a record: every text it shortened, and where the whole texts are. */
export function describeShortened({ shortened, titleAsImpact }: Pick<FittedIncident, 'shortened' | 'titleAsImpact'>): string {
  const each = shortened.map(({ field, from, to, limit }) => `${field} (${from} characters, limit ${limit}: now ${to})`).join(', ');
  const where = titleAsImpact ? 'the source payload; the whole title is also the customer impact' : 'the source payload';
  return `shortened at a word boundary, ending in "${ELLIPSIS}": ${each}; imported, the whole ${shortened.length === 1 ? 'text is' : 'texts are'} kept in ${where}`;
}
