import type { Role } from './roles.js';

/** How the actor of a change was authenticated. */
export const ACTOR_TYPES = ['user', 'token', 'cli', 'system'] as const;
export type ActorType = (typeof ACTOR_TYPES)[number];

/** Who is making a change: recorded in the audit trail with every write. */
export interface Actor {
  type: ActorType;
  /** User id or token id; null for the CLI and the system. */
  id: string | null;
  /** Username, token name, `cli` or `system`. */
  name: string;
  role: Role;
}

/** The command line acting on the database directly (whoever can run it can read the data directory). */
export const CLI_ACTOR: Actor = { type: 'cli', id: null, name: 'cli', role: 'admin' };
/** The service itself (first-run set-up, scheduled jobs). */
export const SYSTEM_ACTOR: Actor = { type: 'system', id: null, name: 'system', role: 'admin' };

/** The authenticated caller of one HTTP request. */
export interface RequestActor extends Actor {
  /** Authenticated by the session cookie (so writes need the CSRF header), not by a bearer token. */
  viaCookie: boolean;
  sessionId: string | null;
  /** A user signed in with a one-time password who has not chosen a new one yet. */
  mustChangePassword: boolean;
}
