import { deviceHash, hashSecret, newDeviceCookie, newOneTimePassword, newTokenSecret, parseDuration, safeEqual, secretPrefix } from './credentials.js';

describe('credentials', () => {
  it('binds a device cookie to the username it was issued to', () => {
    const cookie = newDeviceCookie('alice');
    expect(cookie).toMatch(/^[A-Za-z0-9_-]{24}:alice$/);
    expect(deviceHash(cookie, 'alice')).toMatch(/^[0-9a-f]{32}$/);
    expect(deviceHash(newDeviceCookie('alice'), 'alice')).not.toBe(deviceHash(cookie, 'alice'));
    expect(deviceHash(cookie, 'admin')).toBeNull();
    expect(deviceHash(':alice', 'alice')).toBeNull();
    expect(deviceHash(undefined, 'alice')).toBeNull();
  });

  it('makes token secrets with a recognisable prefix and 256 random bits', () => {
    const a = newTokenSecret();
    expect(a).toMatch(/^hst_[A-Za-z0-9_-]{43}$/);
    expect(newTokenSecret()).not.toBe(a);
    expect(secretPrefix(a)).toBe(`${a.slice(0, 10)}…`);
  });

  it('stores a SHA-256 of the secret, never the secret', () => {
    expect(hashSecret('hst_example')).toMatch(/^[0-9a-f]{64}$/);
    expect(hashSecret('hst_example')).not.toContain('example');
    expect(hashSecret('a')).not.toBe(hashSecret('b'));
  });

  it.each([
    ['30d', 30 * 86400],
    ['12h', 12 * 3600],
    ['2w', 14 * 86400],
    ['1y', 365 * 86400],
    ['15m', 900],
    ['0d', null],
    ['d', null],
    ['30 days', null],
    ['-1d', null],
  ])('parses the duration %s', (text, seconds) => {
    expect(parseDuration(text)).toBe(seconds);
  });

  it('compares secrets in constant time and by value', () => {
    expect(safeEqual('abc', 'abc')).toBe(true);
    expect(safeEqual('abc', 'abd')).toBe(false);
    expect(safeEqual('abc', 'abcd')).toBe(false);
  });

  it('makes typeable one-time passwords', () => {
    const password = newOneTimePassword();
    expect(password).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}-[a-z2-9]{5}-[a-z2-9]{5}$/);
    expect(password).not.toMatch(/[ilo01]/);
    expect(newOneTimePassword()).not.toBe(password);
  });
});
