import { Global, Module } from '@nestjs/common';
import { AuditController } from './audit.controller.js';
import { AuditRepository } from './audit.repository.js';
import { AuditTrail } from './audit-trail.service.js';
import { AuditService } from './audit.service.js';

/** The audit trail: every domain records its changes through AuditTrail; admins read it, viewers read an incident's history. */
@Global()
@Module({ controllers: [AuditController], providers: [AuditRepository, AuditService, AuditTrail], exports: [AuditTrail] })
export class AuditModule {}
