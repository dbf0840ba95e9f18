import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuthGuard, TOKEN_FAILURE_LIMITER, tokenFailureLimiter } from './auth.guard.js';
import { AuthRepository } from './auth.repository.js';

/** Authentication and the role check of every route (a global guard). */
@Global()
@Module({
  providers: [
    AuthRepository,
    { provide: TOKEN_FAILURE_LIMITER, useFactory: tokenFailureLimiter },
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [AuthRepository],
})
export class AuthModule {}
