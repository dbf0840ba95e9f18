import { appendList, listParam } from '../../../lib/choices';

/** The Action items page's filters, kept in the URL so a view can be shared: `?team=Payments&team=Search&owner=Dana%20Smith&overdue=true`. */
export interface ActionItemFilters {
  /** Items of any of these teams; none: every team. */
  team: string[];
  owner: string;
  /** Only items past their due date. */
  overdue: boolean;
}

/** Filters from the URL's query (teams repeated or comma-separated, as the API reads them); unknown or empty parameters are ignored. */
export function filtersOf(params: URLSearchParams): ActionItemFilters {
  return { team: listParam(params, 'team'), owner: params.get('owner')?.trim() ?? '', overdue: params.get('overdue') === 'true' };
}

/** The URL query for filters: only what is set, one `team` per team, in a fixed order. */
export function searchOf(filters: ActionItemFilters): URLSearchParams {
  const params = new URLSearchParams();
  appendList(params, 'team', filters.team.map((t) => t.trim()).filter(Boolean));
  if (filters.owner.trim()) params.set('owner', filters.owner.trim());
  if (filters.overdue) params.set('overdue', 'true');
  return params;
}

/** The GET /api/v1/action-items query for filters: open and in-progress items, narrowed by teams, owner and overdue. */
export function apiQueryOf(filters: ActionItemFilters) {
  return {
    status: ['open', 'in_progress'] as ('open' | 'in_progress')[],
    ...(filters.team.length ? { team: filters.team } : {}),
    ...(filters.owner ? { owner: filters.owner } : {}),
    ...(filters.overdue ? { overdue: true } : {}),
  };
}
