/**
 * Domain errors: plain classes with a code, no HTTP knowledge. The exception filter maps each kind
 * to a status. Every message names the field and the offending value.
 */
export abstract class DomainError extends Error {
  abstract readonly code: string;
  readonly details?: Record<string, unknown>;
  constructor(message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = new.target.name;
    this.details = details;
  }
}

/** A request value that is malformed: 400. */
export class InvalidInputError extends DomainError {
  readonly code = 'INVALID_INPUT';
  constructor(readonly field: string, readonly value: unknown, problem: string) {
    super(`${field}: ${JSON.stringify(value)} ${problem}`, { errors: [{ field, value, problems: [problem] }] });
  }
}

/** A well-formed value that names something that does not exist, e.g. an unknown severity: 422. */
export class UnknownReferenceError extends DomainError {
  readonly code = 'UNKNOWN_REFERENCE';
  constructor(readonly field: string, readonly value: unknown, what: string, hint?: string) {
    super(`${field}: no ${what} ${JSON.stringify(value)}${hint ? ` (${hint})` : ''}`, { field, value });
  }
}

/** A rule of the domain that the request would break: 422. */
export class RuleViolationError extends DomainError {
  constructor(readonly code: string, message: string, details?: Record<string, unknown>) {
    super(message, details);
  }
}

export class NotFoundError extends DomainError {
  /** `NOT_FOUND`, or a more precise code (`REPORT_FILE_MISSING`: the record exists, its file does not). */
  readonly code: string;
  constructor(what: string, identifier: string, options: { code?: string; message?: string } = {}) {
    super(options.message ?? `${what} ${JSON.stringify(identifier)} not found`, { resource: what, identifier });
    this.code = options.code ?? 'NOT_FOUND';
  }
}

/** The thing already exists (a unique name, one retrospective per incident): 409. */
export class AlreadyExistsError extends DomainError {
  readonly code = 'ALREADY_EXISTS';
  constructor(what: string, field: string, value: unknown) {
    super(`${what} with ${field} ${JSON.stringify(value)} already exists`, { field, value });
  }
}

/** An optimistic-locking conflict: someone else saved first. 409 with the current version. */
export class VersionConflictError extends DomainError {
  readonly code = 'VERSION_CONFLICT';
  constructor(what: string, id: string, givenVersion: number, currentVersion: number) {
    super(
      `${what} ${id} was changed by someone else: you sent version ${givenVersion}, the current version is ${currentVersion}. Reload it and apply your change again.`,
      { id, givenVersion, currentVersion },
    );
  }
}

/** Still referenced elsewhere, so it cannot be deleted: 409. */
export class InUseError extends DomainError {
  readonly code = 'IN_USE';
  constructor(what: string, identifier: string, usedBy: string) {
    super(`${what} ${JSON.stringify(identifier)} is still used by ${usedBy}`, { identifier, usedBy });
  }
}

/** The thing exists but is not in a state that allows this (a report still being generated): 409 with its own code. */
export class StateConflictError extends DomainError {
  constructor(readonly code: string, message: string, details?: Record<string, unknown>) {
    super(message, details);
  }
}

/** No or unusable credentials: 401. */
export class UnauthenticatedError extends DomainError {
  readonly code = 'UNAUTHENTICATED';
}

/** Authenticated, but not allowed to do this: 403. */
export class ForbiddenError extends DomainError {
  constructor(readonly code: string, message: string, details?: Record<string, unknown>) {
    super(message, details);
  }
}

/** Too many attempts: 429 with the seconds to wait. */
export class TooManyAttemptsError extends DomainError {
  readonly code = 'TOO_MANY_ATTEMPTS';
  constructor(what: string, readonly retryAfterSeconds: number) {
    super(`Too many failed ${what}; try again in ${retryAfterSeconds} s`, { retryAfterSeconds });
  }
}
