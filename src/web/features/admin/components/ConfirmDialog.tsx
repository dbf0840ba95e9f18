import { useEffect, useId, useRef, type ReactNode } from 'react';
import { Alert } from '../../../components/Alert';

interface ConfirmDialogProps {
  /** The question, as the dialog's accessible name: "Revoke the token ci?" */
  title: string;
  children: ReactNode;
  confirmLabel: string;
  /** While the request runs: both buttons wait. */
  pending: boolean;
  /** What the service said when it refused (shown in the dialog, which stays open). */
  error?: string;
  onConfirm: () => void;
  onCancel: () => void;
}

/**
 * A modal confirmation before a destructive action: the native <dialog> opened with showModal(), so the
 * browser traps focus inside it, Escape cancels, and the rest of the page is inert. Focus starts on Cancel
 * (the safe choice) and returns to what had it when the dialog closes. Render it only while it is open.
 */
export function ConfirmDialog({ title, children, confirmLabel, pending, error, onConfirm, onCancel }: ConfirmDialogProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  const bodyId = useId();

  useEffect(() => {
    const element = dialog.current;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (element && !element.open) element.showModal();
    cancel.current?.focus();
    return () => {
      if (element?.open) element.close();
      opener?.focus();
    };
  }, []);

  return (
    <dialog
      ref={dialog}
      className="confirm-dialog"
      aria-labelledby={titleId}
      aria-describedby={bodyId}
      onCancel={(event) => {
        event.preventDefault();
        if (!pending) onCancel();
      }}
    >
      <h2 id={titleId}>{title}</h2>
      <div id={bodyId} className="confirm-body">
        {children}
      </div>
      {error && <Alert tone="error">{error}</Alert>}
      <div className="confirm-actions">
        <button ref={cancel} type="button" className="button" onClick={onCancel} disabled={pending}>
          Cancel
        </button>
        <button type="button" className="button button-danger" onClick={onConfirm} disabled={pending}>
          {pending ? 'Working…' : confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
