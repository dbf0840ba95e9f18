import { Global, Module } from '@nestjs/common';
import { AuditRepository } from './audit.repository.js';

/** The audit trail: every domain records its changes through AuditRepository.record. */
@Global()
@Module({ providers: [AuditRepository], exports: [AuditRepository] })
export class AuditModule {}
