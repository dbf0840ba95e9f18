import type { CreateActionItemDto } from '../../src/action-items/dto/create-action-item.dto.js';

let counter = 0;

/** A valid action item body for `incident` (id or key); override what the test is about. */
export function actionItemBody(incident: string, overrides: Partial<CreateActionItemDto> = {}): CreateActionItemDto {
  counter += 1;
  return { incident, title: `Alert on payments queue age #${counter}`, ...overrides };
}
