import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { MILESTONES } from '../../../incidents/milestones.js';
import { INTERVAL_METRIC_KEYS } from '../../core/intervals.js';
import { PERIOD_UNITS } from '../../core/periods.js';

const GROUP_KEY_DESCRIPTION =
  'The group: the dimensions asked for in `groupBy`, e.g. `{ "period": "2026-03", "periodStart": "2026-02-28T23:00:00.000Z", "severity": "SEV1" }`; `{}` without grouping';
const GROUP_KEY_SCHEMA = { type: 'object', additionalProperties: { type: 'string' } } as const;

// ---------- SLA ----------

export class SlaNotEvaluatedDto {
  @ApiProperty({ description: 'The severity has no target for this kind' }) noTarget: number;
  @ApiProperty({ description: 'Incident excluded from metrics (game day, drill)' }) excluded: number;
  @ApiProperty({ description: 'Start milestone missing, or the end milestone missing on an incident that is already resolved (it will never come, lateness unknowable)' }) missing: number;
  @ApiProperty({ description: 'The kind\'s own end is before its own start (acknowledgedAt before detectedAt; mitigatedAt or resolvedAt before startedAt): the same rule as the metrics. Other milestones out of order do not stop a kind being judged' }) order: number;
}

export class SlaKindCountsDto {
  @ApiProperty({ description: 'Closed breaches: both milestones present and the interval strictly longer than the target' }) breached: number;
  @ApiProperty({ description: 'Met: both milestones present and the interval at most the target' }) met: number;
  @ApiProperty({ description: 'breached + met: the incidents the rate is over' }) n: number;
  @ApiProperty({ description: 'breached / (breached + met); null when n = 0', type: Number, nullable: true, example: 0.25 }) breachRate: number | null;
  @ApiProperty({ description: 'Open breaches: end milestone missing on an unresolved incident whose deadline (start + target) has passed at `now`; listed in `openBreaches`' }) open: number;
  @ApiProperty({ description: 'End milestone missing on an unresolved incident still within its deadline' }) pending: number;
  @ApiProperty({ description: 'Incidents not judged for this kind, by reason; breached + met + open + pending + all of these = incidents', type: SlaNotEvaluatedDto }) notEvaluated: SlaNotEvaluatedDto;
}

export class SlaKindsDto {
  @ApiProperty({ description: 'Acknowledge target, from detectedAt to acknowledgedAt (TTA)', type: SlaKindCountsDto }) ack: SlaKindCountsDto;
  @ApiProperty({ description: 'Mitigate target, from startedAt to mitigatedAt (TTM)', type: SlaKindCountsDto }) mitigate: SlaKindCountsDto;
  @ApiProperty({ description: 'Resolve target, from startedAt to resolvedAt (TTR)', type: SlaKindCountsDto }) resolve: SlaKindCountsDto;
}

export class SlaGroupDto {
  @ApiProperty({ description: GROUP_KEY_DESCRIPTION, ...GROUP_KEY_SCHEMA }) key: Record<string, string>;
  @ApiProperty({ description: 'Incidents in the group, excluded ones included' }) incidents: number;
  @ApiProperty({ description: 'Counts per SLA kind, judged against the peak severity\'s targets', type: SlaKindsDto }) sla: SlaKindsDto;
}

export class OpenBreachDto {
  @ApiProperty({ description: 'Incident id', format: 'uuid' }) id: string;
  @ApiProperty({ description: 'Incident key', example: 'INC-2026-0042' }) key: string;
  @ApiProperty({ description: 'Incident title' }) title: string;
  @ApiProperty({ description: 'Peak severity, whose target applies', example: 'SEV1' }) severity: string;
  @ApiProperty({ description: 'Which target is breached', enum: ['ack', 'mitigate', 'resolve'] }) kind: string;
  @ApiProperty({ description: 'The target, seconds' }) targetSeconds: number;
  @ApiProperty({ description: 'Start milestone + target', type: String, format: 'date-time' }) deadline: string;
  @ApiProperty({ description: 'Seconds from the deadline to `now`' }) overdueSeconds: number;
}

export class SlaReportDto {
  @ApiProperty({ description: 'The instant open breaches and pending kinds are judged at (the server clock)', type: String, format: 'date-time' }) now: string;
  @ApiProperty({ description: 'One entry per group with incidents (one group with key {} without groupBy)', type: [SlaGroupDto] }) groups: SlaGroupDto[];
  @ApiProperty({ description: 'Open breaches in scope (not split by group), earliest deadline first, at most 1000', type: [OpenBreachDto] }) openBreaches: OpenBreachDto[];
  @ApiProperty({ description: 'How many open breaches there are in scope; more than openBreaches.length when the list is cut at 1000' }) openBreachesTotal: number;
}

// ---------- Severity trends ----------

export class SeverityShareDto {
  @ApiProperty({ description: 'Severity level key', example: 'SEV1' }) severity: string;
  @ApiProperty({ description: 'Severity level name' }) name: string;
  @ApiProperty({ description: 'Incidents of this peak severity that started in the period (excluded ones not counted)' }) incidents: number;
  @ApiProperty({ description: 'incidents / period total; null when the period has none', type: Number, nullable: true }) share: number | null;
}

export class SeverityTrendPeriodDto {
  @ApiProperty({ description: 'Period label in REPORT_TIMEZONE', example: '2026-03' }) period: string;
  @ApiProperty({ description: 'Instant the period starts', type: String, format: 'date-time' }) periodStart: string;
  @ApiProperty({ description: 'Incidents counted in the period (excluded ones not)' }) total: number;
  @ApiProperty({ description: 'Incidents of the period excluded from metrics (game days, drills): not in total, counts or shares' }) excluded: number;
  @ApiProperty({ description: 'Every severity level (or the filtered ones), most severe first, zeros included', type: [SeverityShareDto] }) severities: SeverityShareDto[];
}

export class SeverityTrendsDto {
  @ApiProperty({ description: 'Period length', enum: PERIOD_UNITS }) period: string;
  @ApiProperty({ description: 'Reporting time zone the periods are cut in', example: 'Europe/Berlin' }) timeZone: string;
  @ApiProperty({ description: 'Every period overlapping [from, to), oldest first, empty ones included', type: [SeverityTrendPeriodDto] }) periods: SeverityTrendPeriodDto[];
  @ApiProperty({ description: 'Incidents counted over all periods' }) total: number;
  @ApiProperty({ description: 'Incidents excluded from metrics over all periods (not counted)' }) excluded: number;
}

// ---------- Change over time ----------

export class ChangeDto {
  @ApiProperty({ description: 'improved (significantly lower durations), regressed (significantly higher) or no clear change (always when either n < 5)', enum: ['improved', 'regressed', 'no clear change'] }) label: string;
  @ApiProperty({ description: 'The test used', enum: ['mann-whitney-u'] }) test: string;
  @ApiProperty({ description: 'Two-sided p-value; null when a period has no values', type: Number, nullable: true }) pValue: number | null;
  @ApiProperty({ description: 'U of the current period (pairs where its duration is longer, ties ½); nPrevious·nCurrent/2 means no shift', type: Number, nullable: true }) u: number | null;
  @ApiProperty({ description: 'How p was computed', enum: ['exact', 'normal-approximation'], type: String, nullable: true }) method: string | null;
  @ApiProperty({ description: 'Values in the previous period' }) nPrevious: number;
  @ApiProperty({ description: 'Values in this period' }) nCurrent: number;
  @ApiProperty({ description: 'Median of the previous period, seconds', type: Number, nullable: true }) medianPrevious: number | null;
  @ApiProperty({ description: 'Median of this period, seconds', type: Number, nullable: true }) medianCurrent: number | null;
}

export class LeftOutDto {
  @ApiProperty({ description: 'Left out: a milestone of the interval is missing' }) missing: number;
  @ApiProperty({ description: 'Left out: the interval\'s own end is before its own start' }) order: number;
  @ApiProperty({ description: 'Left out: incident excluded from metrics' }) excluded: number;
}

export class ChangePeriodDto {
  @ApiProperty({ description: 'Period label in REPORT_TIMEZONE', example: '2026-Q2' }) period: string;
  @ApiProperty({ description: 'Instant the period starts', type: String, format: 'date-time' }) periodStart: string;
  @ApiProperty({ description: 'Incidents of the group that started in the period' }) incidents: number;
  @ApiProperty({ description: 'Incidents with a value of the metric' }) n: number;
  @ApiProperty({ description: 'Median of the metric, seconds (continuous); null when n = 0', type: Number, nullable: true }) median: number | null;
  @ApiProperty({ description: 'Incidents without a value, by reason; n + these = incidents', type: LeftOutDto }) excluded: LeftOutDto;
  @ApiProperty({ description: 'Against the previous period; null for the first period of the range', type: ChangeDto, nullable: true }) change: ChangeDto | null;
}

export class ChangeGroupDto {
  @ApiProperty({ description: 'The group (without the period): e.g. `{ "severity": "SEV1" }`; `{}` without groupBy', ...GROUP_KEY_SCHEMA }) key: Record<string, string>;
  @ApiProperty({ description: 'Every period overlapping [from, to), oldest first, empty ones included', type: [ChangePeriodDto] }) periods: ChangePeriodDto[];
}

export class ChangesDto {
  @ApiProperty({ description: 'The metric compared', enum: INTERVAL_METRIC_KEYS }) metric: string;
  @ApiProperty({ description: 'Period length', enum: PERIOD_UNITS }) period: string;
  @ApiProperty({ description: 'Reporting time zone the periods are cut in' }) timeZone: string;
  @ApiProperty({ description: 'The test every change uses', enum: ['mann-whitney-u'] }) test: string;
  @ApiProperty({ description: 'Two-sided significance level', example: 0.05 }) alpha: number;
  @ApiProperty({ description: 'Below this many values in either period the label is always "no clear change"', example: 5 }) minSampleSize: number;
  @ApiProperty({ description: 'The method in one sentence' }) method: string;
  @ApiProperty({ description: 'One series per group that has incidents in range (one group with key {} without groupBy)', type: [ChangeGroupDto] }) groups: ChangeGroupDto[];
}

// ---------- Data quality ----------

const METRIC_REASONS_SCHEMA = { type: 'object' as const, additionalProperties: { type: 'string' as const, enum: ['excluded', 'missing', 'order'] } };

export class MilestoneValueDto {
  @ApiProperty({ description: 'Milestone (API name)', enum: MILESTONES, example: 'detectedAt' }) field: string;
  @ApiProperty({ description: 'Its value', type: String, format: 'date-time' }) value: string;
}

export class OutOfOrderPairDto {
  @ApiProperty({ description: 'The milestone that comes first in the lifecycle, e.g. detectedAt of an incident posted after it ended', type: MilestoneValueDto }) earlier: MilestoneValueDto;
  @ApiProperty({ description: 'The milestone that should come after it but is before it, e.g. mitigatedAt', type: MilestoneValueDto }) later: MilestoneValueDto;
}

export class DataQualityIncidentDto {
  @ApiProperty({ description: 'Incident id', format: 'uuid' }) id: string;
  @ApiProperty({ description: 'Incident key', example: 'INC-2026-0042' }) key: string;
  @ApiProperty({ description: 'Incident title' }) title: string;
  @ApiProperty({ description: 'When the incident started', type: String, format: 'date-time' }) startedAt: string;
  @ApiProperty({ description: 'Excluded from every metric (game day, drill)' }) excludedFromMetrics: boolean;
  @ApiProperty({ description: 'Why it was excluded, as recorded', type: String, nullable: true }) exclusionReason: string | null;
  @ApiProperty({ description: 'Some pair of milestones is out of lifecycle order (outOfOrderPairs is not empty)' }) orderViolation: boolean;
  @ApiProperty({
    description:
      'Every pair of present milestones out of lifecycle order, whether or not a metric is left out for it (leftOutOf says which are: ' +
      'a metric is left out for `order` only when its own end is before its own start). In lifecycle order of `earlier`, then of `later`',
    type: [OutOfOrderPairDto],
    example: [{ earlier: { field: 'detectedAt', value: '2026-03-01T14:00:00.000Z' }, later: { field: 'mitigatedAt', value: '2026-03-01T12:00:00.000Z' } }],
  })
  outOfOrderPairs: OutOfOrderPairDto[];
  @ApiProperty({ description: 'The milestones in at least one out-of-order pair, in lifecycle order (see outOfOrderPairs); none of them is distrusted as such', type: [String], example: ['detectedAt', 'mitigatedAt'] }) suspectMilestones: string[];
  @ApiProperty({ description: 'Metrics whose interval lacks a milestone', type: [String], example: ['ttRetro'] }) missing: string[];
  @ApiProperty({
    description: 'Each metric the incident is left out of, with the reason (excluded wins over missing, which wins over order; order: the metric\'s own end is before its own start)',
    ...METRIC_REASONS_SCHEMA, example: { tta: 'order' },
  })
  leftOutOf: Record<string, string>;
}

export class DataQualityMetricCountsDto {
  @ApiProperty({ description: 'Incidents the metric counts' }) counted: number;
  @ApiProperty({ description: 'Left out: excluded from metrics' }) excluded: number;
  @ApiProperty({ description: 'Left out: milestone missing' }) missing: number;
  @ApiProperty({ description: 'Left out: the metric\'s own end is before its own start' }) order: number;
}

export class DataQualitySummaryDto {
  @ApiProperty({ description: 'Incidents in scope' }) incidents: number;
  @ApiProperty({ description: 'Incidents excluded from metrics' }) excluded: number;
  @ApiProperty({ description: 'Incidents left out of at least one metric because that metric\'s own end is before its own start' }) order: number;
  @ApiProperty({ description: 'Incidents left out of at least one metric because a milestone is missing (open incidents, no retro yet, …)' }) missing: number;
  @ApiProperty({ description: 'Incidents with at least one pair of milestones out of lifecycle order, whether or not a metric is left out for it; all are listed' }) outOfOrder: number;
  @ApiProperty({
    description: 'Per metric (ttd, tta, tte, ttm, ttr, ttRetro): counted + excluded + missing + order = incidents',
    type: 'object', additionalProperties: { $ref: '#/components/schemas/DataQualityMetricCountsDto' },
  })
  byMetric: Record<string, DataQualityMetricCountsDto>;
}

export class DataQualityDto {
  @ApiProperty({ description: 'Over all incidents in scope, listed or not', type: DataQualitySummaryDto }) summary: DataQualitySummaryDto;
  @ApiProperty({ description: 'Reasons an incident is listed for: excluded and order always (order: any pair of milestones out of order, whether or not a metric is left out), missing with include=missing', type: [String], example: ['excluded', 'order'] }) listedReasons: string[];
  @ApiProperty({ description: 'Incidents left out of at least one metric for a listed reason, or with any milestones out of order, newest first', type: [DataQualityIncidentDto] }) items: DataQualityIncidentDto[];
  @ApiProperty({ description: 'Listed incidents over all pages' }) total: number;
  @ApiPropertyOptional({ description: "Pass as `cursor` for the next page; null on the last page", type: String, nullable: true }) nextCursor: string | null;
}

// ---------- When incidents start ----------

export class StartTimeCellDto {
  @ApiProperty({ description: 'ISO weekday: 1 = Monday … 7 = Sunday', minimum: 1, maximum: 7 }) weekday: number;
  @ApiProperty({ description: 'Local hour, 0–23', minimum: 0, maximum: 23 }) hour: number;
  @ApiProperty({ description: 'Incidents that started in this hour (excluded ones not counted)' }) incidents: number;
}

export class StartTimesDto {
  @ApiProperty({ description: 'The zone weekdays and hours are read in (REPORT_TIMEZONE)', example: 'Europe/Berlin' }) timeZone: string;
  @ApiProperty({ description: 'All 7 × 24 cells, Monday 00:00 first, zeros included', type: [StartTimeCellDto] }) cells: StartTimeCellDto[];
  @ApiProperty({ description: 'Incidents counted: started in [from, to), not excluded from metrics' }) incidents: number;
  @ApiProperty({ description: 'Incidents excluded from metrics (game days, drills): not counted' }) excluded: number;
  @ApiProperty({ description: 'Counted incidents that started outside business hours (BUSINESS_DAYS, BUSINESS_HOURS, BUSINESS_HOLIDAYS in BUSINESS_TIMEZONE)' }) outOfHours: number;
  @ApiProperty({ description: 'outOfHours / incidents; null when none were counted', type: Number, nullable: true, example: 0.42 }) outOfHoursShare: number | null;
}

// ---------- Distribution of a duration ----------

export class DistributionBucketDto {
  @ApiProperty({ description: 'Bucket label', example: '1–2 h' }) label: string;
  @ApiProperty({ description: 'Lower bound, seconds (inclusive)' }) fromSeconds: number;
  @ApiProperty({ description: 'Upper bound, seconds (exclusive); null for the last, open-ended bucket', type: Number, nullable: true }) toSeconds: number | null;
  @ApiProperty({ description: 'Incidents measured whose value falls in the bucket' }) incidents: number;
}

export class DistributionDto {
  @ApiProperty({ description: 'The duration metric', enum: INTERVAL_METRIC_KEYS }) metric: string;
  @ApiProperty({ description: 'Incidents measured (both milestones present and in order, not excluded): the sum of the buckets' }) n: number;
  @ApiProperty({ description: 'Every bucket, shortest first, empty ones included', type: [DistributionBucketDto] }) buckets: DistributionBucketDto[];
}
