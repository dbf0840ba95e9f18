import { Alert } from '../../../components/Alert';

interface FormActionsProps {
  /** What the API refused about the form as a whole (field messages stand beside their fields). */
  error: string | undefined;
  pending: boolean;
  submitLabel: string;
  /** Said on the submit button while the request is out: "Creating…", "Saving…". */
  pendingLabel: string;
  onCancel: () => void;
}

/** The foot of every admin form: the form-wide error, then submit and cancel, both disabled while it saves. */
export function FormActions({ error, pending, submitLabel, pendingLabel, onCancel }: FormActionsProps) {
  return (
    <>
      {error && <Alert tone="error">{error}</Alert>}
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={pending}>
          {pending ? pendingLabel : submitLabel}
        </button>
        <button type="button" className="button" onClick={onCancel} disabled={pending}>
          Cancel
        </button>
      </div>
    </>
  );
}
