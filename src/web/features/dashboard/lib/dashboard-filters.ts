/**
 * The dashboard's filters as they live in the URL (so a view can be shared and survives a reload), and the
 * metrics API query they make. Months are whole months in the report time zone: `from` and `to` are the first
 * and last month shown ("2026-01", inclusive), turned into the instants the API takes. Pure; the clock and the
 * zone are parameters.
 */

import { dateTimeFormat } from '../../../lib/format.js';

export interface DashboardFilters {
  /** First month shown, "YYYY-MM". */
  from: string;
  /** Last month shown, "YYYY-MM" (inclusive). */
  to: string;
  severity: string;
  service: string;
  team: string;
  source: string;
}

/** The API's scope of the filters: [from, to) as instants, and each filter only when set. */
export interface MetricsQuery {
  from: string;
  to: string;
  severity?: string[];
  service?: string[];
  team?: string[];
  source?: string[];
}

/** How many months the dashboard shows by default: the current one and the eleven before it. */
export const DEFAULT_MONTHS = 12;
const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const TEXT_FILTERS = ['severity', 'service', 'team', 'source'] as const;

/** The month "YYYY-MM" an instant falls in, in `timeZone`. */
export function monthOf(at: Date, timeZone: string): string {
  const parts = Object.fromEntries(dateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit' }).formatToParts(at).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}`;
}

/** "2026-01" moved by `count` months ("2025-12" for −1). */
export function addMonths(month: string, count: number): string {
  const [year, m] = month.split('-').map(Number);
  const index = year * 12 + (m - 1) + count;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** The instant the month starts in `timeZone` (its local midnight on the 1st), as an ISO string. */
export function monthStart(month: string, timeZone: string): string {
  const [year, m] = month.split('-').map(Number);
  const wall = Date.UTC(year, m - 1, 1);
  // The zone's offset at the guess, then once more at the result: right across a DST change near midnight.
  let at = wall - offsetMs(new Date(wall), timeZone);
  at = wall - offsetMs(new Date(at), timeZone);
  return new Date(at).toISOString();
}

/** How far ahead of UTC the zone's wall clock is at `at`, in milliseconds. */
function offsetMs(at: Date, timeZone: string): number {
  const p = Object.fromEntries(
    dateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' })
      .formatToParts(at).map((part) => [part.type, part.value]),
  );
  const wall = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
  return wall - Math.floor(at.getTime() / 1000) * 1000;
}

/**
 * The filters of a URL's query. A missing or malformed month falls back to the default range (the current month
 * in the report zone and the eleven before it); months given the wrong way round are swapped.
 */
export function parseFilters(params: URLSearchParams, now: Date, timeZone: string): DashboardFilters {
  const current = monthOf(now, timeZone);
  const read = (name: string) => params.get(name)?.trim() ?? '';
  let to = MONTH.test(read('to')) ? read('to') : current;
  let from = MONTH.test(read('from')) ? read('from') : addMonths(to, -(DEFAULT_MONTHS - 1));
  if (from > to) [from, to] = [to, from];
  return { from, to, severity: read('severity'), service: read('service'), team: read('team'), source: read('source') };
}

/** The URL query of the filters: only what is set, in a fixed order. */
export function filtersToSearch(filters: DashboardFilters): URLSearchParams {
  const params = new URLSearchParams({ from: filters.from, to: filters.to });
  for (const name of TEXT_FILTERS) if (filters[name]) params.set(name, filters[name]);
  return params;
}

/** The metrics API query: from the first month's start to the start of the month after the last. */
export function toMetricsQuery(filters: DashboardFilters, timeZone: string): MetricsQuery {
  const query: MetricsQuery = { from: monthStart(filters.from, timeZone), to: monthStart(addMonths(filters.to, 1), timeZone) };
  for (const name of TEXT_FILTERS) if (filters[name]) query[name] = [filters[name]];
  return query;
}

/** The data-quality page's URL for the same scope (its query parameters are the API's), optionally listing missing milestones too. */
export function dataQualityHref(query: MetricsQuery, options: { includeMissing?: boolean } = {}): string {
  const params = new URLSearchParams({ from: query.from, to: query.to });
  for (const name of TEXT_FILTERS) for (const value of query[name] ?? []) params.append(name, value);
  if (options.includeMissing) params.set('include', 'missing');
  return `/data-quality?${params.toString()}`;
}
