/**
 * Blameless-language hints for retrospective answers (SPEC §1, seed 001 "Don't assign blame to
 * individuals"). A hint, never a block: the form shows them, saving is never refused.
 * Pure: no Nest, no TypeORM.
 *
 * Decisions on phrases that look blame-shaped but are not flagged:
 * - "should have" is flagged only as hindsight: followed by a past participle ("should have caught",
 *   "should have been", "shouldn't have deployed") or ending the clause ("longer than we should have.").
 *   A recommendation ("we should have alerting on queue depth", "we should have a runbook") is not,
 *   and neither is a question ("should we have alerting?": the words are not even adjacent).
 * - "fault" is flagged only when attributed ("my/his/their/whose fault", "at fault", "the fault of",
 *   "the fault lies", "<name>'s fault"). Engineering uses stay quiet: "no fault found in the disk",
 *   "fault tolerance", "page fault", "fault injection". "nobody's fault"/"anyone's fault" are blameless.
 * - "failed to" is flagged only with a person as its subject ("he failed to", "the on-call engineer
 *   failed to", "<name> failed to"). Systems fail too, and "the health check failed to fire" is exactly
 *   the systems-focused language we want. "we failed to …" speaks for the team, not an individual: not flagged.
 * - "blame-free" and "blameless" are not "blame".
 * Overlapping matches keep the earliest, then the longest ("Dana forgot to" is one hint about Dana).
 */

export interface BlameHint {
  /** The text as written in the input. */
  phrase: string;
  /** Offset of the phrase in the input, in UTF-16 code units (JavaScript string index). */
  index: number;
  /** Why it reads as blame and a systems-focused way to say it. */
  message: string;
}

interface Rule {
  pattern: RegExp;
  message: string;
}

/** Word boundaries that understand letters outside ASCII ("José caused"). */
const START = '(?<![\\p{L}\\p{N}_])';
const END = '(?![\\p{L}\\p{N}_])';
const APOS = "['’]";
const ADVERB = '(?:\\s+(?:\\p{L}+ly|just|never|already|also|simply|at\\s+least))?';

const IRREGULAR_PARTICIPLES = [
  'been', 'known', 'seen', 'done', 'caught', 'gone', 'run', 'taken', 'written', 'told', 'thought', 'built', 'sent', 'had', 'made',
  'given', 'gotten', 'got', 'found', 'kept', 'left', 'put', 'read', 'set', 'spent', 'understood', 'brought', 'chosen', 'spoken',
  'driven', 'hidden', 'forgotten', 'broken', 'let', 'shut', 'begun', 'drawn', 'shown', 'thrown', 'meant', 'felt', 'heard', 'held',
  'led', 'lost', 'met', 'said', 'stood', 'taught', 'rolled', 'paid', 'split', 'rebuilt', 'rewritten', 'overseen', 'foreseen',
];
/** Words ending in "ed" that are not participles ("we should have speed limits"). */
const NOT_PARTICIPLES = ['need', 'speed', 'feed', 'seed', 'breed', 'bleed', 'embed', 'shred', 'red', 'bed', 'shed', 'hundred', 'deed', 'greed'];
const PARTICIPLE = `(?:(?!(?:${NOT_PARTICIPLES.join('|')})${END})\\p{L}+ed|${IRREGULAR_PARTICIPLES.join('|')})${END}`;

/** Subjects that make "failed to" about a person. */
const PERSON_SUBJECT =
  `(?:i|you|he|she|they|someone|somebody|nobody|no\\s+one|(?:(?:the|an?|our|their|his|her)\\s+)?(?:[\\p{L}-]+\\s+)?` +
  `(?:engineer|developer|dev|operator|responder|admin|administrator|on-?call|sre|reviewer|commander|person|intern)s?)`;

const HINDSIGHT =
  'Hindsight: it judges a past choice by what we know now. Describe what people knew and saw at the time, and what would have made the safer choice the easy one (e.g. "nothing in the dashboard showed the queue was backing up").';
const HUMAN_ERROR =
  '"Human error" ends the inquiry where it should start. Describe what made the action reasonable at the time and which safeguard was missing (e.g. "the script ran against production without asking for confirmation").';
const JUDGEMENT =
  'Judges a person instead of describing the work. Describe the action, its context and what the system allowed (e.g. "the change reached production without a review step").';
const BLAME =
  'Blame looks for a culprit, not for causes. Describe the conditions and contributing factors instead (e.g. "three things combined: …").';
const OMISSION =
  'Frames a missed step as a personal failing. Ask what would have prompted or automated it (e.g. "no checklist or alert reminded anyone to renew the certificate").';

const RULES: Rule[] = [
  { pattern: rx(`human\\s+errors?|operator\\s+errors?`), message: HUMAN_ERROR },
  {
    pattern: rx(`(?:should(?:n${APOS}t|\\s+not)?|ought\\s+(?:not\\s+)?to)(?:\\s+have|${APOS}ve)(?:${ADVERB}\\s+${PARTICIPLE}|(?=\\s*(?:[.!?,;:)]|$)))`),
    message: HINDSIGHT,
  },
  { pattern: rx(`careless(?:ly|ness)?|negligen(?:t|tly|ce)|incompeten(?:t|ce|cy)|reckless(?:ly|ness)?|sloppy|sloppiness`), message: JUDGEMENT },
  {
    pattern: rx(
      `(?:(?:my|your|his|her|their|our|someone${APOS}s|somebody${APOS}s|whose)\\s+fault|at\\s+fault|(?:the\\s+)?fault\\s+(?:of|lies|lay|was\\s+with))`,
    ),
    message: BLAME,
  },
  { pattern: rx(`(?:blam(?:e|ed|es|ing)(?![\\p{L}\\p{N}_-])|scapegoat(?:s|ed|ing)?)`, false), message: BLAME },
  { pattern: rx(`${PERSON_SUBJECT}${ADVERB}\\s+failed\\s+to`), message: OMISSION },
  { pattern: rx(`forg(?:ot|otten)\\s+(?:to|about)`), message: OMISSION },
  { pattern: rx(`(?:didn${APOS}t|did\\s+not)\\s+bother|couldn${APOS}t\\s+be\\s+bothered`), message: OMISSION },
  { pattern: rx(`mistakes?\\s+(?:made\\s+)?by`), message: JUDGEMENT },
];

function rx(body: string, withEnd = true): RegExp {
  return new RegExp(`${START}(?:${body})${withEnd ? END : ''}`, 'giu');
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The names to look for: each person's full name and, for a multi-word name, the first name
 * ("Dana Smith" → "Dana Smith", "Dana"). Names shorter than two characters are ignored.
 */
function nameVariants(people: string[]): { name: string; pattern: string }[] {
  const seen = new Set<string>();
  const variants: { name: string; pattern: string }[] = [];
  for (const person of people) {
    const full = person.trim().replace(/\s+/g, ' ');
    const words = full.split(' ');
    for (const candidate of words.length > 1 ? [full, words[0]] : [full]) {
      if (candidate.length < 2 || seen.has(candidate.toLowerCase())) continue;
      seen.add(candidate.toLowerCase());
      variants.push({ name: full, pattern: candidate.split(' ').map(escape).join('\\s+') });
    }
  }
  return variants;
}

/** A named person used as a cause: "Dana caused", "Dana broke", "because of Dana", "Dana's mistake", "Dana forgot". */
function personRules(people: string[]): Rule[] {
  return nameVariants(people).map(({ name, pattern }) => ({
    pattern: rx(
      `(?:${pattern}(?:${APOS}s\\s+(?:mistake|fault|error|screw-?up|blunder|negligence|carelessness)|${ADVERB}\\s+(?:caused|broke|forgot|failed\\s+to|messed\\s+up|screwed\\s+up))` +
        `|(?:because\\s+of|due\\s+to)\\s+${pattern}(?!${APOS}s))`,
    ),
    message: `Names ${name} as a cause. People are a source of insight, not the cause: describe the action and the conditions around it (e.g. "a config change reached production without validation").`,
  }));
}

/** Blame-shaped phrases in `text`, in order of appearance. `people` are names to watch for as causes. */
export function findBlameHints(text: string, people: string[] = []): BlameHint[] {
  return blameHintFinder(people)(text);
}

/**
 * findBlameHints for many texts about the same people (a retrospective's answers): the rules about the
 * people are built once, not once per text.
 */
export function blameHintFinder(people: string[] = []): (text: string) => BlameHint[] {
  const rules = [...personRules(people), ...RULES];
  return (text) => {
    const found: BlameHint[] = [];
    for (const { pattern, message } of rules) {
      // exec on the rule's own (global) pattern rather than matchAll, which copies the pattern for every text: a
      // report reads a hundred thousand answers. A failed exec leaves lastIndex at 0 for the next text.
      pattern.lastIndex = 0;
      for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
        found.push({ phrase: match[0], index: match.index, message });
        if (match[0] === '') pattern.lastIndex += 1;
      }
    }
    found.sort((a, b) => a.index - b.index || b.phrase.length - a.phrase.length);
    const hints: BlameHint[] = [];
    for (const hint of found) {
      const last = hints[hints.length - 1];
      if (last && hint.index < last.index + last.phrase.length) continue;
      hints.push(hint);
    }
    return hints;
  };
}
