import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { AuditCtx } from '../audit/audit-context.decorator.js';
import type { AuditContext } from '../audit/audit-change.js';
import { ApiAuthErrors, ApiErrors } from '../common/api-responses.decorators.js';
import type { RequestActor } from '../common/actor.js';
import { CurrentActor, MinRole } from '../common/access.decorators.js';
import { CreatedTokenDto, CreateTokenDto, TokenDto } from './dto/token.dto.js';
import { TokensService } from './tokens.service.js';

@ApiTags('tokens')
@MinRole('admin')
@ApiBearerAuth()
@ApiCookieAuth()
@ApiAuthErrors()
@Controller('tokens')
export class TokensController {
  constructor(private readonly tokens: TokensService) {}

  @Get()
  @ApiOperation({ summary: 'List API tokens with their status (never their secrets)' })
  @ApiOkResponse({ type: [TokenDto] })
  list(): Promise<TokenDto[]> {
    return this.tokens.list();
  }

  @Post()
  @ApiOperation({ summary: 'Create an API token; the secret is in this response only' })
  @ApiCreatedResponse({ type: CreatedTokenDto })
  @ApiErrors(400, 409)
  create(@Body() dto: CreateTokenDto, @CurrentActor() actor: RequestActor, @AuditCtx() context: AuditContext): Promise<CreatedTokenDto> {
    return this.tokens.create(dto, actor, context);
  }

  @Post(':token/revoke')
  @HttpCode(200)
  @ApiOperation({ summary: 'Revoke a token: it, and browser sessions signed in with it, stop working at once' })
  @ApiParam({ name: 'token', description: 'Token id (uuid) or name', example: 'ci' })
  @ApiOkResponse({ type: TokenDto })
  @ApiErrors(404, 422)
  revoke(@Param('token') token: string, @CurrentActor() actor: RequestActor, @AuditCtx() context: AuditContext): Promise<TokenDto> {
    return this.tokens.revoke(token, actor, context);
  }
}
