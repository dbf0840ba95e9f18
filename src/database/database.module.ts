import { Global, Module } from '@nestjs/common';
import { Database, Transactions } from './transactions.js';

/** Transactions for services and the current connection for repositories (needs TypeOrmModule's DataSource). */
@Global()
@Module({ providers: [Database, Transactions], exports: [Database, Transactions] })
export class DatabaseModule {}
