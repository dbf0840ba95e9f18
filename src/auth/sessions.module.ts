import { Module } from '@nestjs/common';
import { UsersModule } from './users/users.module.js';
import { AuthController } from './auth.controller.js';
import { SessionsRepository } from './sessions.repository.js';
import { SessionsService } from './sessions.service.js';
import { SignInThrottleGuard } from './sign-in-throttle.guard.js';
import { TokensController } from './tokens.controller.js';
import { TokensRepository } from './tokens.repository.js';
import { TokensService } from './tokens.service.js';

/**
 * Browser sessions (sign-in with a password or a token, sign-out, password change) and the admin API
 * of API tokens. Authentication of each request is AuthModule's global guard.
 */
@Module({
  imports: [UsersModule],
  controllers: [AuthController, TokensController],
  providers: [SessionsService, SessionsRepository, SignInThrottleGuard, TokensService, TokensRepository],
})
export class SessionsModule {}
