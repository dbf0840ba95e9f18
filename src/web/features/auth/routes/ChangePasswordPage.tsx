import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { useSession } from '../../../api/use-session';
import { Alert } from '../../../components/Alert';
import { PageTitle } from '../../../components/PageTitle';
import { safeNextPath } from '../../../lib/next-path';
import { ChangePasswordForm } from '../components/ChangePasswordForm';

/** Choosing a password: required after signing in with a one-time password (the API refuses everything else until then). */
export function ChangePasswordPage() {
  const session = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  if (session.isPending) return null;
  if (!session.data) return <Navigate to="/sign-in" replace />;
  const oneTime = session.data.mustChangePassword;
  return (
    <main id="main" className="auth-page">
      <div className="auth-card">
        <p className="brand brand-large">Hindsight</p>
        <PageTitle title="Choose your password">Choose your password</PageTitle>
        {oneTime && (
          <Alert tone="info">
            You signed in as <strong>{session.data.actor.name}</strong> with a one-time password. Choose your own to continue.
          </Alert>
        )}
        <ChangePasswordForm oneTime={oneTime} onChanged={() => void navigate(safeNextPath(params.get('next')), { replace: true })} />
      </div>
    </main>
  );
}
