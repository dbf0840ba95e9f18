import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuthFailuresRepository } from './auth-failures.repository.js';
import { AuthGuard } from './auth.guard.js';
import { AuthRepository } from './auth.repository.js';
import { FailureThrottle } from './failure-throttle.service.js';

/** Authentication and the role check of every route (a global guard), and the throttle of failed credential checks. */
@Global()
@Module({
  providers: [
    AuthRepository,
    AuthFailuresRepository,
    FailureThrottle,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [AuthRepository, FailureThrottle],
})
export class AuthModule {}
