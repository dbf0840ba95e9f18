import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsHttpUrl, IsReferenceName } from '../../common/validation.decorators.js';
import { SERVICE_KINDS, type ServiceKind } from '../service.entity.js';
import { IfSent } from '../../common/validation.decorators.js';


const URL = { type: String, nullable: true } as const;

/** Fields a service can be created with and changed through; every one optional here. */
export class ServiceFieldsDto {
  @ApiPropertyOptional({ description: 'Unique name; incidents list the services they affected by it', example: 'payments-api', maxLength: 100 })
  @IfSent() @IsReferenceName()
  name?: string;

  @ApiPropertyOptional({ enum: SERVICE_KINDS, description: '`internal` (we run it) or `vendor` (a third party we depend on); default internal', example: 'internal' })
  @IfSent() @IsIn(SERVICE_KINDS)
  kind?: ServiceKind;

  @ApiPropertyOptional({ description: 'The product functionality the service provides; for a vendor, the vendor\'s product', example: 'Checkout', maxLength: 200 })
  @IfSent() @IsString() @MaxLength(200)
  functionality?: string;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'Name of the owning team (must exist, see /api/v1/teams); null = unowned', example: 'Payments' })
  @IsOptional() @IsString() @MaxLength(100)
  owningTeam?: string | null;

  @ApiPropertyOptional({ ...URL, description: 'On-call / paging schedule link (http or https); null clears it', example: 'https://acme.pagerduty.com/schedules/P1234AB' })
  @IsOptional() @IsHttpUrl()
  pagingScheduleUrl?: string | null;

  @ApiPropertyOptional({ ...URL, description: 'Vendor support portal (http or https); null clears it', example: 'https://support.stripe.com' })
  @IsOptional() @IsHttpUrl()
  supportUrl?: string | null;

  @ApiPropertyOptional({ ...URL, description: 'Vendor status page (http or https); null clears it', example: 'https://status.stripe.com' })
  @IsOptional() @IsHttpUrl()
  statusPageUrl?: string | null;
}
