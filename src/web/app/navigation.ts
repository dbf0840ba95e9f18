import type { Role } from '../api/session';

/**
 * The pages in the header's navigation, in the order (Dashboard, Incidents, Action items, Import,
 * Reports, Data quality, Admin). Only pages that exist are listed: add each here with its route when it is built.
 * An entry with a `role` is shown only to callers with at least that role.
 */
export const NAVIGATION: readonly { to: string; label: string; role?: Role }[] = [
  { to: '/dashboard', label: 'Dashboard' },
  { to: '/incidents', label: 'Incidents' },
  { to: '/action-items', label: 'Action items' },
  { to: '/imports', label: 'Import' },
  { to: '/reports', label: 'Reports' },
  { to: '/data-quality', label: 'Data quality' },
  { to: '/admin', label: 'Admin', role: 'admin' },
];

/** Where / leads: the first page of the navigation (the dashboard, once it exists). */
export const HOME = NAVIGATION[0].to;
