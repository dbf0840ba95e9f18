import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { TimelineKind } from './timeline-entry.entity.js';

export interface NewTimelineEntry {
  incidentId: string;
  occurredAt: Date;
  kind: TimelineKind;
  author: string | null;
  body: string;
}

@Injectable()
export class TimelineRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(manager: EntityManager, entry: NewTimelineEntry): Promise<string> {
    const rows: { id: string }[] = await manager.query(
      `INSERT INTO timeline_entries (incident_id, occurred_at, kind, author, body) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [entry.incidentId, entry.occurredAt, entry.kind, entry.author, entry.body],
    );
    return rows[0].id;
  }
}
