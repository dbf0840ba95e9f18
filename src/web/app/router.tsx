import { Navigate, createBrowserRouter } from 'react-router';
import { DashboardPage } from '../features/dashboard/routes/DashboardPage';
import { ChangePasswordPage } from '../features/auth/routes/ChangePasswordPage';
import { SignInPage } from '../features/auth/routes/SignInPage';
import { ReportsPage } from '../features/reports/routes/ReportsPage';
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
        { path: 'reports', element: <ReportsPage /> },
        { path: '*', element: <NotFoundPage /> },
      ],
    },
  ]);
}
