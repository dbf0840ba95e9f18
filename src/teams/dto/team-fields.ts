import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { IsHttpUrl, IsReferenceName } from '../../common/validation.decorators.js';
import { IfSent } from '../../common/validation.decorators.js';


/** Fields a team can be created with and changed through; every one optional here. */
export class TeamFieldsDto {
  @ApiPropertyOptional({ description: 'Unique name; incidents, services and action items refer to the team by it', example: 'Payments', maxLength: 100 })
  @IfSent() @IsReferenceName()
  name?: string;

  @ApiPropertyOptional({ description: 'What the team owns', example: 'Card payments, refunds and payouts', maxLength: 2000 })
  @IfSent() @IsString() @MaxLength(2000)
  description?: string;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'Link to the team\'s on-call / paging schedule (http or https); null clears it', example: 'https://acme.pagerduty.com/schedules/P1234AB' })
  @IsOptional() @IsHttpUrl()
  pagingScheduleUrl?: string | null;
}
