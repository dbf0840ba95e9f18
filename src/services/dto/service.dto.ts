import { ApiProperty } from '@nestjs/swagger';
import { SERVICE_KINDS, type ServiceKind } from '../service.entity.js';

const URL = { type: String, nullable: true } as const;

/** A row of the ownership table: functionality, service, owning team, paging link; or a vendor with its support and status pages. */
export class ServiceDto {
  @ApiProperty({ format: 'uuid', description: 'Id', example: '3d2c1b0a-9f8e-4d7c-8b6a-5f4e3d2c1b0a' }) id: string;
  @ApiProperty({ description: 'Unique name', example: 'payments-api' }) name: string;
  @ApiProperty({ enum: SERVICE_KINDS, description: 'internal or vendor', example: 'internal' }) kind: ServiceKind;
  @ApiProperty({ description: 'Functionality it provides (vendors: the product)', example: 'Checkout' }) functionality: string;
  @ApiProperty({ type: String, nullable: true, description: 'Name of the owning team', example: 'Payments' }) owningTeam: string | null;
  @ApiProperty({ ...URL, description: 'On-call / paging schedule link', example: 'https://acme.pagerduty.com/schedules/P1234AB' }) pagingScheduleUrl: string | null;
  @ApiProperty({ ...URL, description: 'Vendor support portal', example: 'https://support.stripe.com' }) supportUrl: string | null;
  @ApiProperty({ ...URL, description: 'Vendor status page', example: 'https://status.stripe.com' }) statusPageUrl: string | null;
  @ApiProperty({ type: String, format: 'date-time', description: 'When it was created', example: '2026-03-01T09:30:00.000Z' }) createdAt: string;
  @ApiProperty({ type: String, format: 'date-time', description: 'When it last changed', example: '2026-03-01T09:30:00.000Z' }) updatedAt: string;
}
