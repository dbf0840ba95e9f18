import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { Team } from './team.entity.js';

@Injectable()
export class TeamsRepository {
  constructor(private readonly dataSource: DataSource) {}

  findByName(name: string, manager: EntityManager = this.dataSource.manager): Promise<Team | null> {
    return manager.findOne(Team, { where: { name } });
  }
}
