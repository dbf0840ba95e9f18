import type { SeverityLevelDto } from './dto/severity-level.dto.js';
import type { SeverityLevel } from './severity-level.entity.js';
import { changeBuilder } from '../audit/audit-change.js';

export function toSeverityLevelDto(level: SeverityLevel): SeverityLevelDto {
  return {
    id: level.id,
    key: level.key,
    name: level.name,
    description: level.description,
    rank: level.rank,
    ackTargetSeconds: level.ackTargetSeconds,
    mitigateTargetSeconds: level.mitigateTargetSeconds,
    resolveTargetSeconds: level.resolveTargetSeconds,
    updateCadenceSeconds: level.updateCadenceSeconds,
    retroDueBusinessHours: level.retroDueBusinessHours,
    version: level.version,
    createdAt: level.createdAt.toISOString(),
    updatedAt: level.updatedAt.toISOString(),
  };
}

/** How a change to it is recorded in the audit trail. */
export const severityLevelChange = changeBuilder<SeverityLevelDto>('severity_level', (s) => s.key);
