import { ApiProperty } from '@nestjs/swagger';
import { ACTOR_TYPES, type ActorType } from '../../common/actor.js';
import { ROLES, type Role } from '../../common/roles.js';

export class SessionActorDto {
  @ApiProperty({ enum: ACTOR_TYPES, description: '`user` (signed in with a password) or `token` (an API token, bearer or signed in with it)', example: 'user' })
  type: ActorType;
  @ApiProperty({ description: 'Username or token name', example: 'alice' }) name: string;
  @ApiProperty({ enum: ROLES, description: 'What the caller may do', example: 'responder' }) role: Role;
  @ApiProperty({ description: 'Name to show: the user\'s display name (or username), or the token name', example: 'Alice Martin' }) displayName: string;
}

/** Who is signed in, and what a browser needs to make changes. */
export class SessionDto {
  @ApiProperty({ type: SessionActorDto, description: 'The caller' }) actor: SessionActorDto;
  @ApiProperty({ type: String, nullable: true, description: 'Send it in the X-CSRF-Token header with every change made with the session cookie; null for bearer callers' })
  csrfToken: string | null;
  @ApiProperty({ description: 'Signed in with a one-time password: only POST /api/v1/auth/password, GET /api/v1/auth/session and sign-out work until it is replaced' })
  mustChangePassword: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When the session ends; null for bearer callers' })
  expiresAt: string | null;
  @ApiProperty({ description: 'The report time zone (REPORT_TIMEZONE) the metrics cut months and days in, as the metrics API names it in every answer', example: 'Europe/Berlin' })
  reportTimeZone: string;
}
