import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString } from 'class-validator';
import { ROLES, type Role } from '../../common/roles.js';

const TS = { type: String, format: 'date-time', nullable: true } as const;

/** An API token as lists show it: never the secret. */
export class TokenDto {
  @ApiProperty({ format: 'uuid', description: 'Id' }) id: string;
  @ApiProperty({ description: 'Unique name', example: 'ci' }) name: string;
  @ApiProperty({ enum: ROLES, description: 'What the token may do', example: 'responder' }) role: Role;
  @ApiProperty({ description: 'The first characters of the secret, to recognise it', example: 'hst_ab12cd…' }) prefix: string;
  @ApiProperty({ enum: ['active', 'expired', 'revoked'], description: 'Whether it still works' }) status: 'active' | 'expired' | 'revoked';
  @ApiProperty({ type: String, nullable: true, description: 'Who created it (username, token name or `cli`)', example: 'alice' }) createdBy: string | null;
  @ApiProperty({ type: String, format: 'date-time', description: 'When it was created' }) createdAt: string;
  @ApiProperty({ ...TS, description: 'When it stops working; null: until revoked' }) expiresAt: string | null;
  @ApiProperty({ ...TS, description: 'When it was revoked' }) revokedAt: string | null;
  @ApiProperty({ ...TS, description: 'Last use (to the minute)' }) lastUsedAt: string | null;
}

export class CreatedTokenDto {
  @ApiProperty({ type: TokenDto, description: 'The new token' }) token: TokenDto;
  @ApiProperty({ description: 'The secret, shown this once: send it as `Authorization: Bearer <secret>`', example: 'hst_…' }) secret: string;
}

export class CreateTokenDto {
  @ApiProperty({ description: '1–64 letters, digits, ".", "_" or "-", starting with a letter or digit; unique', example: 'ci' })
  @IsString()
  name: string;

  @ApiProperty({ enum: ROLES, description: 'What the token may do', example: 'responder' })
  @IsIn(ROLES)
  role: Role;

  @ApiPropertyOptional({ description: 'Lifetime such as 30d, 12h, 2w or 1y; without it the token works until revoked', example: '90d' })
  @IsOptional() @IsString()
  expiresIn?: string;
}
