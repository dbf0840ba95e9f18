import { formatDateTime } from '../../../lib/format';
import type { User } from '../api/users';

export type UserAction = 'edit' | 'disable' | 'enable' | 'reset';

function statusOf(user: User): { label: string; tone: string } {
  if (user.disabled) return { label: 'Disabled', tone: 'disabled' };
  if (user.mustChangePassword) return { label: 'One-time password', tone: 'pending' };
  return { label: 'Active', tone: 'active' };
}

/** The accounts by username: role, status, last sign-in, and what an admin can do to each. */
export function UsersTable({ users, me, onAction }: { users: User[]; me: string; onAction: (user: User, action: UserAction) => void }) {
  return (
    <table className="table table-stack">
      <caption className="visually-hidden">User accounts by username</caption>
      <thead>
        <tr>
          <th scope="col">Username</th>
          <th scope="col">Display name</th>
          <th scope="col">Role</th>
          <th scope="col">Status</th>
          <th scope="col">Last sign-in</th>
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {users.map((user) => {
          const status = statusOf(user);
          return (
            <tr key={user.id}>
              <th scope="row" data-label="Username">
                {user.username}
                {user.username === me && <span className="muted"> (you)</span>}
              </th>
              <td data-label="Display name" className="cell-text">
                {user.displayName || <span className="muted">—</span>}
              </td>
              <td data-label="Role">{user.role}</td>
              <td data-label="Status">
                <span className={`badge badge-${status.tone}`}>{status.label}</span>
                {!user.disabled && user.mustChangePassword && user.passwordExpiresAt && <span className="cell-note">expires {formatDateTime(user.passwordExpiresAt)}</span>}
              </td>
              <td data-label="Last sign-in">{formatDateTime(user.lastSignInAt)}</td>
              <td data-label="Actions">
                <div className="row-actions">
                  <button type="button" className="button button-small" onClick={() => onAction(user, 'edit')}>
                    Edit<span className="visually-hidden"> {user.username}</span>
                  </button>
                  <button type="button" className="button button-small" onClick={() => onAction(user, 'reset')}>
                    Reset password<span className="visually-hidden"> of {user.username}</span>
                  </button>
                  {user.disabled ? (
                    <button type="button" className="button button-small" onClick={() => onAction(user, 'enable')}>
                      Enable<span className="visually-hidden"> {user.username}</span>
                    </button>
                  ) : (
                    <button type="button" className="button button-small" onClick={() => onAction(user, 'disable')}>
                      Disable<span className="visually-hidden"> {user.username}</span>
                    </button>
                  )}
                </div>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
