import { Navigate, useSearchParams } from 'react-router';
import { useSession } from '../../../api/use-session';
import { PageTitle } from '../../../components/PageTitle';
import { safeNextPath } from '../../../lib/next-path';
import { SignInForm } from '../components/SignInForm';

export function SignInPage() {
  const session = useSession();
  const [params] = useSearchParams();
  if (session.data?.mustChangePassword) return <Navigate to={`/change-password?next=${encodeURIComponent(safeNextPath(params.get('next')))}`} replace />;
  if (session.data) return <Navigate to={safeNextPath(params.get('next'))} replace />;
  return (
    <main id="main" className="auth-page">
      <div className="auth-card">
        <p className="brand brand-large">Hindsight</p>
        <PageTitle title="Sign in">Sign in</PageTitle>
        <SignInForm />
        <div className="muted small-print">
          <p>
            First start? The console log of the service shows the one-time password of <code>admin</code>. Lost it? On the server, run
          </p>
          <code className="command">npx hindsight user reset-password admin</code>
        </div>
      </div>
    </main>
  );
}
