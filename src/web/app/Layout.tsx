import { useEffect, useRef } from 'react';
import { NavLink, Navigate, Outlet, useLocation, useNavigate, useNavigation } from 'react-router';
import { hasRole } from '../api/session';
import { useSession } from '../api/use-session';
import { Alert } from '../components/Alert';
import { useSignOut } from '../features/auth/api/auth';
import { NAVIGATION } from './navigation';

/**
 * The app shell around every page that needs a session: header (product name, navigation, who is signed in,
 * sign out) and the page. Without a session it sends the browser to sign in (and back here afterwards); with a
 * one-time password, to choose a password first. After each navigation, focus moves to the page's heading.
 */
export function Layout() {
  const session = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  // A page opened for the first time loads its code before it shows; until then the page before it stays, marked busy.
  const changingPage = useNavigation().state === 'loading';
  const signOut = useSignOut();
  const main = useRef<HTMLElement>(null);
  const first = useRef(true);

  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    main.current?.querySelector<HTMLElement>('h1')?.focus();
  }, [location.pathname]);

  if (session.isPending) return <p className="loading" role="status">Loading…</p>;
  if (session.isError) {
    return (
      <main id="main" className="auth-page">
        <Alert tone="error">The service could not be reached: {session.error.message}. Reload the page to try again.</Alert>
      </main>
    );
  }
  const here = `${location.pathname}${location.search}`;
  if (!session.data) return <Navigate to={`/sign-in?next=${encodeURIComponent(here)}`} replace />;
  if (session.data.mustChangePassword) return <Navigate to={`/change-password?next=${encodeURIComponent(here)}`} replace />;
  const { actor } = session.data;

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="header">
        <div className="header-inner">
          <NavLink to="/" className="brand">
            Hindsight
          </NavLink>
          <nav aria-label="Main" className="nav">
            <ul>
              {NAVIGATION.filter((item) => !item.role || hasRole(session.data, item.role)).map((item) => (
                <li key={item.to}>
                  <NavLink to={item.to}>{item.label}</NavLink>
                </li>
              ))}
            </ul>
          </nav>
          <div className="account">
            <span className="account-name" title={`${actor.displayName} (${actor.name}, ${actor.role})`}>
              <span className="account-display">{actor.displayName}</span> <span className="role">{actor.role}</span>
            </span>
            <button
              type="button"
              className="button button-small"
              disabled={signOut.isPending}
              onClick={() => signOut.mutate(undefined, { onSettled: () => void navigate('/sign-in', { replace: true }) })}
            >
              Sign out
            </button>
          </div>
        </div>
      </header>
      {changingPage && <div className="page-progress" role="progressbar" aria-label="Opening the page" />}
      <main id="main" ref={main} className="main" aria-busy={changingPage || undefined}>
        <Outlet />
      </main>
    </div>
  );
}
