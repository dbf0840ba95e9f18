import { useState, type FormEvent } from 'react';
import { formErrorsOf } from '../../../api/errors';
import type { Role } from '../../../api/session';
import { FormField, SelectField } from '../../../components/FormField';
import { useCreateUser, type UserWithOneTimePassword } from '../api/users';
import { ROLE_OPTIONS } from '../lib/roles';
import { useFocusOnMount } from '../lib/use-focus-on-mount';
import { FormActions } from './FormActions';

const FIELDS = ['username', 'displayName', 'role'] as const;

/** A new account with a role; the service answers with its one-time password, which the page shows once. */
export function CreateUserForm({ onCreated, onCancel }: { onCreated: (created: UserWithOneTimePassword) => void; onCancel: () => void }) {
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const create = useCreateUser();
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState<Role>('responder');

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    create.mutate({ username: username.trim(), role, ...(displayName.trim() ? { displayName: displayName.trim() } : {}) }, { onSuccess: onCreated });
  };
  const errors = create.error ? formErrorsOf(create.error, FIELDS) : undefined;

  return (
    <form className="admin-panel form" onSubmit={submit} noValidate aria-labelledby="user-form-heading">
      <h2 id="user-form-heading" ref={heading} tabIndex={-1}>New user</h2>
      <div className="admin-grid">
        <FormField label="Username" name="username" autoComplete="off" hint="2–64 lower-case letters, digits, . _ or -" value={username}
          onChange={(e) => setUsername(e.target.value)} error={errors?.fields.username} />
        <FormField label="Display name" name="displayName" autoComplete="off" hint="Optional: the name people see" value={displayName}
          onChange={(e) => setDisplayName(e.target.value)} error={errors?.fields.displayName} />
        <SelectField label="Role" name="role" options={ROLE_OPTIONS} value={role} onChange={(e) => setRole(e.target.value as Role)} error={errors?.fields.role} />
      </div>
      <FormActions error={errors?.form} pending={create.isPending} submitLabel={'Create user'} pendingLabel="Creating…" onCancel={onCancel} />
    </form>
  );
}
