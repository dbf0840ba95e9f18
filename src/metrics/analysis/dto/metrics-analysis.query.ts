import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsArray, IsIn, IsOptional } from 'class-validator';
import { INTERVAL_METRIC_KEYS, type IntervalMetric } from '../../core/intervals.js';
import { PERIOD_UNITS, type PeriodUnit } from '../../core/periods.js';
import { PageQueryDto } from '../../../common/page-query.dto.js';
import { toList } from '../../../common/validation.decorators.js';
import { MetricsFilterQueryDto } from '../../dto/metrics-query.dto.js';

/** GET /metrics/severity-trends: the period is the grouping (severity is always the other one). */
export class SeverityTrendsQueryDto extends MetricsFilterQueryDto {
  @ApiPropertyOptional({ description: 'Period length, in REPORT_TIMEZONE (DST-correct); every period overlapping [from, to) is listed', enum: PERIOD_UNITS, default: 'month' })
  @IsOptional() @IsIn(PERIOD_UNITS)
  period?: PeriodUnit;
}

/** Groupings change over time can split by besides the period. */
export const CHANGE_GROUP_DIMENSIONS = ['severity', 'service', 'team', 'source'] as const;
export type ChangeGroupDimension = (typeof CHANGE_GROUP_DIMENSIONS)[number];

/** GET /metrics/changes. */
export class ChangesQueryDto extends MetricsFilterQueryDto {
  @ApiProperty({ description: 'Duration metric to compare period over period: ttd, tta, tte, ttm (time to mitigate) or ttr', enum: INTERVAL_METRIC_KEYS, example: 'ttm' })
  @IsIn(INTERVAL_METRIC_KEYS)
  metric: IntervalMetric;

  @ApiPropertyOptional({
    description: 'Period length, in REPORT_TIMEZONE; each period is compared with the one before it, so start `from` one period before the first you want judged',
    enum: PERIOD_UNITS, default: 'month', example: 'quarter',
  })
  @IsOptional() @IsIn(PERIOD_UNITS)
  period?: PeriodUnit;

  @ApiPropertyOptional({ description: 'Split each period further by severity (peak), service, team and/or source; a separate series per group', enum: CHANGE_GROUP_DIMENSIONS, isArray: true })
  @IsOptional() @Transform(toList) @IsArray() @IsIn(CHANGE_GROUP_DIMENSIONS, { each: true })
  groupBy?: ChangeGroupDimension[];
}

/** GET /metrics/distribution. */
export class DistributionQueryDto extends MetricsFilterQueryDto {
  @ApiProperty({ description: 'Duration metric whose measured values are counted per bucket: ttd, tta, tte, ttm or ttr', enum: INTERVAL_METRIC_KEYS, example: 'ttr' })
  @IsIn(INTERVAL_METRIC_KEYS)
  metric: IntervalMetric;
}

/** `?include=` values of data quality. */
export const DATA_QUALITY_INCLUDES = ['missing'] as const;

/** GET /metrics/data-quality. */
export class DataQualityQueryDto extends IntersectionType(MetricsFilterQueryDto, PageQueryDto()) {
  @ApiPropertyOptional({
    description: 'Also list incidents left out of a metric only because a milestone is missing (by default they are only counted in the summary)',
    enum: DATA_QUALITY_INCLUDES, isArray: true,
  })
  @IsOptional() @Transform(toList) @IsArray() @IsIn(DATA_QUALITY_INCLUDES, { each: true })
  include?: (typeof DATA_QUALITY_INCLUDES)[number][];

}
