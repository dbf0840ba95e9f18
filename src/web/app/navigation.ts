/**
 * The pages in the header's navigation, in the order (Dashboard, Incidents, Action items, Import,
 * Reports, Data quality, Admin). Only pages that exist are listed: add each here with its route when it is built.
 */
export const NAVIGATION: readonly { to: string; label: string }[] = [
  { to: '/dashboard', label: 'Dashboard' },
  { to: '/reports', label: 'Reports' },
];

/** Where / leads: the first page of the navigation (the dashboard, once it exists). */
export const HOME = NAVIGATION[0].to;
