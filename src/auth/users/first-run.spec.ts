import { initialAdminBanner } from './first-run.js';

describe('initialAdminBanner', () => {
  const banner = initialAdminBanner(
    { username: 'admin', oneTimePassword: 'k7m2p-xq9rt-4hbnc-wz8fd', expiresAt: '2026-03-02T09:00:00.000Z' },
    'http://127.0.0.1:3000',
  );
  const lines = banner.split('\n').filter((line) => line !== '');

  it('says where to sign in, as whom, with which password, until when, and how to get a new one', () => {
    expect(banner).toContain('POST http://127.0.0.1:3000/api/v1/auth/sign-in');
    expect(banner).toContain('http://127.0.0.1:3000/api/docs');
    expect(banner).toMatch(/Username: +admin/);
    expect(banner).toMatch(/Password: +k7m2p-xq9rt-4hbnc-wz8fd +\(one-time\)/);
    expect(banner).toContain('2026-03-02T09:00:00.000Z');
    expect(banner).toContain('npx hindsight user reset-password admin');
  });

  it('draws a closed box: every line the same width, framed', () => {
    expect(new Set(lines.map((line) => line.length)).size).toBe(1);
    expect(lines[0]).toMatch(/^\+-+\+$/);
    expect(lines[lines.length - 1]).toBe(lines[0]);
    expect(lines.slice(1, -1).every((line) => line.startsWith('| ') && line.endsWith(' |'))).toBe(true);
  });
});
