import { useState } from 'react';
import { formErrorsOf } from '../../../api/errors';
import { Alert } from '../../../components/Alert';
import { PageTitle } from '../../../components/PageTitle';
import { formatDateTime } from '../../../lib/format';
import { useRevokeToken, useTokens, type CreatedToken, type Token } from '../api/tokens';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { CreateTokenForm } from '../components/CreateTokenForm';
import { OneTimeSecret } from '../components/OneTimeSecret';

const STATUS_TEXT: Record<Token['status'], string> = { active: 'Active', expired: 'Expired', revoked: 'Revoked' };

/** /admin/tokens: API tokens for scripts and integrations; create (secret shown once), revoke. */
export function TokensPage() {
  const tokens = useTokens();
  const revoke = useRevokeToken();
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<CreatedToken | null>(null);
  const [revoking, setRevoking] = useState<Token | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  return (
    <>
      <PageTitle title="API tokens · Admin">API tokens</PageTitle>
      <p className="lead">
        Scripts and integrations send <code>Authorization: Bearer &lt;token&gt;</code>. Only a hash of each token is stored: a lost token cannot be
        shown again, create a new one. To rotate, create the new token, roll it out, check the old one is no longer used (last used), then revoke it.
      </p>
      {notice && <Alert tone="success">{notice}</Alert>}
      {created && (
        <OneTimeSecret label={`Secret of the token ${created.token.name}`} secret={created.secret} onDone={() => setCreated(null)}>
          <p>
            Copy it into the client&rsquo;s secret store now: it is shown only this once and is gone when you leave or reload this page.
          </p>
        </OneTimeSecret>
      )}
      {!creating && (
        <div className="admin-toolbar">
          <button type="button" className="button button-primary" onClick={() => { setNotice(null); setCreating(true); }}>
            New token
          </button>
        </div>
      )}
      {creating && <CreateTokenForm onCreated={(result) => { setCreated(result); setCreating(false); }} onCancel={() => setCreating(false)} />}
      <section aria-labelledby="tokens-heading">
        <h2 id="tokens-heading">Tokens</h2>
        {tokens.isPending && <p role="status">Loading tokens…</p>}
        {tokens.isError && <Alert tone="error">Could not load the tokens: {tokens.error.message}</Alert>}
        {tokens.isSuccess && tokens.data.length === 0 && <p>No API tokens yet.</p>}
        {tokens.isSuccess && tokens.data.length > 0 && (
          <div className="table-scroll">
            <table className="table table-stack">
              <caption className="visually-hidden">API tokens</caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Role</th>
                  <th scope="col">Status</th>
                  <th scope="col">Starts with</th>
                  <th scope="col">Created</th>
                  <th scope="col">Expires</th>
                  <th scope="col">Last used</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {tokens.data.map((token) => (
                  <tr key={token.id}>
                    <th scope="row" data-label="Name">
                      {token.name}
                    </th>
                    <td data-label="Role">{token.role}</td>
                    <td data-label="Status">
                      <span className={`badge badge-${token.status}`}>{STATUS_TEXT[token.status]}</span>
                      {token.revokedAt && <span className="cell-note">{formatDateTime(token.revokedAt)}</span>}
                    </td>
                    <td data-label="Starts with">
                      <code>{token.prefix}</code>
                    </td>
                    <td data-label="Created">
                      {formatDateTime(token.createdAt)}
                      {token.createdBy && <span className="cell-note">by {token.createdBy}</span>}
                    </td>
                    <td data-label="Expires">{token.expiresAt ? formatDateTime(token.expiresAt) : 'Never'}</td>
                    <td data-label="Last used">{token.lastUsedAt ? formatDateTime(token.lastUsedAt) : 'Never'}</td>
                    <td data-label="Actions">
                      {token.status === 'active' ? (
                        <button type="button" className="button button-small" onClick={() => { revoke.reset(); setRevoking(token); }}>
                          Revoke<span className="visually-hidden"> {token.name}</span>
                        </button>
                      ) : (
                        <span className="muted">—</span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      {revoking && (
        <ConfirmDialog
          title={`Revoke the token ${revoking.name}?`}
          confirmLabel="Revoke"
          pending={revoke.isPending}
          error={revoke.error ? formErrorsOf(revoke.error, []).form : undefined}
          onConfirm={() =>
            revoke.mutate(revoking.id, { onSuccess: (t) => { setNotice(`Revoked ${t.name}: it no longer works.`); setRevoking(null); } })
          }
          onCancel={() => setRevoking(null)}
        >
          <p>It stops working at once, and so do browser sessions signed in with it. This cannot be undone: a client that still needs access needs a new token.</p>
        </ConfirmDialog>
      )}
    </>
  );
}
