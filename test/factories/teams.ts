import type { CreateServiceDto } from '../../src/services/dto/create-service.dto.js';
import type { CreateTeamDto } from '../../src/teams/dto/create-team.dto.js';

let counter = 0;

/** A valid team body with a fresh name; override what the test is about. */
export function teamBody(overrides: Partial<CreateTeamDto> = {}): CreateTeamDto {
  counter += 1;
  return {
    name: `Team ${counter}`,
    description: `Owns things #${counter}`,
    pagingScheduleUrl: `https://acme.pagerduty.com/schedules/PT${counter}`,
    ...overrides,
  };
}

/** A valid internal service body with a fresh name and no owning team; override what the test is about. */
export function serviceBody(overrides: Partial<CreateServiceDto> = {}): CreateServiceDto {
  counter += 1;
  return {
    name: `service-${counter}`,
    kind: 'internal',
    functionality: `Functionality ${counter}`,
    ...overrides,
  };
}
