import { ApiProperty } from '@nestjs/swagger';
import { GROUP_DIMENSIONS } from '../../core/metrics-scope.js';
import { MetricsGroupKeyDto } from '../../dto/group-key.dto.js';

const SECONDS = (what: string) => ({ type: Number, nullable: true, description: `${what}, in seconds; null when n = 0` }) as const;

/** Incidents of a group left out of one metric, by reason (SPEC §2); n + missing + order + excluded = incidents. */
export class ExcludedCountsDto {
  @ApiProperty({ description: 'A milestone at either end of the interval is not recorded', example: 2 }) missing: number;
  @ApiProperty({ description: 'The interval\'s own end is before its own start (a data-quality issue, listed by /metrics/data-quality). Other milestones out of order do not leave it out', example: 0 }) order: number;
  @ApiProperty({ description: 'The incident is excluded from metrics (game day, drill)', example: 1 }) excluded: number;
}

/** One metric over the incidents of a group: a distribution, never a bare mean. */
export class MetricSummaryDto {
  @ApiProperty({ description: 'Incidents measured (both milestones present and in order, not excluded)', example: 12 }) n: number;
  @ApiProperty(SECONDS('Median (continuous percentile, as PostgreSQL percentile_cont(0.5))')) median: number | null;
  @ApiProperty(SECONDS('90th percentile (continuous)')) p90: number | null;
  @ApiProperty(SECONDS('95th percentile (continuous)')) p95: number | null;
  @ApiProperty(SECONDS('Arithmetic mean (skewed by long incidents: read it next to the median)')) mean: number | null;
  @ApiProperty(SECONDS('Shortest')) min: number | null;
  @ApiProperty(SECONDS('Longest')) max: number | null;
  @ApiProperty({ type: ExcludedCountsDto, description: 'Incidents left out of this metric, by reason' }) excluded: ExcludedCountsDto;
}

/** The six metrics of SPEC §2 for one group. */
export class MetricsSetDto {
  @ApiProperty({ type: MetricSummaryDto, description: 'Time to detect: detected − started (wall-clock seconds)' }) ttd: MetricSummaryDto;
  @ApiProperty({ type: MetricSummaryDto, description: 'Time to acknowledge: acknowledged − detected (wall-clock seconds)' }) tta: MetricSummaryDto;
  @ApiProperty({ type: MetricSummaryDto, description: 'Time to engage: investigating − acknowledged (wall-clock seconds)' }) tte: MetricSummaryDto;
  @ApiProperty({ type: MetricSummaryDto, description: 'Time to mitigate (impact duration): mitigated − started (wall-clock seconds)' }) ttm: MetricSummaryDto;
  @ApiProperty({ type: MetricSummaryDto, description: 'Time to resolve: resolved − started (wall-clock seconds)' }) ttr: MetricSummaryDto;
  @ApiProperty({
    type: MetricSummaryDto,
    description: 'Time to retro: retro done − resolved, in BUSINESS seconds (working days and hours of the configured business calendar, holidays left out)',
  })
  ttRetro: MetricSummaryDto;
}

export class MetricsGroupDto {
  @ApiProperty({ type: MetricsGroupKeyDto, description: 'The group: the values of the grouping dimensions' }) key: MetricsGroupKeyDto;
  @ApiProperty({ description: 'Incidents in the group, excluded ones included (each metric says how many it measured in n)', example: 15 }) incidents: number;
  @ApiProperty({ type: MetricsSetDto, description: 'Each metric over the group' }) metrics: MetricsSetDto;
}

export class MetricsResponseDto {
  @ApiProperty({ description: 'Reporting time zone periods are bucketed in (REPORT_TIMEZONE)', example: 'Europe/Berlin' }) timeZone: string;
  @ApiProperty({ description: 'Start of the range (inclusive), normalised to UTC', format: 'date-time' }) from: string;
  @ApiProperty({ description: 'End of the range (exclusive), normalised to UTC', format: 'date-time' }) to: string;
  @ApiProperty({ description: 'The grouping applied, in order', enum: GROUP_DIMENSIONS, isArray: true, example: ['period:month', 'severity'] }) groupBy: string[];
  @ApiProperty({
    type: [MetricsGroupDto],
    description:
      'Groups ordered by their key: period ascending, severity by rank, names alphabetically (database collation). Groups without incidents are left out, ' +
      'except when grouping by period alone: then every period overlapping [from, to) is listed, empty ones with incidents 0 and n = 0. ' +
      'Without groupBy, exactly one group with key {}.',
  })
  groups: MetricsGroupDto[];
}
