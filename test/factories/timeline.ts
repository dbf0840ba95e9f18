import type { CreateTimelineEntryDto } from '../../src/incidents/timeline/dto/create-timeline-entry.dto.js';

let counter = 0;

/** A valid timeline entry body; override what the test is about. */
export function timelineEntryBody(overrides: Partial<CreateTimelineEntryDto> = {}): CreateTimelineEntryDto {
  counter += 1;
  return {
    occurredAt: '2026-03-01T09:45:00Z',
    kind: 'note',
    author: 'Dana',
    body: `Something happened #${counter}`,
    ...overrides,
  };
}
