/**
 * The incident list's filters as they live in the URL (so a view can be shared and survives a reload), and as
 * GET /api/v1/incidents takes them. Same parameter names as the API: q, status, severity, service, team,
 * source, from, to (instants), limit; `cursor` is the page. A list is read repeated or comma-separated (as the
 * API reads it) and written one parameter per value.
 */
import { appendList, listParam } from '../../../lib/choices';

export const STATUSES = ['active', 'mitigated', 'resolved', 'closed'] as const;
export type Status = (typeof STATUSES)[number];
export const PAGE_SIZES = [25, 50, 100] as const;
export const DEFAULT_PAGE_SIZE = 25;

export interface IncidentFilters {
  q: string;
  status: Status[];
  severity: string[];
  service: string[];
  team: string[];
  source: string[];
  /** ISO instants: the list's range on startedAt, [from, to). */
  from: string | null;
  to: string | null;
  limit: number;
}

const LISTS = ['severity', 'service', 'team', 'source'] as const;

function instant(value: string | null): string | null {
  if (!value) return null;
  return Number.isNaN(Date.parse(value)) ? null : value;
}

/** The filters in a URL's query; unknown statuses, unparseable instants and page sizes fall back to none / the default. */
export function parseFilters(params: URLSearchParams): IncidentFilters {
  const limit = Number(params.get('limit'));
  return {
    q: (params.get('q') ?? '').trim(),
    status: listParam(params, 'status').filter((s): s is Status => (STATUSES as readonly string[]).includes(s)),
    severity: listParam(params, 'severity'),
    service: listParam(params, 'service'),
    team: listParam(params, 'team'),
    source: listParam(params, 'source'),
    from: instant(params.get('from')),
    to: instant(params.get('to')),
    limit: (PAGE_SIZES as readonly number[]).includes(limit) ? limit : DEFAULT_PAGE_SIZE,
  };
}

/** The URL query for these filters: only what is set, a list as one parameter per value, the default page size left out. */
export function filtersToParams(filters: IncidentFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.q) params.set('q', filters.q);
  appendList(params, 'status', filters.status);
  for (const name of LISTS) appendList(params, name, filters[name]);
  if (filters.from) params.set('from', filters.from);
  if (filters.to) params.set('to', filters.to);
  if (filters.limit !== DEFAULT_PAGE_SIZE) params.set('limit', String(filters.limit));
  return params;
}

/** The query GET /api/v1/incidents takes for these filters and page (lists as arrays; empty ones left out). */
export function filtersToQuery(filters: IncidentFilters, cursor: string | null) {
  return {
    limit: filters.limit,
    ...(cursor ? { cursor } : {}),
    ...(filters.q ? { q: filters.q } : {}),
    ...(filters.status.length ? { status: filters.status } : {}),
    ...(filters.severity.length ? { severity: filters.severity } : {}),
    ...(filters.service.length ? { service: filters.service } : {}),
    ...(filters.team.length ? { team: filters.team } : {}),
    ...(filters.source.length ? { source: filters.source } : {}),
    ...(filters.from ? { from: filters.from } : {}),
    ...(filters.to ? { to: filters.to } : {}),
  };
}

/** How many filters (besides the page size) are set. */
export function activeFilterCount(filters: IncidentFilters): number {
  return [filters.q, filters.from, filters.to].filter(Boolean).length + filters.status.length + LISTS.reduce((n, name) => n + filters[name].length, 0);
}
