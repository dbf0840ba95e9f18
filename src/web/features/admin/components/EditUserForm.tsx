import { useState, type FormEvent } from 'react';
import { formErrorsOf } from '../../../api/errors';
import type { Role } from '../../../api/session';
import { FormField, SelectField } from '../../../components/FormField';
import { useUpdateUser, type User, type UserChanges } from '../api/users';
import { ROLE_OPTIONS } from '../lib/roles';
import { useFocusOnMount } from '../lib/use-focus-on-mount';
import { FormActions } from './FormActions';

const FIELDS = ['displayName', 'role'] as const;

/** Change a user's display name or role (only what changed is sent, with the version read; the last admin stays admin: 422 LAST_ADMIN). */
export function EditUserForm({ user, onSaved, onCancel }: { user: User; onSaved: (saved: User) => void; onCancel: () => void }) {
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const update = useUpdateUser();
  const [displayName, setDisplayName] = useState(user.displayName);
  const [role, setRole] = useState<Role>(user.role);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const changes: UserChanges = { version: user.version };
    if (displayName.trim() !== user.displayName) changes.displayName = displayName.trim();
    if (role !== user.role) changes.role = role;
    update.mutate({ id: user.id, changes }, { onSuccess: onSaved });
  };
  const errors = update.error ? formErrorsOf(update.error, FIELDS, { LAST_ADMIN: 'role' }) : undefined;

  return (
    <form className="admin-panel form" onSubmit={submit} noValidate aria-labelledby="edit-user-heading">
      <h2 id="edit-user-heading" ref={heading} tabIndex={-1}>Edit {user.username}</h2>
      <div className="admin-grid">
        <FormField label="Display name" name="displayName" autoComplete="off" value={displayName} onChange={(e) => setDisplayName(e.target.value)}
          error={errors?.fields.displayName} />
        <SelectField label="Role" name="role" options={ROLE_OPTIONS} value={role} onChange={(e) => setRole(e.target.value as Role)} error={errors?.fields.role}
          hint="Takes effect at the user's next request" />
      </div>
      <FormActions error={errors?.form} pending={update.isPending} submitLabel={'Save changes'} pendingLabel="Saving…" onCancel={onCancel} />
    </form>
  );
}
