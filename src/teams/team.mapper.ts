import type { TeamDto } from './dto/team.dto.js';
import { changeBuilder } from '../audit/audit-change.js';

/** One team as the repository reads it: its columns plus what it owns, counted. */
export interface TeamRow {
  id: string;
  name: string;
  description: string;
  paging_schedule_url: string | null;
  service_count: number;
  incident_count: number;
  created_at: Date;
  updated_at: Date;
}

export function toTeamDto(row: TeamRow): TeamDto {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    pagingScheduleUrl: row.paging_schedule_url,
    serviceCount: row.service_count,
    incidentCount: row.incident_count,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/** How a change to it is recorded in the audit trail. */
export const teamChange = changeBuilder<TeamDto>('team', (t) => t.name);
