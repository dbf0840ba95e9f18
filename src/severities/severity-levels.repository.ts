import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { SeverityLevel } from './severity-level.entity.js';

@Injectable()
export class SeverityLevelsRepository {
  constructor(private readonly dataSource: DataSource) {}

  list(manager: EntityManager = this.dataSource.manager): Promise<SeverityLevel[]> {
    return manager.find(SeverityLevel, { order: { rank: 'ASC' } });
  }

  findByKey(key: string, manager: EntityManager = this.dataSource.manager): Promise<SeverityLevel | null> {
    return manager.findOne(SeverityLevel, { where: { key } });
  }

  findById(id: string, manager: EntityManager = this.dataSource.manager): Promise<SeverityLevel | null> {
    return manager.findOne(SeverityLevel, { where: { id } });
  }
}
