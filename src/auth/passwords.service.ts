import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { argon2id, argon2Verify } from 'hash-wasm';

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 1024;

/** Passwords people reach for first; compared after dropping everything but letters. */
const WELL_KNOWN = new Set([
  'password', 'passwort', 'qwerty', 'qwertyuiop', 'qwertz', 'azerty', 'asdfghjkl', 'letmein', 'welcome', 'iloveyou', 'admin',
  'administrator', 'changeme', 'secret', 'hindsight', 'monkey', 'dragon', 'football', 'trustno', 'abc', 'abcdef',
]);

/** Each character the one after (or before) the previous, digits wrapping round: `abcdefghijkl`, `987654321098`… */
function isSequence(characters: string[]): boolean {
  const follows = (a: string, b: string, step: 1 | -1) =>
    b.codePointAt(0)! - a.codePointAt(0)! === step || (step === 1 ? a === '9' && b === '0' : a === '0' && b === '9');
  const pairs = characters.slice(1).map((c, i) => [characters[i], c] as const);
  return pairs.every(([a, b]) => follows(a, b, 1)) || pairs.every(([a, b]) => follows(a, b, -1));
}

/**
 * What is wrong with a password someone chose, in words they can act on; empty when it is acceptable.
 * Length matters most (NIST SP 800-63B): at least 12 characters, any characters, spaces welcome.
 * Pure, so the rules are tested directly.
 */
export function passwordProblems(password: string, username: string): string[] {
  const characters = [...password];
  const problems: string[] = [];
  if (characters.length < MIN_PASSWORD_LENGTH) problems.push(`must be at least ${MIN_PASSWORD_LENGTH} characters long (it has ${characters.length})`);
  if (characters.length > MAX_PASSWORD_LENGTH) problems.push(`must be at most ${MAX_PASSWORD_LENGTH} characters long`);
  if (password.trim() === '') problems.push('must not be only spaces');
  else if (new Set(characters).size === 1) problems.push('must not be one character repeated');
  else if (characters.length > 2 && isSequence(characters)) problems.push('must not be a run of consecutive characters such as "abcdef…" or "123456…"');
  const lower = password.toLowerCase();
  const name = username.trim().toLowerCase();
  if (name !== '' && lower.includes(name)) problems.push('must not contain the username');
  if (WELL_KNOWN.has(lower.replace(/[^a-z]/g, ''))) problems.push('must not be a well-known password with digits or symbols added');
  return problems;
}

/**
 * argon2id parameters: OWASP's first recommended configuration (19 MiB, 2 iterations, 1 lane),
 * about 50–100 ms per call here. Stored as the standard PHC string (`$argon2id$v=19$m=19456,t=2,p=1$…`),
 * so the parameters can be raised later without invalidating stored hashes.
 */
const ARGON2 = { memorySize: 19_456, iterations: 2, parallelism: 1, hashLength: 32 } as const;

/**
 * Password hashing with argon2id, computed by `hash-wasm` (WebAssembly): the same algorithm and format
 * as the native `argon2` package, without a native binary (its prebuilt one crashed on our CI machines,
 * and building from source needs a compiler that a machine with only Node does not have).
 */
@Injectable()
export class PasswordHasher {
  private dummy: Promise<string> | undefined;

  hash(password: string): Promise<string> {
    return argon2id({ password, salt: randomBytes(16), ...ARGON2, outputType: 'encoded' });
  }

  /** False for a wrong password and for a hash that is not an argon2 hash at all. */
  async verify(hash: string, password: string): Promise<boolean> {
    try {
      return await argon2Verify({ password, hash });
    } catch {
      return false;
    }
  }

  /**
   * Spends the time of one verification and answers false: used when the username is unknown, so
   * that the response time does not tell which usernames exist.
   */
  async verifyNothing(password: string): Promise<false> {
    this.dummy ??= this.hash('hindsight: no such user');
    await this.verify(await this.dummy, password);
    return false;
  }
}
