import { useState } from 'react';
import { formatDateTime } from '../../../lib/format';
import type { Conflict, DraftField } from '../lib/draft';

const LABELS: Record<string, string> = { facilitator: 'Facilitator', attendees: 'Attendees', scheduledAt: 'Scheduled for', heldAt: 'Held at' };

interface ConflictPanelProps {
  conflicts: Conflict[];
  prompts: Record<string, string>;
  theirsSavedAt: string;
  onResolve: (keep: ReadonlySet<DraftField>) => void;
}

/**
 * Someone else saved the retrospective after this form loaded it (409): for each field both changed, their
 * version and mine side by side, and a choice. Nothing is overwritten until the person chooses.
 */
export function ConflictPanel({ conflicts, prompts, theirsSavedAt, onResolve }: ConflictPanelProps) {
  const [keep, setKeep] = useState<Set<DraftField>>(() => new Set(conflicts.map((c) => c.field)));
  const choose = (field: DraftField, mine: boolean) =>
    setKeep((current) => {
      const next = new Set(current);
      if (mine) next.add(field);
      else next.delete(field);
      return next;
    });
  const labelOf = (field: DraftField) => (field.startsWith('answers.') ? prompts[field.slice('answers.'.length)] ?? field : LABELS[field] ?? field);

  return (
    <section className="conflict" aria-labelledby="conflict-heading" role="alert">
      <h2 id="conflict-heading">Someone else changed this retrospective</h2>
      <p>
        It was saved by someone else at {formatDateTime(theirsSavedAt)}, after you opened it. Their other changes are kept; for each field you both
        changed, choose which version to keep. Nothing is saved until you do.
      </p>
      {conflicts.map((conflict, i) => (
        <fieldset key={conflict.field} className="conflict-field">
          <legend>{labelOf(conflict.field)}</legend>
          <div className="conflict-versions">
            {([['theirs', false], ['mine', true]] as const).map(([side, mine]) => (
              <label key={side} className={`conflict-version${keep.has(conflict.field) === mine ? ' conflict-chosen' : ''}`}>
                <span className="conflict-choice">
                  <input type="radio" name={`conflict-${i}`} checked={keep.has(conflict.field) === mine} onChange={() => choose(conflict.field, mine)} />
                  {mine ? 'Yours' : 'Theirs'}
                </span>
                <span className="conflict-text" data-testid={`conflict-${side}`}>
                  {conflict[side] || <em className="muted">(empty)</em>}
                </span>
              </label>
            ))}
          </div>
        </fieldset>
      ))}
      <button type="button" className="button button-primary" onClick={() => onResolve(keep)}>
        Keep these and save
      </button>
    </section>
  );
}
