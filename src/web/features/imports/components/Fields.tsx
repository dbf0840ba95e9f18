import { useId, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from 'react';

interface Described {
  label: ReactNode;
  /** The API's message about this field, shown beside it and announced (aria-describedby, aria-invalid). */
  error?: string;
  hint?: ReactNode;
}

/** The ids a control needs for its hint and error. */
function useDescription(hint: unknown, error: string | undefined) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  return { id, hintId, errorId, describedBy: [hintId, errorId].filter(Boolean).join(' ') || undefined };
}

/** A labelled select with its hint and its error beside it (FormField's layout). */
export function SelectField({ label, error, hint, children, ...select }: Described & Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id'>) {
  const { id, hintId, errorId, describedBy } = useDescription(hint, error);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint && <p id={hintId} className="field-hint">{hint}</p>}
      <select id={id} aria-invalid={error ? true : undefined} aria-describedby={describedBy} {...select}>
        {children}
      </select>
      {error && <p id={errorId} className="field-error">{error}</p>}
    </div>
  );
}

/** A labelled textarea with its hint and its error beside it. */
export function TextAreaField({ label, error, hint, ...textarea }: Described & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id'>) {
  const { id, hintId, errorId, describedBy } = useDescription(hint, error);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint && <p id={hintId} className="field-hint">{hint}</p>}
      <textarea id={id} aria-invalid={error ? true : undefined} aria-describedby={describedBy} {...textarea} />
      {error && <p id={errorId} className="field-error">{error}</p>}
    </div>
  );
}
