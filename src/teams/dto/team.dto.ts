import { ApiProperty } from '@nestjs/swagger';

export class TeamDto {
  @ApiProperty({ format: 'uuid', description: 'Id', example: '6f1c2b3a-4d5e-4f60-8a7b-9c0d1e2f3a4b' }) id: string;
  @ApiProperty({ description: 'Unique name', example: 'Payments' }) name: string;
  @ApiProperty({ description: 'What the team owns', example: 'Card payments, refunds and payouts' }) description: string;
  @ApiProperty({ type: String, nullable: true, description: 'On-call / paging schedule link', example: 'https://acme.pagerduty.com/schedules/P1234AB' })
  pagingScheduleUrl: string | null;
  @ApiProperty({ description: 'Services the team owns', example: 3 }) serviceCount: number;
  @ApiProperty({ description: 'Incidents the team owns', example: 12 }) incidentCount: number;
  @ApiProperty({ type: String, format: 'date-time', description: 'When it was created', example: '2026-03-01T09:30:00.000Z' }) createdAt: string;
  @ApiProperty({ type: String, format: 'date-time', description: 'When it last changed', example: '2026-03-01T09:30:00.000Z' }) updatedAt: string;
}
