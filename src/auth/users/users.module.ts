import { Module } from '@nestjs/common';
import { PasswordHasher } from '../passwords.service.js';
import { UsersController } from './users.controller.js';
import { UsersRepository } from './users.repository.js';
import { UsersService } from './users.service.js';

/** User accounts (admin API); the sign-in side lives in the auth folder and uses the repository and hasher. */
@Module({
  controllers: [UsersController],
  providers: [UsersService, UsersRepository, PasswordHasher],
  exports: [UsersRepository, PasswordHasher],
})
export class UsersModule {}
