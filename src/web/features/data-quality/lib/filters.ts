/**
 * The data-quality view's filters, kept in the page's address so a view can be shared and reloaded, under the
 * same names as GET /api/v1/metrics/data-quality's query (from, to, severity, service, team, source, tag,
 * include): the dashboard links here with its own filters. Pure: tested with fixed instants.
 */
import type { operations } from '../../../api/schema';

export type DataQualityQuery = operations['MetricsAnalysisController_dataQuality']['parameters']['query'];

export const LIST_FILTERS = ['severity', 'service', 'team', 'source', 'tag'] as const;
export type ListFilter = (typeof LIST_FILTERS)[number];

export interface DataQualityFilters {
  /** Instants with an offset, as the API takes them: incidents that started in [from, to). */
  from: string;
  to: string;
  severity: string[];
  service: string[];
  team: string[];
  source: string[];
  tag: string[];
  /** Also list incidents left out only because a milestone is missing (`include=missing`). */
  includeMissing: boolean;
}

/** The range when the address names none: the last twelve calendar months in UTC, this one included. */
export function defaultRange(now: Date): { from: string; to: string } {
  const from = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 11, 1));
  const to = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
  return { from: toInstant(from), to: toInstant(to) };
}

function toInstant(date: Date): string {
  return date.toISOString().replace('.000Z', 'Z');
}

/** `?severity=SEV1&severity=SEV2` and `?severity=SEV1,SEV2` alike (as the API reads them), trimmed, without repeats. */
function listOf(params: URLSearchParams, name: string): string[] {
  const values = params.getAll(name).flatMap((value) => value.split(',')).map((value) => value.trim()).filter(Boolean);
  return [...new Set(values)];
}

/** The filters in an address's query; a missing range is the default one. */
export function filtersFromSearch(params: URLSearchParams, now: Date): DataQualityFilters {
  const range = defaultRange(now);
  const filters: DataQualityFilters = {
    from: params.get('from')?.trim() || range.from,
    to: params.get('to')?.trim() || range.to,
    severity: [], service: [], team: [], source: [], tag: [],
    includeMissing: listOf(params, 'include').includes('missing'),
  };
  for (const name of LIST_FILTERS) filters[name] = listOf(params, name);
  return filters;
}

/** The address's query for these filters: every value its own parameter, empty ones left out. */
export function searchFromFilters(filters: DataQualityFilters): URLSearchParams {
  const params = new URLSearchParams();
  params.set('from', filters.from);
  params.set('to', filters.to);
  for (const name of LIST_FILTERS) for (const value of filters[name]) params.append(name, value);
  if (filters.includeMissing) params.set('include', 'missing');
  return params;
}

/** The API's query for these filters (the same names; lists as arrays). */
export function apiQuery(filters: DataQualityFilters): DataQualityQuery {
  const query: DataQualityQuery = { from: filters.from, to: filters.to };
  for (const name of LIST_FILTERS) if (filters[name].length > 0) query[name] = filters[name];
  if (filters.includeMissing) query.include = ['missing'];
  return query;
}

/** The UTC day an instant falls on, for a date input ('' when it is not an instant). */
export function dayOf(instant: string): string {
  const date = new Date(instant);
  return Number.isNaN(date.getTime()) ? '' : date.toISOString().slice(0, 10);
}

/**
 * The instant for a day picked in a date input (its start, UTC), unless the day is the one `current` falls on:
 * then `current` stays as it was, so a range the dashboard gave to the second survives a change of another filter.
 */
export function instantOfDay(day: string, current: string): string {
  if (day === '' || day === dayOf(current)) return current;
  return `${day}T00:00:00Z`;
}

/** A text field's comma-separated names as a list. */
export function splitNames(text: string): string[] {
  return [...new Set(text.split(',').map((name) => name.trim()).filter(Boolean))];
}
