import { PasswordHasher, passwordProblems } from './passwords.service.js';

describe('passwordProblems', () => {
  it.each([
    ['a long passphrase', 'correct horse battery staple'],
    ['exactly 12 mixed characters', 'Tr0ub4dor&3x'],
    ['12 characters with spaces', 'my blue door'],
    ['a one-time password from newOneTimePassword', 'k7m2p-xq9rt-4hbnc-wz8fd'],
    ['non-ASCII characters, counted as characters', 'Grüße aus Köln!'],
    ['the username only as part of an unrelated word', 'bobsled racing team'],
  ])('accepts %s', (_name, password) => {
    expect(passwordProblems(password, 'alice')).toEqual([]);
  });

  it.each([
    ['11 characters', 'abcxyz12345', 'at least 12 characters long (it has 11)'],
    ['an empty password', '', 'at least 12 characters long (it has 0)'],
    ['emoji counted as one character each', '🔒🔒🔒🔒🔒🔒🔒🔒🔒🔒🔒', 'at least 12 characters long (it has 11)'],
    ['more than 1024 characters', 'x9'.repeat(513), 'at most 1024 characters'],
    ['one character repeated', 'aaaaaaaaaaaaaaaa', 'one character repeated'],
    ['only spaces', ' '.repeat(16), 'only spaces'],
    ['an ascending run of letters', 'abcdefghijklmn', 'run of consecutive characters'],
    ['an ascending run of digits, wrapping round', '123456789012', 'run of consecutive characters'],
    ['a descending run of digits, wrapping round', '987654321098', 'run of consecutive characters'],
    ['the username', 'alice-in-wonderland', 'must not contain the username'],
    ['the username in another case', 'WonderALICE2026', 'must not contain the username'],
    ['a well-known password with digits', 'Password12345!', 'well-known password'],
    ['a keyboard row with a year', 'qwertyuiop2026', 'well-known password'],
  ])('refuses %s', (_name, password, problem) => {
    expect(passwordProblems(password, 'alice')).toEqual(expect.arrayContaining([expect.stringContaining(problem)]));
  });

  it('lists every problem at once', () => {
    expect(passwordProblems('alice', 'alice')).toEqual([
      'must be at least 12 characters long (it has 5)',
      'must not contain the username',
    ]);
  });

  it('accepts a run followed by other characters', () => {
    expect(passwordProblems('1234567890ab', 'alice')).toEqual([]);
  });
});

describe('PasswordHasher', () => {
  const hasher = new PasswordHasher();

  it('stores an argon2id hash that verifies only the same password', async () => {
    const hash = await hasher.hash('correct horse battery staple');
    expect(hash).toMatch(/^\$argon2id\$v=19\$/);
    expect(hash).not.toContain('correct horse');
    await expect(hasher.verify(hash, 'correct horse battery staple')).resolves.toBe(true);
    await expect(hasher.verify(hash, 'correct horse battery staplE')).resolves.toBe(false);
  });

  it('salts: the same password hashes differently each time', async () => {
    expect(await hasher.hash('same password twice')).not.toBe(await hasher.hash('same password twice'));
  });

  it('answers false, not an exception, for something that is not an argon2 hash', async () => {
    await expect(hasher.verify('not-a-hash', 'whatever')).resolves.toBe(false);
    await expect(hasher.verifyNothing('whatever')).resolves.toBe(false);
  });
});
