import type { MetricIncident } from '../../src/metrics/core/intervals.js';
import type { ScopedMetricIncident } from '../support/scoped-metric-incidents-db.js';

/** A MetricIncident with no team, no services, no tags and source `hindsight`; override what the test is about. */
export function scoped(incident: MetricIncident, scope: Partial<Pick<ScopedMetricIncident, 'team' | 'services' | 'tags' | 'source'>> = {}): ScopedMetricIncident {
  return { ...incident, team: null, services: [], tags: [], source: 'hindsight', ...scope };
}
