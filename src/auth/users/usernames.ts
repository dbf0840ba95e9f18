/** Lower-case letters and digits, then also `.`, `_` and `-`: 2–64 characters. */
export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]{1,63}$/;

/** Usernames are compared case-insensitively: stored and looked up in lower case, without surrounding spaces. */
export function normalizeUsername(text: string): string {
  return text.trim().toLowerCase();
}

/** Why a (normalized) username cannot be used, or null. */
export function usernameProblem(username: string): string | null {
  if (USERNAME_PATTERN.test(username)) return null;
  if (username.length < 2 || username.length > 64) return 'must be 2–64 characters long';
  return 'must be lower-case letters, digits, ".", "_" or "-", starting with a letter or digit';
}
