/**
 * Throttling of failed credential checks: the failures are throttled, never a valid credential.
 *
 * - A failure is counted per (kind, client, credential): the client is the address (as `trust proxy`
 *   resolves it), or for a password a browser that signed in to that username before (its device cookie);
 *   the credential is the username, or the first 16 hex digits of a token's SHA-256. On top, every failure
 *   from a client address also counts on (kind, address, `*`), so a flood of distinct bad tokens or
 *   usernames from one address is throttled too.
 * - From the PER_CREDENTIAL-th failure on one key (PER_CLIENT-th on `*`), the key is blocked for 1 s, then
 *   2 s, 4 s, … up to 15 min per further failure (`backOffSchedule`). An attempt while a key is blocked gets
 *   429 with Retry-After and is not counted. An hour without failures forgets the key.
 * - A bearer token or a token sign-in is looked up first (one indexed statement): a valid one always
 *   works; only unknown tokens are counted and refused. A password can only be known right after argon2,
 *   which is what the throttle saves, so a password attempt is refused unchecked while its own
 *   (client, username) key or its address's `*` key is blocked: an attacker of `admin` blocks only the
 *   addresses they attack from, and a browser that signed in as `admin` before carries a device cookie
 *   and counts as a client of its own, so it can sign in even from the attacker's address.
 * - The counters live in PostgreSQL (`auth_failures`): every instance shares them, a restart keeps them.
 *   Recording a failure is one atomic statement (INSERT … ON CONFLICT … DO UPDATE … RETURNING) that also
 *   tells whether the attempt was blocked; expired rows are pruned by the next failure, a batch at a time.
 */

export type FailureKind = 'token' | 'password' | 'current_password';

export interface FailureKey {
  kind: FailureKind;
  client: string;
  credential: string;
}

/** Failures on one credential from one client before the back-off starts. */
export const PER_CREDENTIAL_FAILURES = 5;
/** Failures on any credentials from one client address before the back-off starts. */
export const PER_CLIENT_FAILURES = 20;
/** The first block; each further failure doubles it, up to MAX_BLOCK_SECONDS. */
export const FIRST_BLOCK_SECONDS = 1;
export const MAX_BLOCK_SECONDS = 15 * 60;
/** A key without failures for this long is forgotten (and pruned). */
export const FORGET_AFTER_SECONDS = 60 * 60;
/** Credential of the key that counts every failure from a client address. */
export const ANY_CREDENTIAL = '*';

/** Failures a key may have before the back-off starts. */
export const thresholdOf = (key: Pick<FailureKey, 'credential'>): number => (key.credential === ANY_CREDENTIAL ? PER_CLIENT_FAILURES : PER_CREDENTIAL_FAILURES);

/**
 * Block lengths in seconds by how far a key is past its threshold: the n-th entry (0-based) follows the
 * threshold's failure plus n more; the last entry holds from then on.
 */
export function backOffSchedule(): number[] {
  const schedule: number[] = [];
  for (let seconds = FIRST_BLOCK_SECONDS; seconds < MAX_BLOCK_SECONDS; seconds *= 2) schedule.push(seconds);
  schedule.push(MAX_BLOCK_SECONDS);
  return schedule;
}

/** Seconds a key is blocked after its `failures`-th failure (0 below the threshold). */
export function blockSeconds(failures: number, threshold: number): number {
  if (failures < threshold) return 0;
  const schedule = backOffSchedule();
  return schedule[Math.min(failures - threshold, schedule.length - 1)];
}

/** Whole seconds to wait until `until` (at least 1), or 0 when it has passed or there is none. */
export function retryAfterSeconds(until: Date | null, now: Date): number {
  if (!until || until.getTime() <= now.getTime()) return 0;
  return Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
}

/**
 * An address as a key: cut to 100 characters, since with TRUST_PROXY=true it is whatever the client wrote
 * in X-Forwarded-For (and an index entry has a size limit).
 */
const addressKey = (address: string) => address.slice(0, 100);

/** The keys a failed token check counts on: this token from this address, and any token from it. */
export function tokenFailureKeys(clientAddress: string, secretHash: string): FailureKey[] {
  const address = addressKey(clientAddress);
  return [
    { kind: 'token', client: address, credential: `token:${secretHash.slice(0, 16)}` },
    { kind: 'token', client: address, credential: ANY_CREDENTIAL },
  ];
}

/**
 * The keys a password sign-in counts on: the username from this browser when it carries the device
 * cookie of that username (`deviceHash`), else the username from this address and any username from it.
 */
export function passwordFailureKeys(clientAddress: string, username: string, deviceHash: string | null): FailureKey[] {
  const address = addressKey(clientAddress);
  if (deviceHash) return [{ kind: 'password', client: `device:${deviceHash}`, credential: `user:${username}` }];
  return [
    { kind: 'password', client: address, credential: `user:${username}` },
    { kind: 'password', client: address, credential: ANY_CREDENTIAL },
  ];
}

/** The key a wrong current password on a password change counts on. */
export function currentPasswordFailureKey(clientAddress: string, username: string): FailureKey {
  return { kind: 'current_password', client: addressKey(clientAddress), credential: `user:${username}` };
}
