import { normalizeUsername, usernameProblem } from './usernames.js';

describe('usernames', () => {
  it.each([
    ['  Alice ', 'alice'],
    ['BOB.SMITH', 'bob.smith'],
    ['carol_2', 'carol_2'],
  ])('normalizes %j to %j', (text, expected) => {
    expect(normalizeUsername(text)).toBe(expected);
  });

  it.each(['al', 'alice', 'bob.smith', 'carol_2', 'd-e-f', '007', 'a'.repeat(64)])('accepts %j', (username) => {
    expect(usernameProblem(username)).toBeNull();
  });

  it.each([
    ['a', 'must be 2–64 characters long'],
    ['', 'must be 2–64 characters long'],
    ['a'.repeat(65), 'must be 2–64 characters long'],
    ['.alice', 'starting with a letter or digit'],
    ['-bob', 'starting with a letter or digit'],
    ['al ice', 'lower-case letters, digits'],
    ['Alice', 'lower-case letters, digits'],
    ['alice@example.com', 'lower-case letters, digits'],
    ["o'brien", 'lower-case letters, digits'],
  ])('refuses %j', (username, problem) => {
    expect(usernameProblem(username)).toContain(problem);
  });
});
