import type { CreateSeverityLevelDto } from '../../src/severities/dto/create-severity-level.dto.js';

let counter = 0;

/** A valid severity level body with a fresh key and rank (above the seeded 1–3); override what the test is about. */
export function severityLevelBody(overrides: Partial<CreateSeverityLevelDto> = {}): CreateSeverityLevelDto {
  counter += 1;
  return {
    key: `SEVT${counter}`,
    name: `Test level ${counter}`,
    rank: 100 + counter,
    ackTargetSeconds: 3600,
    mitigateTargetSeconds: 86400,
    resolveTargetSeconds: 7 * 86400,
    updateCadenceSeconds: 4 * 3600,
    retroDueBusinessHours: 48,
    ...overrides,
  };
}
