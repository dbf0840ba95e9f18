import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsString, MaxLength, Min } from 'class-validator';
import { ROLES, type Role } from '../../../common/roles.js';
import { IfSent } from '../../../common/validation.decorators.js';


/** A partial update: only the fields present change. */
export class UpdateUserDto {
  @ApiProperty({ description: 'The version you read; a stale version is refused with 409 and the current version', example: 1 })
  @IsInt() @Min(1)
  version: number;

  @ApiPropertyOptional({ description: 'Name shown to people', example: 'Alice Martin', maxLength: 200 })
  @IfSent() @IsString() @MaxLength(200)
  displayName?: string;

  @ApiPropertyOptional({ enum: ROLES, description: 'New role; the last active admin cannot be demoted (422 LAST_ADMIN)', example: 'viewer' })
  @IfSent() @IsIn(ROLES)
  role?: Role;

  @ApiPropertyOptional({
    description: 'true disables the account and ends its sessions; false enables it again. The last active admin cannot be disabled (422 LAST_ADMIN)',
    example: true,
  })
  @IfSent() @IsBoolean()
  disabled?: boolean;
}
