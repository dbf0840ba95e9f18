/**
 * The retrospective form's draft: what is typed, compared with what the service last answered. Pure: the
 * autosave sends `changesOf(saved, draft)`, and a 409 is resolved with `conflictsOf` / `mergeDrafts`.
 */

/** The editable fields as the form's inputs hold them (times as `datetime-local` values in the browser's zone). */
export interface Draft {
  facilitator: string;
  /** Comma-separated names. */
  attendees: string;
  scheduledAt: string;
  heldAt: string;
  /** Answer text by question key; '' when unanswered. */
  answers: Record<string, string>;
}

/** What the service's retrospective carries of those fields. */
export interface RetroFields {
  facilitator: string | null;
  attendees: string[];
  scheduledAt: string | null;
  heldAt: string | null;
  questions: { key: string; answer: string | null }[];
}

/** A PATCH body without its version: only the fields that changed. */
export interface DraftChanges {
  facilitator?: string | null;
  attendees?: string[];
  scheduledAt?: string | null;
  heldAt?: string | null;
  answers?: Record<string, string | null>;
}

/** A field of the draft: a top-level one, or `answers.<questionKey>`. */
export type DraftField = 'facilitator' | 'attendees' | 'scheduledAt' | 'heldAt' | `answers.${string}`;

const pad = (n: number) => String(n).padStart(2, '0');

/** An instant as a `datetime-local` value ("2026-03-03T14:00") in the browser's time zone; '' for none. */
export function toLocalInput(iso: string | null): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A `datetime-local` value as an instant (ISO, UTC); null for ''. An unparseable value is sent as typed, for the API to name. */
export function fromLocalInput(value: string): string | null {
  if (value.trim() === '') return null;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? value : d.toISOString();
}

/** "Dana Smith, Sam Lee ,, Dana Smith" → ["Dana Smith", "Sam Lee"] (as the API stores them: trimmed, no duplicates). */
export function parseAttendees(text: string): string[] {
  return [...new Set(text.split(',').map((name) => name.trim().replace(/\s+/g, ' ')).filter(Boolean))];
}

export function draftOf(retro: RetroFields): Draft {
  return {
    facilitator: retro.facilitator ?? '',
    attendees: retro.attendees.join(', '),
    scheduledAt: toLocalInput(retro.scheduledAt),
    heldAt: toLocalInput(retro.heldAt),
    answers: Object.fromEntries(retro.questions.map((q) => [q.key, q.answer ?? ''])),
  };
}

/** A field's value in a draft, normalised as the service would store it (so a saved draft has no changes left). */
function valueOf(draft: Draft, field: DraftField): string {
  if (field.startsWith('answers.')) return draft.answers[field.slice('answers.'.length)] ?? '';
  if (field === 'facilitator') return draft.facilitator.trim();
  if (field === 'attendees') return parseAttendees(draft.attendees).join('\n');
  return fromLocalInput(draft[field as 'scheduledAt' | 'heldAt']) ?? '';
}

/** Every field of a draft. */
export function fieldsOf(draft: Draft): DraftField[] {
  return ['facilitator', 'attendees', 'scheduledAt', 'heldAt', ...Object.keys(draft.answers).map((key) => `answers.${key}` as const)];
}

/** The fields whose values differ between two drafts. */
export function changedFields(from: Draft, to: Draft): DraftField[] {
  return fieldsOf(to).filter((field) => valueOf(from, field) !== valueOf(to, field));
}

/** The PATCH body (without version) that turns `saved` into `draft`; {} when nothing changed. */
export function changesOf(saved: Draft, draft: Draft): DraftChanges {
  const changes: DraftChanges = {};
  for (const field of changedFields(saved, draft)) {
    if (field.startsWith('answers.')) {
      const key = field.slice('answers.'.length);
      const answer = draft.answers[key] ?? '';
      changes.answers = { ...changes.answers, [key]: answer === '' ? null : answer };
    } else if (field === 'facilitator') changes.facilitator = draft.facilitator.trim() || null;
    else if (field === 'attendees') changes.attendees = parseAttendees(draft.attendees);
    else if (field === 'scheduledAt' || field === 'heldAt') changes[field] = fromLocalInput(draft[field]);
  }
  return changes;
}

/** A field both people changed, differently, since the version this draft was made on. */
export interface Conflict {
  field: DraftField;
  mine: string;
  theirs: string;
}

/** Raw form value of a field (what the person typed, for showing both versions). */
function rawOf(draft: Draft, field: DraftField): string {
  if (field.startsWith('answers.')) return draft.answers[field.slice('answers.'.length)] ?? '';
  return draft[field as Exclude<DraftField, `answers.${string}`>];
}

/** Fields changed both here (base → mine) and by someone else (base → theirs), to different values. */
export function conflictsOf(base: Draft, mine: Draft, theirs: Draft): Conflict[] {
  const ours = new Set(changedFields(base, mine));
  return changedFields(base, theirs)
    .filter((field) => ours.has(field) && valueOf(mine, field) !== valueOf(theirs, field))
    .map((field) => ({ field, mine: rawOf(mine, field), theirs: rawOf(theirs, field) }));
}

/**
 * Their version with my changes on top: fields only I changed keep mine, fields only they changed take
 * theirs, and each conflicting field takes the side chosen for it (`keep`: the fields where mine wins).
 */
export function mergeDrafts(base: Draft, mine: Draft, theirs: Draft, keep: ReadonlySet<DraftField>): Draft {
  const conflicting = new Set(conflictsOf(base, mine, theirs).map((c) => c.field));
  const merged: Draft = { ...theirs, answers: { ...theirs.answers } };
  for (const field of changedFields(base, mine)) {
    if (conflicting.has(field) && !keep.has(field)) continue;
    if (field.startsWith('answers.')) {
      const key = field.slice('answers.'.length);
      merged.answers[key] = mine.answers[key] ?? '';
    } else {
      const name = field as Exclude<DraftField, `answers.${string}`>;
      merged[name] = mine[name];
    }
  }
  return merged;
}
