import { useState, type FormEvent } from 'react';
import { formErrorsOf } from '../../../api/errors';
import { Alert } from '../../../components/Alert';
import { FormField } from '../../../components/FormField';
import { useChangePassword } from '../api/auth';

const FIELDS = ['currentPassword', 'newPassword', 'confirmPassword'] as const;

/** The current (one-time) password and a new one typed twice; the service's password rules come back beside the field. */
export function ChangePasswordForm({ oneTime, onChanged }: { oneTime: boolean; onChanged: () => void }) {
  const change = useChangePassword();
  const [currentPassword, setCurrent] = useState('');
  const [newPassword, setNew] = useState('');
  const [confirmPassword, setConfirm] = useState('');
  const [mismatch, setMismatch] = useState(false);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const differs = newPassword !== confirmPassword;
    setMismatch(differs);
    if (differs) return;
    change.mutate({ currentPassword, newPassword }, { onSuccess: onChanged });
  };
  const errors = change.error ? formErrorsOf(change.error, FIELDS) : undefined;

  return (
    <form className="form" onSubmit={submit} noValidate aria-label="Choose your password">
      <FormField label={oneTime ? 'One-time password' : 'Current password'} name="currentPassword" type="password" autoComplete="current-password"
        required value={currentPassword} onChange={(e) => setCurrent(e.target.value)} error={errors?.fields.currentPassword} />
      <FormField label="New password" name="newPassword" type="password" autoComplete="new-password" required
        hint="At least 12 characters, not containing your username, not a well-known password. Spaces are welcome."
        value={newPassword} onChange={(e) => setNew(e.target.value)} error={errors?.fields.newPassword} />
      <FormField label="New password again" name="confirmPassword" type="password" autoComplete="new-password" required
        value={confirmPassword} onChange={(e) => setConfirm(e.target.value)} error={mismatch ? 'The two new passwords differ' : undefined} />
      {errors?.form && <Alert tone="error">{errors.form}</Alert>}
      <button type="submit" className="button button-primary" disabled={change.isPending}>
        {change.isPending ? 'Saving…' : 'Save password'}
      </button>
    </form>
  );
}
