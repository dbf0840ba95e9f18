import { ApiPropertyOptional } from '@nestjs/swagger';

/** What a group stands for: one property per grouping dimension asked for; `{}` without grouping. */
export class MetricsGroupKeyDto {
  @ApiPropertyOptional({ description: 'Period label in the reporting time zone: 2026-03-01 (day), 2026-W09 (ISO week), 2026-03, 2026-Q1, 2026', example: '2026-03' })
  period?: string;

  @ApiPropertyOptional({ description: 'Start of the period (local midnight in the reporting time zone), as an instant', format: 'date-time', example: '2026-02-28T23:00:00.000Z' })
  periodStart?: string;

  @ApiPropertyOptional({ description: 'Peak severity key', example: 'SEV1' })
  severity?: string;

  @ApiPropertyOptional({ description: 'Affected service name; `(none)` for incidents without one. An incident counts in each of its services', example: 'checkout-api' })
  service?: string;

  @ApiPropertyOptional({ description: 'Owning team name; `(none)` when unset', example: 'Payments' })
  team?: string;

  @ApiPropertyOptional({ description: 'Source of the record (hindsight, statuspage, pagerduty, …)', example: 'hindsight' })
  source?: string;
}
