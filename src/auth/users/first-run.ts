import { SYSTEM_ACTOR } from '../../common/actor.js';
import type { UsersService } from './users.service.js';

export interface InitialAdmin {
  username: string;
  oneTimePassword: string;
  expiresAt: string;
}

/**
 * First start: when the users table is empty, creates `admin` with a random one-time password valid
 * for 24 hours (there is no default password). Null when there already is a user.
 */
export async function ensureInitialAdmin(users: UsersService): Promise<InitialAdmin | null> {
  const created = await users.createInitialAdmin(SYSTEM_ACTOR);
  return created && { username: created.user.username, oneTimePassword: created.oneTimePassword, expiresAt: created.user.passwordExpiresAt! };
}

/** The message the first start prints, boxed so that it stands out in the start-up log. */
export function initialAdminBanner(admin: InitialAdmin, baseUrl: string): string {
  const lines = [
    'FIRST START: an administrator account was created',
    '',
    `  Open:       ${baseUrl}/   (the web app: sign in there)`,
    `  API:        POST ${baseUrl}/api/v1/auth/sign-in`,
    `  API docs:   ${baseUrl}/api/docs`,
    `  Username:   ${admin.username}`,
    `  Password:   ${admin.oneTimePassword}   (one-time)`,
    '',
    `The one-time password is valid until ${admin.expiresAt};`,
    'after signing in with it, choose your own: the web app asks for it.',
    `Lost or expired? Get a new one: npx hindsight user reset-password ${admin.username}`,
  ];
  const width = Math.max(...lines.map((line) => line.length));
  const rule = `+${'-'.repeat(width + 2)}+`;
  return ['', rule, ...lines.map((line) => `| ${line.padEnd(width)} |`), rule].join('\n');
}
