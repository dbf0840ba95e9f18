import { Body, Controller, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { AuditCtx } from '../../audit/audit-context.decorator.js';
import type { AuditContext } from '../../audit/audit-change.js';
import type { RequestActor } from '../../common/actor.js';
import { CurrentActor, MinRole } from '../../common/access.decorators.js';
import { ApiAuthErrors, ApiErrors } from '../../common/api-responses.decorators.js';
import { CreateUserDto } from './dto/create-user.dto.js';
import { UpdateUserDto } from './dto/update-user.dto.js';
import { UserDto, UserWithOneTimePasswordDto } from './dto/user.dto.js';
import { UsersService } from './users.service.js';

const ID_OR_USERNAME = { name: 'user', description: 'User id (uuid) or username', example: 'alice' };

@ApiTags('users')
@MinRole('admin')
@ApiBearerAuth()
@ApiCookieAuth()
@ApiAuthErrors()
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @ApiOperation({ summary: 'List user accounts by username' })
  @ApiOkResponse({ type: [UserDto] })
  list(): Promise<UserDto[]> {
    return this.users.list();
  }

  @Get(':user')
  @ApiOperation({ summary: 'One user account by id or username' })
  @ApiParam(ID_OR_USERNAME)
  @ApiOkResponse({ type: UserDto })
  @ApiErrors(404)
  get(@Param('user') user: string): Promise<UserDto> {
    return this.users.get(user);
  }

  @Post()
  @ApiOperation({ summary: 'Create a user with a one-time password (valid 24 h, returned only in this response)' })
  @ApiCreatedResponse({ type: UserWithOneTimePasswordDto })
  @ApiErrors(400, 409)
  create(@Body() dto: CreateUserDto, @CurrentActor() actor: RequestActor, @AuditCtx() context: AuditContext): Promise<UserWithOneTimePasswordDto> {
    return this.users.create(dto, actor, context);
  }

  @Patch(':user')
  @ApiOperation({ summary: 'Change the display name or role, or disable / enable the account (send the version you read)' })
  @ApiParam(ID_OR_USERNAME)
  @ApiOkResponse({ type: UserDto })
  @ApiErrors(400, 404, 409, 422)
  update(@Param('user') user: string, @Body() dto: UpdateUserDto, @CurrentActor() actor: RequestActor, @AuditCtx() context: AuditContext): Promise<UserDto> {
    return this.users.update(user, dto, actor, context);
  }

  @Post(':user/reset-password')
  @HttpCode(200)
  @ApiOperation({ summary: 'Replace the password with a new one-time password (valid 24 h, returned only in this response); ends the user\'s sessions' })
  @ApiParam(ID_OR_USERNAME)
  @ApiOkResponse({ type: UserWithOneTimePasswordDto })
  @ApiErrors(404)
  resetPassword(@Param('user') user: string, @CurrentActor() actor: RequestActor, @AuditCtx() context: AuditContext): Promise<UserWithOneTimePasswordDto> {
    return this.users.resetPassword(user, actor, context);
  }
}
