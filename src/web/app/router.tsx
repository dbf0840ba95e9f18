import { Navigate, createBrowserRouter } from 'react-router';
import { ActionItemsPage } from '../features/action-items/routes/ActionItemsPage';
import { AdminLayout } from '../features/admin/routes/AdminLayout';
import { RetroTemplatesPage } from '../features/admin/routes/RetroTemplatesPage';
import { SeverityLevelsPage } from '../features/admin/routes/SeverityLevelsPage';
import { TokensPage } from '../features/admin/routes/TokensPage';
import { UsersPage } from '../features/admin/routes/UsersPage';
import { DashboardPage } from '../features/dashboard/routes/DashboardPage';
import { ChangePasswordPage } from '../features/auth/routes/ChangePasswordPage';
import { SignInPage } from '../features/auth/routes/SignInPage';
import { DataQualityPage } from '../features/data-quality/routes/DataQualityPage';
import { ImportPage } from '../features/imports/routes/ImportPage';
import { ImportsPage } from '../features/imports/routes/ImportsPage';
import { EditIncidentPage } from '../features/incidents/routes/EditIncidentPage';
import { IncidentPage } from '../features/incidents/routes/IncidentPage';
import { IncidentsPage } from '../features/incidents/routes/IncidentsPage';
import { NewIncidentPage } from '../features/incidents/routes/NewIncidentPage';
import { ReportsPage } from '../features/reports/routes/ReportsPage';
import { RetroPage } from '../features/retros/routes/RetroPage';
import { Layout } from './Layout';
import { NotFoundPage } from './NotFoundPage';
import { HOME } from './navigation';

/** Every page of the app. The service answers index.html for these paths (history fallback), so each can be opened and reloaded directly. */
export function createRouter() {
  return createBrowserRouter([
    { path: '/sign-in', element: <SignInPage /> },
    { path: '/change-password', element: <ChangePasswordPage /> },
    {
      element: <Layout />,
      children: [
        { index: true, element: <Navigate to={HOME} replace /> },
        { path: 'dashboard', element: <DashboardPage /> },
        { path: 'incidents', element: <IncidentsPage /> },
        { path: 'incidents/new', element: <NewIncidentPage /> },
        { path: 'incidents/:incident', element: <IncidentPage /> },
        { path: 'incidents/:incident/edit', element: <EditIncidentPage /> },
        { path: 'incidents/:incident/retro', element: <RetroPage /> },
        { path: 'action-items', element: <ActionItemsPage /> },
        { path: 'imports', element: <ImportsPage /> },
        { path: 'imports/:id', element: <ImportPage /> },
        { path: 'reports', element: <ReportsPage /> },
        { path: 'data-quality', element: <DataQualityPage /> },
        {
          path: 'admin',
          element: <AdminLayout />,
          children: [
            { index: true, element: <Navigate to="severity-levels" replace /> },
            { path: 'severity-levels', element: <SeverityLevelsPage /> },
            { path: 'retro-templates', element: <RetroTemplatesPage /> },
            { path: 'users', element: <UsersPage /> },
            { path: 'tokens', element: <TokensPage /> },
          ],
        },
        { path: '*', element: <NotFoundPage /> },
      ],
    },
  ]);
}
