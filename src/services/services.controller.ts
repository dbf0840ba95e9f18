import type { AuditContext } from '../audit/audit-change.js';
import { AuditCtx } from '../audit/audit-context.decorator.js';
import type { RequestActor } from '../common/actor.js';
import { CurrentActor, MinRole } from '../common/access.decorators.js';
import { ApiAuthErrors } from '../common/api-responses.decorators.js';
import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags, ApiBearerAuth, ApiCookieAuth } from '@nestjs/swagger';
import { ApiErrors } from '../common/api-responses.decorators.js';
import { CreateServiceDto } from './dto/create-service.dto.js';
import { ListServicesQuery } from './dto/list-services.query.js';
import { ServiceDto } from './dto/service.dto.js';
import { UpdateServiceDto } from './dto/update-service.dto.js';
import { ServicesService } from './services.service.js';

const ID_OR_NAME = { name: 'service', description: 'Service id (uuid) or exact name', example: 'payments-api' };

@ApiTags('services')
@MinRole('viewer')
@ApiBearerAuth()
@ApiCookieAuth()
@ApiAuthErrors()
@Controller('services')
export class ServicesController {
  constructor(private readonly services: ServicesService) {}

  @Get()
  @ApiOperation({ summary: 'The ownership table: every service and vendor by name, optionally filtered by kind or owning team' })
  @ApiOkResponse({ type: [ServiceDto] })
  @ApiErrors(400)
  list(@Query() query: ListServicesQuery): Promise<ServiceDto[]> {
    return this.services.list(query);
  }

  @Get(':service')
  @ApiOperation({ summary: 'One service by id or name' })
  @ApiParam(ID_OR_NAME)
  @ApiOkResponse({ type: ServiceDto })
  @ApiErrors(404)
  get(@Param('service') service: string): Promise<ServiceDto> {
    return this.services.get(service);
  }

  @MinRole('admin')
  @Post()
  @ApiOperation({ summary: 'Add a service or vendor (the name must be free; the owning team must exist)' })
  @ApiCreatedResponse({ type: ServiceDto })
  @ApiErrors(400, 409, 422)
  create(@Body() dto: CreateServiceDto, @CurrentActor() actor: RequestActor, @AuditCtx() context: AuditContext): Promise<ServiceDto> {
    return this.services.create(dto, actor, context);
  }

  @MinRole('admin')
  @Patch(':service')
  @ApiOperation({ summary: 'Change a service: name, kind, functionality, owning team or links (last write wins)' })
  @ApiParam(ID_OR_NAME)
  @ApiOkResponse({ type: ServiceDto })
  @ApiErrors(400, 404, 409, 422)
  update(
    @Param('service') service: string,
    @Body() dto: UpdateServiceDto,
    @CurrentActor() actor: RequestActor,
    @AuditCtx() context: AuditContext,
  ): Promise<ServiceDto> {
    return this.services.update(service, dto, actor, context);
  }

  @MinRole('admin')
  @Delete(':service')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a service that no incident lists as affected' })
  @ApiParam(ID_OR_NAME)
  @ApiNoContentResponse()
  @ApiErrors(404, 409)
  async delete(@Param('service') service: string, @CurrentActor() actor: RequestActor, @AuditCtx() context: AuditContext): Promise<void> {
    await this.services.delete(service, actor, context);
  }
}
