import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';

export class SignInDto {
  @ApiProperty({ description: 'Username (case does not matter)', example: 'alice' })
  @IsString() @MaxLength(200)
  username: string;

  // Only @IsString: a validation error body echoes the value, and this one must never be echoed.
  @ApiProperty({ description: 'Password, or the one-time password an admin handed out', example: 'correct horse battery staple', format: 'password' })
  @IsString()
  password: string;
}

export class TokenSignInDto {
  @ApiProperty({ description: 'An API token (`hst_…`); the browser session acts with its name and role, and ends when the token is revoked', example: 'hst_…', format: 'password' })
  @IsString()
  token: string;
}

export class ChangePasswordDto {
  @ApiProperty({ description: 'The password you signed in with (the one-time password, the first time)', format: 'password' })
  @IsString()
  currentPassword: string;

  @ApiProperty({
    description: 'At least 12 characters, not containing your username, not one character repeated, not a run such as "abcdef…", not a well-known password. Spaces are welcome',
    example: 'correct horse battery staple',
    format: 'password',
  })
  @IsString()
  newPassword: string;
}
