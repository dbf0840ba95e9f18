import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { SERVICE_KINDS, type ServiceKind } from '../service.entity.js';

export class ListServicesQuery {
  @ApiPropertyOptional({ enum: SERVICE_KINDS, description: 'Only internal services or only vendors', example: 'vendor' })
  @IsOptional() @IsIn(SERVICE_KINDS)
  kind?: ServiceKind;

  @ApiPropertyOptional({ description: 'Only services owned by the team with this exact name', example: 'Payments' })
  @IsOptional() @IsString() @MaxLength(100)
  team?: string;
}
