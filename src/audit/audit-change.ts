/** One change to record: what happened to which thing, with the values before and after. */
export interface AuditChange {
  /** `<entity>.<verb>`: `incident.create`, `incident.update`, `token.revoke`, `user.sign_in_failed`… */
  action: string;
  entityType: string;
  entityId: string | null;
  /** A human handle: incident key, team name, token name, username. */
  entityLabel: string | null;
  /** The incident the change belongs to, for the incident's own history. */
  incidentId?: string | null;
  /** The entity's API representation before and after (null on create / delete). Never secrets. */
  before?: unknown;
  after?: unknown;
}

/** Request details worth keeping with a change made over HTTP. */
export interface AuditContext {
  requestId?: string | null;
  ip?: string | null;
}

/**
 * The change builder of one audited kind of entity, which each domain declares beside its DTO mapper: its
 * entity type, its label (the handle a person knows it by) and the incident whose history it belongs to.
 * `before` / `after` are the entity's API DTOs, null when it did not exist; the label is taken from `after`
 * when there is one (a rename shows the new name). Pure.
 */
export const changeBuilder = <T>(entityType: string, label: (dto: T) => string, incidentId: (dto: T) => string | null = () => null) =>
  (action: `${string}.${string}`, before: T | null, after: T | null): AuditChange => {
    const dto = (after ?? before) as T & { id: string };
    return { action, entityType, entityId: dto.id, entityLabel: label(dto), incidentId: incidentId(dto), before, after };
  };
