import type { ServiceDto } from './dto/service.dto.js';
import type { ServiceKind } from './service.entity.js';
import { changeBuilder } from '../audit/audit-change.js';

/** One service as the repository reads it: its columns plus its owning team's name. */
export interface ServiceRow {
  id: string;
  name: string;
  kind: ServiceKind;
  functionality: string;
  owning_team_id: string | null;
  owning_team_name: string | null;
  paging_schedule_url: string | null;
  support_url: string | null;
  status_page_url: string | null;
  created_at: Date;
  updated_at: Date;
}

export function toServiceDto(row: ServiceRow): ServiceDto {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    functionality: row.functionality,
    owningTeam: row.owning_team_name,
    pagingScheduleUrl: row.paging_schedule_url,
    supportUrl: row.support_url,
    statusPageUrl: row.status_page_url,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/** How a change to it is recorded in the audit trail. */
export const serviceChange = changeBuilder<ServiceDto>('service', (s) => s.name);
