import type { Milestone } from '../../src/incidents/milestones.js';
import type { MetricIncident } from '../../src/metrics/core/intervals.js';

let counter = 0;

/** A MetricIncident started at 2026-03-01T09:00:00Z with no other milestone; override what the test is about. */
export function metricIncident(overrides: Partial<MetricIncident> = {}): MetricIncident {
  counter += 1;
  return {
    id: `incident-${counter}`,
    startedAt: new Date('2026-03-01T09:00:00Z'),
    detectedAt: null,
    acknowledgedAt: null,
    investigatingAt: null,
    identifiedAt: null,
    mitigatedAt: null,
    resolvedAt: null,
    retroPrepAt: null,
    retroDoneAt: null,
    excludedFromMetrics: false,
    severity: 'SEV2',
    ...overrides,
  };
}

/**
 * A MetricIncident whose milestones are given as seconds after `startedAt` (negative = before it),
 * so a table row reads as the intervals it should produce: `after('2026-03-01T09:00:00Z', { detectedAt: 300 })`.
 */
export function after(
  startedAt: string,
  offsets: Partial<Record<Exclude<Milestone, 'startedAt'>, number>>,
  overrides: Partial<MetricIncident> = {},
): MetricIncident {
  const start = new Date(startedAt);
  const milestones: Partial<Record<Milestone, Date>> = {};
  for (const [field, seconds] of Object.entries(offsets) as [Milestone, number][]) {
    milestones[field] = new Date(start.getTime() + seconds * 1000);
  }
  return metricIncident({ startedAt: start, ...milestones, ...overrides });
}
