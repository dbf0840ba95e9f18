import { NavLink, Outlet } from 'react-router';
import { hasRole } from '../../../api/session';
import { useSession } from '../../../api/use-session';
import { Alert } from '../../../components/Alert';
import { PageTitle } from '../../../components/PageTitle';
import '../admin.css';

/** The admin pages' sections, in the sub-navigation's order. */
export const ADMIN_SECTIONS = [
  { to: '/admin/severity-levels', label: 'Severity levels & SLAs' },
  { to: '/admin/retro-templates', label: 'Retro templates' },
  { to: '/admin/users', label: 'Users' },
  { to: '/admin/tokens', label: 'API tokens' },
] as const;

/**
 * /admin/*: the sub-navigation above the section's page. Only admins get the pages; anyone else who opens
 * the address is told which role it takes (the API refuses their writes anyway).
 */
export function AdminLayout() {
  const session = useSession();
  if (!hasRole(session.data, 'admin')) {
    return (
      <>
        <PageTitle title="Admin">Admin</PageTitle>
        <Alert tone="info">
          The admin pages need the <strong>admin</strong> role; you are signed in as a {session.data?.actor.role ?? 'guest'}. Ask an admin to change
          your role if you need to manage severity levels, retro templates, users or API tokens.
        </Alert>
      </>
    );
  }
  return (
    <div className="admin">
      <nav aria-label="Admin sections" className="admin-nav">
        <ul>
          {ADMIN_SECTIONS.map((section) => (
            <li key={section.to}>
              <NavLink to={section.to}>{section.label}</NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <Outlet />
    </div>
  );
}
