import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

/** API token secrets look like `hst_<43 base64url characters>` (256 random bits). */
export const TOKEN_PREFIX = 'hst_';

export function newTokenSecret(): string {
  return `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
}

export function newSessionSecret(): string {
  return randomBytes(32).toString('base64url');
}

export function newCsrfToken(): string {
  return randomBytes(24).toString('base64url');
}

/**
 * The device cookie's value: a random id and the username that signed in with it. A browser that sends it
 * back (signed) counts its failed sign-ins to that username apart from its address (failure-throttle.ts).
 */
export function newDeviceCookie(username: string): string {
  return `${randomBytes(18).toString('base64url')}:${username}`;
}

/** The hash that names the device of a (verified) device cookie in the counters, if it was issued to `username`. */
export function deviceHash(cookie: string | undefined, username: string): string | null {
  const separator = cookie?.indexOf(':') ?? -1;
  if (!cookie || separator < 1 || cookie.slice(separator + 1) !== username) return null;
  return hashSecret(cookie.slice(0, separator)).slice(0, 32);
}

/** Secrets are high-entropy random strings, so a plain SHA-256 is the right stored form (no salt or slow hash needed). */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** What lists show of a token: enough to recognise it, nothing to use it. */
export function secretPrefix(secret: string): string {
  return `${secret.slice(0, TOKEN_PREFIX.length + 6)}…`;
}

export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

const UNITS: Record<string, number> = { m: 60, h: 3600, d: 86400, w: 7 * 86400, y: 365 * 86400 };

/** `30d`, `12h`, `2w`, `1y` → seconds; null when the text is not such a duration. */
export function parseDuration(text: string): number | null {
  const match = /^(\d{1,6})([mhdwy])$/.exec(text.trim());
  if (!match || Number(match[1]) === 0) return null;
  return Number(match[1]) * UNITS[match[2]];
}

/** A one-time password people can type: 4 groups of 5 characters without look-alikes (31^20, about 99 bits, uniformly drawn). */
export function newOneTimePassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  const chars = Array.from({ length: 20 }, () => alphabet[randomInt(alphabet.length)]);
  return [0, 5, 10, 15].map((i) => chars.slice(i, i + 5).join('')).join('-');
}
