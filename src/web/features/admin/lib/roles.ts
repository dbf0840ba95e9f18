import type { Role } from '../../../api/session';

/** The three roles, as the admin pages offer them (least first), each with what it may do (README "Roles"). */
export const ROLE_OPTIONS: readonly { value: Role; label: string }[] = [
  { value: 'viewer', label: 'viewer: reads everything' },
  { value: 'responder', label: 'responder: also edits incidents, retrospectives, action items' },
  { value: 'admin', label: 'admin: everything, including these pages' },
];
