import { businessSecondsBetween } from '../../src/metrics/core/business-hours.js';
import type { BusinessCalendar } from '../../src/config/config.js';
import { summarizeMetrics, type MetricsSummary } from '../../src/metrics/reference/metric-summary.js';
import type { GroupDimension } from '../../src/metrics/core/metrics-scope.js';
import { periodKey, periodRange, periodStart } from '../../src/metrics/core/periods.js';
import type { ScopedMetricIncident } from './scoped-metric-incidents-db.js';

/** A GET /api/v1/metrics request as the reference reads it. */
export interface ReferenceRequest {
  from: Date;
  to: Date;
  severity?: string[];
  service?: string[];
  team?: string[];
  source?: string[];
  tag?: string[];
  groupBy: GroupDimension[];
}

export interface ReferenceGroup {
  key: Record<string, string>;
  incidents: number;
  metrics: MetricsSummary;
}

/** Peak severity ranks of the default levels (seed 001). */
export const SEVERITY_RANK: Record<string, number> = { SEV1: 1, SEV2: 2, SEV3: 3 };

const NONE = '(none)';

function matches(incident: ScopedMetricIncident, request: ReferenceRequest): boolean {
  const t = incident.startedAt.getTime();
  if (t < request.from.getTime() || t >= request.to.getTime()) return false;
  if (request.severity?.length && !request.severity.includes(incident.severity)) return false;
  if (request.team?.length && (incident.team === null || !request.team.includes(incident.team))) return false;
  if (request.source?.length && !request.source.includes(incident.source)) return false;
  if (request.tag?.length && !request.tag.every((tag) => incident.tags.includes(tag))) return false;
  if (request.service?.length && !incident.services.some((s) => request.service!.includes(s))) return false;
  return true;
}

/** The group keys of one incident: one per service it affected when grouping by service, else one. */
function keysOf(incident: ScopedMetricIncident, groupBy: readonly GroupDimension[], timeZone: string): Record<string, string>[] {
  let keys: Record<string, string>[] = [{}];
  for (const dimension of groupBy) {
    if (dimension.kind === 'period') {
      keys = keys.map((k) => ({
        ...k,
        period: periodKey(incident.startedAt, dimension.unit, timeZone),
        periodStart: periodStart(incident.startedAt, dimension.unit, timeZone).toISOString(),
      }));
    } else if (dimension.kind === 'service') {
      const services = incident.services.length ? incident.services : [NONE];
      keys = keys.flatMap((k) => services.map((service) => ({ ...k, service })));
    } else if (dimension.kind === 'severity') {
      keys = keys.map((k) => ({ ...k, severity: incident.severity }));
    } else if (dimension.kind === 'team') {
      keys = keys.map((k) => ({ ...k, team: incident.team ?? NONE }));
    } else {
      keys = keys.map((k) => ({ ...k, source: incident.source }));
    }
  }
  return keys;
}

const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function compareKeys(a: Record<string, string>, b: Record<string, string>, groupBy: readonly GroupDimension[]): number {
  for (const dimension of groupBy) {
    const order =
      dimension.kind === 'period'
        ? Date.parse(a.periodStart) - Date.parse(b.periodStart)
        : dimension.kind === 'severity'
          ? SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity]
          : byCodePoint(a[dimension.kind], b[dimension.kind]);
    if (order !== 0) return order;
  }
  return 0;
}

/**
 * What GET /api/v1/metrics must answer, computed in TypeScript from the pure definitions: filter,
 * group (periodKey in the reporting zone, each service of an incident), summarizeMetrics per group
 * with time to retro in business seconds, order by key (names by code point: the test server is
 * initialised with locale C), and every period listed when grouping by period alone.
 */
export function referenceMetrics(
  incidents: readonly ScopedMetricIncident[],
  request: ReferenceRequest,
  timeZone: string,
  calendar: BusinessCalendar,
): ReferenceGroup[] {
  const retroDuration = (from: Date, to: Date) => businessSecondsBetween(from, to, calendar);
  const groups = new Map<string, { key: Record<string, string>; members: ScopedMetricIncident[] }>();
  for (const incident of incidents.filter((i) => matches(i, request))) {
    for (const key of keysOf(incident, request.groupBy, timeZone)) {
      const id = JSON.stringify(key);
      if (!groups.has(id)) groups.set(id, { key, members: [] });
      groups.get(id)!.members.push(incident);
    }
  }
  if (request.groupBy.length === 0 && groups.size === 0) groups.set('{}', { key: {}, members: [] });
  const [only] = request.groupBy;
  if (request.groupBy.length === 1 && only.kind === 'period') {
    for (const start of periodRange(request.from, request.to, only.unit, timeZone)) {
      const key = { period: periodKey(start, only.unit, timeZone), periodStart: start.toISOString() };
      if (!groups.has(JSON.stringify(key))) groups.set(JSON.stringify(key), { key, members: [] });
    }
  }
  return [...groups.values()]
    .sort((a, b) => compareKeys(a.key, b.key, request.groupBy))
    .map(({ key, members }) => ({ key, incidents: members.length, metrics: summarizeMetrics(members, { retroDuration }) }));
}
