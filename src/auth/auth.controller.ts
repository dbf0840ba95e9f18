import { Body, Controller, Get, HttpCode, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CookieOptions, Request, Response } from 'express';
import { AuditCtx } from '../audit/audit-context.decorator.js';
import type { AuditContext } from '../audit/audit-change.js';
import { ApiAuthErrors, ApiErrors } from '../common/api-responses.decorators.js';
import type { RequestActor } from '../common/actor.js';
import { AllowPendingPasswordChange, CurrentActor, MinRole, Public } from '../common/access.decorators.js';
import { DEVICE_COOKIE, SESSION_COOKIE } from './auth.guard.js';
import { SessionDto } from './dto/session.dto.js';
import { ChangePasswordDto, SignInDto, TokenSignInDto } from './dto/sign-in.dto.js';
import { DEVICE_LIFETIME_MS, SessionsService, type SignedIn } from './sessions.service.js';
import { SignInThrottleGuard } from './sign-in-throttle.guard.js';

/** The session cookie: signed, out of reach of scripts, not sent on cross-site posts, HTTPS-only when the request came over HTTPS. */
const cookieOptions = (request: Request): CookieOptions => ({ signed: true, httpOnly: true, sameSite: 'lax', secure: request.secure, path: '/' });

/**
 * Browser sign-in and sign-out. The routes that verify passwords (argon2, deliberately expensive) are
 * also throttled per client address or device cookie (SignInThrottleGuard), on top of the failed-attempt limits.
 */
@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly sessions: SessionsService) {}

  @Public()
  @UseGuards(SignInThrottleGuard)
  @Post('sign-in')
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in with username and password: sets the session cookie and returns the CSRF token' })
  @ApiOkResponse({ type: SessionDto, description: 'Signed in; the `hindsight_session` cookie is set, and `hindsight_device` (this browser\'s own failed-sign-in counters for the username)' })
  @ApiErrors(400, 401, 429)
  async signIn(
    @Body() dto: SignInDto,
    @AuditCtx() context: AuditContext,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<SessionDto> {
    const device = (request.signedCookies as Record<string, string | false> | undefined)?.[DEVICE_COOKIE] || undefined;
    return setCookie(request, response, await this.sessions.signIn(dto, context, device));
  }

  @Public()
  @Post('sign-in/token')
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign a browser in with an API token: a session that acts as the token and ends when it is revoked' })
  @ApiOkResponse({ type: SessionDto, description: 'Signed in; the `hindsight_session` cookie is set' })
  @ApiErrors(400, 401, 429)
  async signInWithToken(
    @Body() dto: TokenSignInDto,
    @AuditCtx() context: AuditContext,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<SessionDto> {
    return setCookie(request, response, await this.sessions.signInWithToken(dto, context));
  }

  @MinRole('viewer')
  @AllowPendingPasswordChange()
  @Get('session')
  @ApiBearerAuth()
  @ApiCookieAuth()
  @ApiOperation({ summary: 'Who is signed in, the CSRF token to send with changes, and whether the password must be changed first' })
  @ApiOkResponse({ type: SessionDto })
  @ApiAuthErrors()
  session(@CurrentActor() actor: RequestActor): Promise<SessionDto> {
    return this.sessions.current(actor);
  }

  @MinRole('viewer')
  @AllowPendingPasswordChange()
  @Post('sign-out')
  @HttpCode(204)
  @ApiCookieAuth()
  @ApiOperation({ summary: 'End this browser session and clear the cookie (needs X-CSRF-Token like every change)' })
  @ApiNoContentResponse({ description: 'Signed out' })
  @ApiAuthErrors()
  @ApiErrors(422)
  async signOut(
    @CurrentActor() actor: RequestActor,
    @AuditCtx() context: AuditContext,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<void> {
    await this.sessions.signOut(actor, context);
    const { signed: _signed, ...options } = cookieOptions(request);
    response.clearCookie(SESSION_COOKIE, options);
  }

  @MinRole('viewer')
  @AllowPendingPasswordChange()
  @UseGuards(SignInThrottleGuard)
  @Post('password')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiCookieAuth()
  @ApiOperation({ summary: 'Replace your password (the one-time password, the first time); your other sessions end' })
  @ApiNoContentResponse({ description: 'Changed' })
  @ApiAuthErrors()
  @ApiErrors(400, 422)
  async changePassword(@CurrentActor() actor: RequestActor, @Body() dto: ChangePasswordDto, @AuditCtx() context: AuditContext): Promise<void> {
    await this.sessions.changePassword(actor, dto, context);
  }
}

function setCookie(request: Request, response: Response, signedIn: SignedIn): SessionDto {
  response.cookie(SESSION_COOKIE, signedIn.secret, { ...cookieOptions(request), maxAge: signedIn.maxAgeMs });
  if (signedIn.device) response.cookie(DEVICE_COOKIE, signedIn.device, { ...cookieOptions(request), path: '/api/v1/auth', maxAge: DEVICE_LIFETIME_MS });
  return signedIn.session;
}
