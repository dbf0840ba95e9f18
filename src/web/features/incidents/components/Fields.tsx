import { useId, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from 'react';

/** Ids and ARIA for a labelled control with its hint and the API's error beside it (as the shared FormField does for inputs). */
function useFieldIds(hint?: string, error?: string) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  return { id, hintId, errorId, describedBy: [hintId, errorId].filter(Boolean).join(' ') || undefined };
}

interface Extra {
  label: string;
  error?: string;
  hint?: string;
}

function Frame({ ids, label, hint, error, children }: Extra & { ids: ReturnType<typeof useFieldIds>; children: ReactNode }) {
  return (
    <div className="field">
      <label htmlFor={ids.id}>{label}</label>
      {hint && <p id={ids.hintId} className="field-hint">{hint}</p>}
      {children}
      {error && <p id={ids.errorId} className="field-error">{error}</p>}
    </div>
  );
}

/** A labelled select with its hint and error. */
export function SelectField({ label, error, hint, children, ...select }: Extra & Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id'>) {
  const ids = useFieldIds(hint, error);
  return (
    <Frame ids={ids} label={label} hint={hint} error={error}>
      <select id={ids.id} aria-invalid={error ? true : undefined} aria-describedby={ids.describedBy} {...select}>
        {children}
      </select>
    </Frame>
  );
}

/** A labelled textarea with its hint and error. */
export function TextAreaField({ label, error, hint, ...textarea }: Extra & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id'>) {
  const ids = useFieldIds(hint, error);
  return (
    <Frame ids={ids} label={label} hint={hint} error={error}>
      <textarea id={ids.id} aria-invalid={error ? true : undefined} aria-describedby={ids.describedBy} {...textarea} />
    </Frame>
  );
}
