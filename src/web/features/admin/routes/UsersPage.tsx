import { useState } from 'react';
import { formErrorsOf } from '../../../api/errors';
import { useSession } from '../../../api/use-session';
import { Alert } from '../../../components/Alert';
import { PageTitle } from '../../../components/PageTitle';
import { formatDateTime } from '../../../lib/format';
import { useResetPassword, useUpdateUser, useUsers, type User, type UserWithOneTimePassword } from '../api/users';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { CreateUserForm } from '../components/CreateUserForm';
import { EditUserForm } from '../components/EditUserForm';
import { OneTimeSecret } from '../components/OneTimeSecret';
import { UsersTable, type UserAction } from '../components/UsersTable';

/** /admin/users: accounts and roles; create (one-time password shown once), edit, disable / enable, reset a password. */
export function UsersPage() {
  const session = useSession();
  const users = useUsers();
  const update = useUpdateUser();
  const reset = useResetPassword();
  const [form, setForm] = useState<User | 'new' | null>(null);
  const [confirming, setConfirming] = useState<{ user: User; action: 'disable' | 'reset' } | null>(null);
  const [issued, setIssued] = useState<{ why: 'created' | 'reset'; result: UserWithOneTimePassword } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const act = (user: User, action: UserAction) => {
    setNotice(null);
    if (action === 'edit') setForm(user);
    else if (action === 'enable') update.mutate({ id: user.id, changes: { version: user.version, disabled: false } }, { onSuccess: (u) => setNotice(`Enabled ${u.username}.`) });
    else {
      update.reset();
      reset.reset();
      setConfirming({ user, action });
    }
  };

  const confirm = () => {
    if (!confirming) return;
    const { user, action } = confirming;
    if (action === 'disable') {
      update.mutate(
        { id: user.id, changes: { version: user.version, disabled: true } },
        { onSuccess: (u) => { setNotice(`Disabled ${u.username}: they are signed out and cannot sign in.`); setConfirming(null); } },
      );
    } else {
      reset.mutate(user.id, { onSuccess: (result) => { setIssued({ why: 'reset', result }); setConfirming(null); } });
    }
  };
  const confirmError = confirming?.action === 'disable' ? update.error : reset.error;

  return (
    <>
      <PageTitle title="Users · Admin">Users</PageTitle>
      <p className="lead">
        People who sign in to the web app. A new account or a reset password gets a one-time password, valid 24 hours, that the user replaces at
        the first sign-in. Only viewer, responder and admin exist; the last active admin cannot be demoted or disabled.
      </p>
      {notice && <Alert tone="success">{notice}</Alert>}
      {update.isError && !confirming && form === null && <Alert tone="error">{formErrorsOf(update.error, []).form}</Alert>}
      {issued && (
        <OneTimeSecret label={`One-time password for ${issued.result.user.username}`} secret={issued.result.oneTimePassword} onDone={() => setIssued(null)}>
          <p>
            {issued.why === 'created' ? `Created ${issued.result.user.username} (${issued.result.user.role}).` : `Reset the password of ${issued.result.user.username}; their sessions have ended.`}{' '}
            Hand this password to them by a private channel. It is shown only now, and works until {formatDateTime(issued.result.user.passwordExpiresAt)}.
          </p>
        </OneTimeSecret>
      )}
      {form === null && (
        <div className="admin-toolbar">
          <button type="button" className="button button-primary" onClick={() => { setNotice(null); setForm('new'); }}>
            New user
          </button>
        </div>
      )}
      {form === 'new' && (
        <CreateUserForm onCreated={(result) => { setIssued({ why: 'created', result }); setForm(null); }} onCancel={() => setForm(null)} />
      )}
      {form !== null && form !== 'new' && (
        <EditUserForm key={form.id} user={form} onSaved={(u) => { setNotice(`Saved ${u.username}.`); setForm(null); }} onCancel={() => setForm(null)} />
      )}
      <section aria-labelledby="users-heading">
        <h2 id="users-heading">Accounts</h2>
        {users.isPending && <p role="status">Loading users…</p>}
        {users.isError && <Alert tone="error">Could not load the users: {users.error.message}</Alert>}
        {users.isSuccess && (
          <div className="table-scroll">
            <UsersTable users={users.data} me={session.data?.actor.name ?? ''} onAction={act} />
          </div>
        )}
      </section>
      {confirming && (
        <ConfirmDialog
          title={confirming.action === 'disable' ? `Disable ${confirming.user.username}?` : `Reset the password of ${confirming.user.username}?`}
          confirmLabel={confirming.action === 'disable' ? 'Disable' : 'Reset password'}
          pending={update.isPending || reset.isPending}
          error={confirmError ? formErrorsOf(confirmError, []).form : undefined}
          onConfirm={confirm}
          onCancel={() => {
            // What the service refused was said in the dialog: not again on the page.
            update.reset();
            reset.reset();
            setConfirming(null);
          }}
        >
          {confirming.action === 'disable' ? (
            <p>They are signed out at once and cannot sign in until an admin enables the account again. Their incidents and retrospectives stay.</p>
          ) : (
            <p>Their password stops working and their sessions end. You get a one-time password to hand them, shown once.</p>
          )}
        </ConfirmDialog>
      )}
    </>
  );
}
