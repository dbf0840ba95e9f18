import { InvalidInputError } from '../../common/errors.js';
import { parseInstant } from '../../common/instant.js';
import { toIncidentFilter } from '../../incidents/dto/incident-filter.query.js';
import {
  checkGroupBy, checkRange, dimensionName, parseGroupBy, type AttributeDimension, type GroupDimension, type GroupKey, type UngroupedScope,
} from '../core/metrics-scope.js';
import type { MetricsFilterQueryDto } from './metrics-query.dto.js';

/**
 * Pure mappers between the metrics query and response DTOs and the typed metrics API: what the
 * controllers do besides calling a service. Errors name the parameter and quote the request's text.
 */

/** The scope of a request, without its grouping: from and to read (`to` after `from`), the filters. */
export function toMetricsScope(query: MetricsFilterQueryDto): UngroupedScope {
  const from = parseInstant('from', query.from);
  const to = parseInstant('to', query.to);
  checkRange(from, to, query);
  return { from, to, filter: toIncidentFilter(query) };
}

/** The request's `groupBy` values as dimensions, or an InvalidInputError naming `groupBy` and the value. */
export function toGroupBy(values: readonly string[] | undefined): GroupDimension[] {
  const parsed = parseGroupBy(values ?? []);
  if (!parsed.ok) throw new InvalidInputError('groupBy', parsed.value, parsed.problem);
  return parsed.groupBy;
}

/** Groupings besides the period (change over time), each at most once. */
export function toAttributeDimensions(kinds: readonly AttributeDimension['kind'][] | undefined): AttributeDimension[] {
  const dimensions = (kinds ?? []).map((kind) => ({ kind }));
  checkGroupBy(dimensions);
  return dimensions;
}

/** The grouping as the response echoes it: `['period:month', 'severity']`. */
export const toGroupByDto = (groupBy: readonly GroupDimension[]): string[] => groupBy.map(dimensionName);

/** A group key as the API writes it: the same properties in the same order, the period start as an ISO instant. */
export function toGroupKeyDto(key: GroupKey): Record<string, string> {
  return Object.fromEntries(Object.entries(key).map(([name, value]) => [name, value instanceof Date ? value.toISOString() : String(value)]));
}
