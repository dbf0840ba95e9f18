import { Navigate, createBrowserRouter } from 'react-router';
import { ChangePasswordPage } from '../features/auth/routes/ChangePasswordPage';
import { SignInPage } from '../features/auth/routes/SignInPage';
import { DashboardPage } from '../features/dashboard/routes/DashboardPage';
import { Layout } from './Layout';
import { NotFoundPage } from './NotFoundPage';
import { HOME } from './navigation';

/**
 * Every page of the app. The service answers index.html for these paths (history fallback), so each can be opened
 * and reloaded directly. The home page (the dashboard) and the sign-in pages come with the app; every other page's
 * code is its own chunk, loaded when the router first goes there (React Router's `lazy`), so that opening the
 * dashboard does not parse the code of the forms, the import and the admin pages.
 */
export function createRouter() {
  return createBrowserRouter([
    { path: '/sign-in', element: <SignInPage /> },
    { path: '/change-password', element: <ChangePasswordPage /> },
    {
      element: <Layout />,
      // Shown while a page's chunk loads on the first render (a page opened or reloaded directly).
      HydrateFallback: PageLoading,
      children: [
        { index: true, element: <Navigate to={HOME} replace /> },
        { path: 'dashboard', element: <DashboardPage /> },
        { path: 'incidents', lazy: async () => ({ Component: (await import('../features/incidents/routes/IncidentsPage')).IncidentsPage }) },
        { path: 'incidents/new', lazy: async () => ({ Component: (await import('../features/incidents/routes/NewIncidentPage')).NewIncidentPage }) },
        { path: 'incidents/:incident', lazy: async () => ({ Component: (await import('../features/incidents/routes/IncidentPage')).IncidentPage }) },
        { path: 'incidents/:incident/edit', lazy: async () => ({ Component: (await import('../features/incidents/routes/EditIncidentPage')).EditIncidentPage }) },
        { path: 'incidents/:incident/retro', lazy: async () => ({ Component: (await import('../features/retros/routes/RetroPage')).RetroPage }) },
        { path: 'action-items', lazy: async () => ({ Component: (await import('../features/action-items/routes/ActionItemsPage')).ActionItemsPage }) },
        { path: 'imports', lazy: async () => ({ Component: (await import('../features/imports/routes/ImportsPage')).ImportsPage }) },
        { path: 'imports/:id', lazy: async () => ({ Component: (await import('../features/imports/routes/ImportPage')).ImportPage }) },
        { path: 'reports', lazy: async () => ({ Component: (await import('../features/reports/routes/ReportsPage')).ReportsPage }) },
        { path: 'data-quality', lazy: async () => ({ Component: (await import('../features/data-quality/routes/DataQualityPage')).DataQualityPage }) },
        {
          path: 'admin',
          lazy: async () => ({ Component: (await import('../features/admin/routes/AdminLayout')).AdminLayout }),
          children: [
            { index: true, element: <Navigate to="severity-levels" replace /> },
            { path: 'severity-levels', lazy: async () => ({ Component: (await import('../features/admin/routes/SeverityLevelsPage')).SeverityLevelsPage }) },
            { path: 'retro-templates', lazy: async () => ({ Component: (await import('../features/admin/routes/RetroTemplatesPage')).RetroTemplatesPage }) },
            { path: 'users', lazy: async () => ({ Component: (await import('../features/admin/routes/UsersPage')).UsersPage }) },
            { path: 'tokens', lazy: async () => ({ Component: (await import('../features/admin/routes/TokensPage')).TokensPage }) },
          ],
        },
        { path: '*', element: <NotFoundPage /> },
      ],
    },
  ]);
}

function PageLoading() {
  return <p className="loading" role="status">Loading…</p>;
}
