import type { CreateIncidentDto } from '../../src/incidents/dto/create-incident.dto.js';

let counter = 0;

/** A valid incident body; override what the test is about. */
export function incidentBody(overrides: Partial<CreateIncidentDto> = {}): CreateIncidentDto {
  counter += 1;
  return {
    title: `Checkout is unavailable for EU customers #${counter}`,
    severity: 'SEV2',
    startedAt: '2026-03-01T09:30:00Z',
    detectedAt: '2026-03-01T09:35:00Z',
    ...overrides,
  };
}
