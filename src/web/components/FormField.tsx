import { useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from 'react';

interface FieldProps {
  label: string;
  /** The API's message about this field, shown beside it and announced (aria-describedby, aria-invalid). */
  error?: string;
  hint?: string;
}

/** What the control of a field carries: its id for the label, and its hint and error for assistive technology. */
interface ControlProps {
  id: string;
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
}

/** The label, the hint and the error around one control, the same for every kind of field. */
function Field({ label, error, hint, control }: FieldProps & { control: (props: ControlProps) => ReactNode }) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint && <p id={hintId} className="field-hint">{hint}</p>}
      {control({ id, 'aria-invalid': error ? true : undefined, 'aria-describedby': [hintId, errorId].filter(Boolean).join(' ') || undefined })}
      {error && <p id={errorId} className="field-error">{error}</p>}
    </div>
  );
}

/** A labelled input with its hint and its error beside it. */
export function FormField({ label, error, hint, ...input }: FieldProps & Omit<InputHTMLAttributes<HTMLInputElement>, 'id'>) {
  return <Field label={label} error={error} hint={hint} control={(props) => <input {...props} {...input} />} />;
}

/** A labelled multi-line field with its hint and the API's error beside it. */
export function TextAreaField({ label, error, hint, ...textarea }: FieldProps & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id'>) {
  return <Field label={label} error={error} hint={hint} control={(props) => <textarea {...props} {...textarea} />} />;
}

/** A labelled select of `options` with its hint and the API's error beside it. */
export function SelectField({ label, options, error, hint, ...select }: FieldProps & { options: readonly { value: string; label: string }[] } & Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id'>) {
  return (
    <Field
      label={label}
      error={error}
      hint={hint}
      control={(props) => (
        <select {...props} {...select}>
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    />
  );
}
