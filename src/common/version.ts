import { VersionConflictError } from './errors.js';

/** Optimistic locking: the version the client read must still be the current one. */
export function assertVersion(what: string, id: string, given: number, current: number): void {
  if (given !== current) throw new VersionConflictError(what, id, given, current);
}
