import { ApiProperty } from '@nestjs/swagger';
import { GROUP_DIMENSIONS } from '../../core/metrics-scope.js';
import { MetricsGroupKeyDto } from '../../dto/group-key.dto.js';

const SHARE = (what: string) => ({ type: Number, nullable: true, description: `${what}, 0..1; null when its n is 0`, example: 0.75 }) as const;

/** What every grouped health response repeats about its scope. */
class ScopeEchoDto {
  @ApiProperty({ description: 'Reporting time zone periods are bucketed in (REPORT_TIMEZONE)', example: 'Europe/Berlin' }) timeZone: string;
  @ApiProperty({ description: 'Start of the range on started_at (inclusive), normalised to UTC', format: 'date-time' }) from: string;
  @ApiProperty({ description: 'End of the range on started_at (exclusive), normalised to UTC', format: 'date-time' }) to: string;
  @ApiProperty({ description: 'The grouping applied, in order', enum: GROUP_DIMENSIONS, isArray: true, example: ['severity'] }) groupBy: string[];
  @ApiProperty({ description: 'The instant the figures were judged at (deadlines, open windows)', format: 'date-time' }) now: string;
}

// ---- retros ----------------------------------------------------------------------------------------

export class RetroTimingDto {
  @ApiProperty({ description: 'Retros whose timing was judged: held, a target set for the peak severity, and held after a trusted resolvedAt', example: 8 }) n: number;
  @ApiProperty({ description: 'Held within the peak severity’s retroDueBusinessHours of resolvedAt (business hours of the configured calendar; exactly on the deadline is on time)', example: 6 }) onTime: number;
  @ApiProperty({ description: 'Held after the deadline', example: 2 }) late: number;
  @ApiProperty(SHARE('onTime / n')) onTimeShare: number | null;
  @ApiProperty({ description: 'Held, but the peak severity has no retro target: not judged', example: 0 }) noTarget: number;
  @ApiProperty({ description: 'Held before resolvedAt (the retro time and resolvedAt, its own two ends, out of order: a data-quality issue): not judged. Other milestones out of order do not matter', example: 0 }) order: number;
}

export class RetroBacklogDto {
  @ApiProperty({ description: 'No retro yet and the deadline (resolvedAt + retroDueBusinessHours business hours) has passed', example: 1 }) overdue: number;
  @ApiProperty({ description: 'No retro yet, deadline still ahead', example: 1 }) notYetDue: number;
  @ApiProperty({ description: 'No retro yet, the peak severity has no retro target', example: 0 }) noTarget: number;
  @ApiProperty({ description: 'No retro yet and not judged for milestone order: always 0, since the backlog runs from resolvedAt to now and has no second milestone to be out of order with (kept for compatibility)', example: 0 }) order: number;
}

export class RetroHealthGroupDto {
  @ApiProperty({ type: MetricsGroupKeyDto, description: 'The group: the values of the grouping dimensions; {} without grouping' }) key: MetricsGroupKeyDto;
  @ApiProperty({ description: 'Resolved incidents (resolvedAt set) not excluded from metrics: the denominator of retroShare', example: 10 }) resolved: number;
  @ApiProperty({ description: 'Resolved incidents left out because they are excluded from metrics (game days, drills)', example: 1 }) excluded: number;
  @ApiProperty({ description: 'Resolved incidents with a retro: retroDoneAt set, or their retrospective submitted', example: 8 }) withRetro: number;
  @ApiProperty(SHARE('withRetro / resolved')) retroShare: number | null;
  @ApiProperty({ type: RetroTimingDto, description: 'Of the incidents with a retro: held on time or late' }) timing: RetroTimingDto;
  @ApiProperty({ type: RetroBacklogDto, description: 'Of the resolved incidents without a retro: where they stand at `now`' }) withoutRetro: RetroBacklogDto;
}

export class OverdueRetroDto {
  @ApiProperty({ description: 'Incident id', format: 'uuid' }) incidentId: string;
  @ApiProperty({ description: 'Incident key', example: 'INC-2026-0042' }) key: string;
  @ApiProperty({ description: 'Incident title' }) title: string;
  @ApiProperty({ description: 'Peak severity key', example: 'SEV1' }) severity: string;
  @ApiProperty({ description: 'Owning team name, null when unset', type: String, nullable: true }) team: string | null;
  @ApiProperty({ description: 'When the incident was resolved', format: 'date-time' }) resolvedAt: string;
  @ApiProperty({ description: 'The peak severity’s target in business hours', example: 48 }) retroDueBusinessHours: number;
  @ApiProperty({ description: 'The deadline: resolvedAt + the target in business hours of the configured calendar', format: 'date-time' }) dueAt: string;
}

export class RetroHealthResponseDto extends ScopeEchoDto {
  @ApiProperty({
    type: [RetroHealthGroupDto],
    description: 'Groups ordered by their key; without groupBy exactly one group with key {}. An incident counts in each of its services when grouped by service.',
  })
  groups: RetroHealthGroupDto[];

  @ApiProperty({ type: [OverdueRetroDto], description: 'Resolved incidents of the scope still without a retro whose deadline has passed, oldest resolution first: at most 1000 (the groups\' `overdue` counts them all)' })
  overdue: OverdueRetroDto[];
}

// ---- action items ----------------------------------------------------------------------------------

export class ActionItemHealthDto {
  @ApiProperty({ description: 'Items in scope, every status', example: 20 }) total: number;
  @ApiProperty({ description: 'Status open', example: 5 }) open: number;
  @ApiProperty({ description: 'Status in_progress', example: 3 }) inProgress: number;
  @ApiProperty({ description: 'Open or in progress, with a due date before today (in REPORT_TIMEZONE at `now`); due today is not overdue yet', example: 2 }) overdue: number;
  @ApiProperty({ description: 'Status done', example: 10 }) done: number;
  @ApiProperty({ description: 'Done, and the local date (REPORT_TIMEZONE) of completedAt is on or before the due date', example: 7 }) doneOnTime: number;
  @ApiProperty({ description: 'Done after the due date', example: 2 }) doneLate: number;
  @ApiProperty({ description: 'Done without a due date (or without completedAt): neither on time nor late', example: 1 }) doneNotJudged: number;
  @ApiProperty(SHARE('doneOnTime / (doneOnTime + doneLate)')) onTimeShare: number | null;
  @ApiProperty({ description: 'Status wont_do', example: 2 }) wontDo: number;
  @ApiProperty({ description: 'Done items with completedAt: the n of medianDaysToClose', example: 10 }) closedN: number;
  @ApiProperty({ type: Number, nullable: true, description: 'Median of completedAt − createdAt in days (continuous percentile) over done items; null when closedN is 0', example: 6.5 }) medianDaysToClose: number | null;
}

export class ActionItemTeamHealthDto extends ActionItemHealthDto {
  @ApiProperty({ description: 'The item’s team; `(none)` for items without one', example: 'Payments' }) team: string;
}

export class ActionItemHealthResponseDto {
  @ApiProperty({ description: 'Reporting time zone "today" and completion dates are read in (REPORT_TIMEZONE)', example: 'Europe/Berlin' }) timeZone: string;
  @ApiProperty({ description: 'Today in the reporting time zone at `now`: items due before it and still open are overdue', example: '2026-03-10' }) today: string;
  @ApiProperty({ description: 'The instant the figures were judged at', format: 'date-time' }) now: string;
  @ApiProperty({ type: String, nullable: true, description: 'Lower bound on created_at (inclusive), or null', format: 'date-time' }) from: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Upper bound on created_at (exclusive), or null', format: 'date-time' }) to: string | null;
  @ApiProperty({ type: [ActionItemTeamHealthDto], description: 'One entry per team with items in scope, by name, `(none)` last' }) teams: ActionItemTeamHealthDto[];
  @ApiProperty({ type: ActionItemHealthDto, description: 'Every item in scope' }) overall: ActionItemHealthDto;
}

// ---- comms cadence ---------------------------------------------------------------------------------

export class CommsNotJudgedDto {
  @ApiProperty({ description: 'The peak severity has no update cadence', example: 0 }) noCadence: number;
  @ApiProperty({ description: 'Excluded from metrics (game day, drill)', example: 1 }) excluded: number;
  @ApiProperty({ description: 'resolvedAt is before the window’s start (detectedAt, else startedAt): its own two ends out of order. Other milestones out of order do not matter', example: 0 }) order: number;
}

export class CommsHealthGroupDto {
  @ApiProperty({ type: MetricsGroupKeyDto, description: 'The group: the values of the grouping dimensions; {} without grouping' }) key: MetricsGroupKeyDto;
  @ApiProperty({ description: 'Incidents judged', example: 12 }) n: number;
  @ApiProperty({ description: 'Sum of the judged incidents’ open windows [detectedAt (else startedAt), resolvedAt (else now)), seconds', example: 86400 }) openSeconds: number;
  @ApiProperty({ description: 'Sum of the seconds of those windows covered by status updates within the cadence', example: 64800 }) coveredSeconds: number;
  @ApiProperty(SHARE('coveredSeconds / openSeconds (time-weighted; 1 when every window is empty)')) share: number | null;
  @ApiProperty(SHARE('Median of the per-incident shares (continuous percentile; each incident weighs the same)')) medianShare: number | null;
  @ApiProperty({ type: CommsNotJudgedDto, description: 'Incidents of the group left out, by reason' }) notJudged: CommsNotJudgedDto;
}

export class CommsHealthResponseDto extends ScopeEchoDto {
  @ApiProperty({ type: [CommsHealthGroupDto], description: 'Groups ordered by their key; without groupBy exactly one group with key {}' })
  groups: CommsHealthGroupDto[];
}
