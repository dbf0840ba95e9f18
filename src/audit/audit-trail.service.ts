import { Injectable } from '@nestjs/common';
import type { Actor } from '../common/actor.js';
import { Transactions } from '../database/transactions.js';
import { AuditRepository } from './audit.repository.js';
import type { AuditChange, AuditContext } from './audit-change.js';

/**
 * How every domain records its changes: in the transaction of the change (Transactions joins the
 * caller's), so a change and its record commit together or not at all.
 */
@Injectable()
export class AuditTrail {
  constructor(
    private readonly audit: AuditRepository,
    private readonly transactions: Transactions,
  ) {}

  record(actor: Actor, change: AuditChange, at: Date, context: AuditContext = {}): Promise<void> {
    return this.transactions.run(() => this.audit.record(actor, change, at, context));
  }

  /** Many changes by one actor at one time, in one round trip (imports record one per written incident). */
  recordMany(actor: Actor, changes: AuditChange[], at: Date, context: AuditContext = {}): Promise<void> {
    if (changes.length === 0) return Promise.resolve();
    return this.transactions.run(() => this.audit.recordMany(actor, changes, at, context));
  }
}
