import { Injectable } from '@nestjs/common';
import { DataSource, In, type EntityManager } from 'typeorm';
import { Service } from './service.entity.js';

@Injectable()
export class ServicesRepository {
  constructor(private readonly dataSource: DataSource) {}

  findByNames(names: string[], manager: EntityManager = this.dataSource.manager): Promise<Service[]> {
    if (names.length === 0) return Promise.resolve([]);
    return manager.find(Service, { where: { name: In(names) } });
  }
}
