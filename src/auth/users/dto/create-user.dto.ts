import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { ROLES, type Role } from '../../../common/roles.js';
import { USERNAME_PATTERN } from '../usernames.js';

export class CreateUserDto {
  @ApiProperty({
    description: 'Sign-in name: 2–64 lower-case letters, digits, ".", "_" or "-", starting with a letter or digit; unique regardless of case (stored in lower case)',
    example: 'alice',
    pattern: USERNAME_PATTERN.source,
  })
  @IsString()
  username: string;

  @ApiPropertyOptional({ description: 'Name shown to people', example: 'Alice Martin', maxLength: 200 })
  @IsOptional() @IsString() @MaxLength(200)
  displayName?: string;

  @ApiProperty({ enum: ROLES, description: 'viewer: read; responder: also edit incidents and retrospectives; admin: everything', example: 'responder' })
  @IsIn(ROLES)
  role: Role;
}
