/** The three roles, least to most powerful. Pure: no Nest imports. */
export const ROLES = ['viewer', 'responder', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/**
 * - viewer: read everything, download reports;
 * - responder: also create and edit incidents, timelines, retrospectives, action items;
 * - admin: also import, delete, manage severity levels and SLA targets, templates, users and tokens.
 */
export function roleAllows(have: Role, need: Role): boolean {
  return ROLES.indexOf(have) >= ROLES.indexOf(need);
}

export const isRole = (value: unknown): value is Role => typeof value === 'string' && (ROLES as readonly string[]).includes(value);
