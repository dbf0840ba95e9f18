import type { ImpactScope } from './incident.entity.js';
import type { Milestone } from './milestones.js';

/**
 * An incident's own fields, in the API's camelCase names, as every writer hands them to IncidentWriter
 * (the API from its DTOs, imports from their mappers, demo data from its generator). Instants are
 * Dates, or ISO instants a caller has already validated. Names of severities, services and teams are
 * not here: writers resolve them to ids first.
 */
export type IncidentFieldValues = {
  title: string;
  functionality: string | null;
  state: string | null;
  audience: string | null;
  customerImpact: string;
  impactScope: ImpactScope;
  knownCustomersImpacted: string[];
  commander: string | null;
  investigator: string | null;
  comms: string | null;
  scribe: string | null;
  tags: string[];
  excludedFromMetrics: boolean;
  exclusionReason: string | null;
  startedAt: Date | string;
} & Record<Exclude<Milestone, 'startedAt'>, Date | string | null>;
