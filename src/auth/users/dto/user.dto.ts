import { ApiProperty } from '@nestjs/swagger';
import { ROLES, type Role } from '../../../common/roles.js';

const TS = { type: String, format: 'date-time', nullable: true } as const;

/** A user account as the API shows it: never the password or its hash. */
export class UserDto {
  @ApiProperty({ format: 'uuid', description: 'Id', example: '6f1c2b3a-4d5e-4f60-8a7b-9c0d1e2f3a4b' }) id: string;
  @ApiProperty({ description: 'Sign-in name, lower case', example: 'alice' }) username: string;
  @ApiProperty({ description: 'Name shown to people; may be empty', example: 'Alice Martin' }) displayName: string;
  @ApiProperty({ enum: ROLES, description: 'What the user may do', example: 'responder' }) role: Role;
  @ApiProperty({ description: 'A disabled user cannot sign in and their sessions have ended', example: false }) disabled: boolean;
  @ApiProperty({ ...TS, description: 'When the user was disabled; null while active' }) disabledAt: string | null;
  @ApiProperty({ description: 'Signed in with a one-time password that still has to be replaced', example: true }) mustChangePassword: boolean;
  @ApiProperty({ ...TS, description: 'When the one-time password stops working; null for a password the user chose' }) passwordExpiresAt: string | null;
  @ApiProperty({ ...TS, description: 'Last successful sign-in' }) lastSignInAt: string | null;
  @ApiProperty({ description: 'Send it back on update (optimistic locking)', example: 1 }) version: number;
  @ApiProperty({ type: String, format: 'date-time', description: 'When the account was created' }) createdAt: string;
  @ApiProperty({ type: String, format: 'date-time', description: 'When the account last changed' }) updatedAt: string;
}

/** A new account, or a password reset: the one-time password is in this response and nowhere else. */
export class UserWithOneTimePasswordDto {
  @ApiProperty({ type: UserDto, description: 'The account' }) user: UserDto;
  @ApiProperty({
    description: 'Shown this once: hand it to the user; it works for 24 hours and must be replaced at the first sign-in',
    example: 'k7m2p-xq9rt-4hbnc-wz8fd',
  })
  oneTimePassword: string;
}
