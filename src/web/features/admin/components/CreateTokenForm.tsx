import { useState, type FormEvent } from 'react';
import { formErrorsOf } from '../../../api/errors';
import type { Role } from '../../../api/session';
import { FormField, SelectField } from '../../../components/FormField';
import { useCreateToken, type CreatedToken } from '../api/tokens';
import { ROLE_OPTIONS } from '../lib/roles';
import { useFocusOnMount } from '../lib/use-focus-on-mount';
import { FormActions } from './FormActions';

const FIELDS = ['name', 'role', 'expiresIn'] as const;

/** A new API token for a script or an integration; the service answers with its secret, which the page shows once. */
export function CreateTokenForm({ onCreated, onCancel }: { onCreated: (created: CreatedToken) => void; onCancel: () => void }) {
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const create = useCreateToken();
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('responder');
  const [expiresIn, setExpiresIn] = useState('90d');

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    create.mutate({ name: name.trim(), role, ...(expiresIn.trim() ? { expiresIn: expiresIn.trim() } : {}) }, { onSuccess: onCreated });
  };
  const errors = create.error ? formErrorsOf(create.error, FIELDS) : undefined;

  return (
    <form className="admin-panel form" onSubmit={submit} noValidate aria-labelledby="token-form-heading">
      <h2 id="token-form-heading" ref={heading} tabIndex={-1}>New API token</h2>
      <div className="admin-grid">
        <FormField label="Name" name="name" autoComplete="off" hint="Unique, e.g. ci or pagerduty-sync" value={name} onChange={(e) => setName(e.target.value)}
          error={errors?.fields.name} />
        <SelectField label="Role" name="role" options={ROLE_OPTIONS} value={role} onChange={(e) => setRole(e.target.value as Role)} error={errors?.fields.role} />
        <FormField label="Expires in" name="expiresIn" autoComplete="off" hint="e.g. 30d, 12h, 2w, 1y; empty: until revoked" value={expiresIn}
          onChange={(e) => setExpiresIn(e.target.value)} error={errors?.fields.expiresIn} />
      </div>
      <FormActions error={errors?.form} pending={create.isPending} submitLabel={'Create token'} pendingLabel="Creating…" onCancel={onCancel} />
    </form>
  );
}
