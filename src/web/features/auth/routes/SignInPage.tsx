import { Navigate, useSearchParams } from 'react-router';
import { useSession } from '../../../api/session';
import { PageTitle } from '../../../components/PageTitle';
import { SignInForm } from '../components/SignInForm';

/** Where a page that needs a session sends the browser back to after signing in: a path of this app only. */
export function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export function SignInPage() {
  const session = useSession();
  const [params] = useSearchParams();
  if (session.data?.mustChangePassword) return <Navigate to={`/change-password?next=${encodeURIComponent(safeNext(params.get('next')))}`} replace />;
  if (session.data) return <Navigate to={safeNext(params.get('next'))} replace />;
  return (
    <main id="main" className="auth-page">
      <div className="auth-card">
        <p className="brand brand-large">Hindsight</p>
        <PageTitle title="Sign in">Sign in</PageTitle>
        <SignInForm />
        <p className="muted">
          First start? The console log of the service shows the one-time password of <code>admin</code>. Lost it:{' '}
          <code>npx hindsight user reset-password admin</code>.
        </p>
      </div>
    </main>
  );
}
