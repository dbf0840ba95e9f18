/** The Action items page's filters, kept in the URL so a view can be shared: `?team=Payments&owner=Dana%20Smith&overdue=true`. */
export interface ActionItemFilters {
  team: string;
  owner: string;
  /** Only items past their due date. */
  overdue: boolean;
}

/** Filters from the URL's query; unknown or empty parameters are ignored. */
export function filtersOf(params: URLSearchParams): ActionItemFilters {
  return { team: params.get('team')?.trim() ?? '', owner: params.get('owner')?.trim() ?? '', overdue: params.get('overdue') === 'true' };
}

/** The URL query for filters: only what is set, in a fixed order. */
export function searchOf(filters: ActionItemFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.team.trim()) params.set('team', filters.team.trim());
  if (filters.owner.trim()) params.set('owner', filters.owner.trim());
  if (filters.overdue) params.set('overdue', 'true');
  return params;
}

/** The GET /api/v1/action-items query for filters: open and in-progress items, narrowed by team, owner and overdue. */
export function apiQueryOf(filters: ActionItemFilters) {
  return {
    status: ['open', 'in_progress'] as ('open' | 'in_progress')[],
    ...(filters.team ? { team: [filters.team] } : {}),
    ...(filters.owner ? { owner: filters.owner } : {}),
    ...(filters.overdue ? { overdue: true } : {}),
  };
}
