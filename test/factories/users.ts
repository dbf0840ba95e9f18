import request from 'supertest';
import type { Role } from '../../src/common/roles.js';
import type { CreateUserDto } from '../../src/auth/users/dto/create-user.dto.js';
import type { TestApp } from '../support/app.js';

let counter = 0;

/** A password that passes every rule. */
export const GOOD_PASSWORD = 'correct horse battery staple';

/** A valid new-user body with a fresh username; override what the test is about. */
export function userBody(overrides: Partial<CreateUserDto> = {}): CreateUserDto {
  counter += 1;
  return { username: `user-${counter}`, displayName: `User ${counter}`, role: 'responder', ...overrides };
}

export interface BrowserUser {
  username: string;
  id: string;
  password: string;
  /** A supertest agent holding the session cookie. */
  browser: request.Agent;
  csrfToken: string;
}

/** Creates a user through the admin API; the one-time password comes back once. */
export async function createUser(t: TestApp, overrides: Partial<CreateUserDto> = {}): Promise<{ id: string; username: string; oneTimePassword: string }> {
  const response = await t.request('admin').post('/api/v1/users').send(userBody(overrides)).expect(201);
  return { id: response.body.user.id, username: response.body.user.username, oneTimePassword: response.body.oneTimePassword };
}

/** A user who signed in with the one-time password and chose GOOD_PASSWORD: a browser ready to work. */
export async function signedInUser(t: TestApp, role: Role = 'responder', overrides: Partial<CreateUserDto> = {}): Promise<BrowserUser> {
  const { id, username, oneTimePassword } = await createUser(t, { role, ...overrides });
  const browser = t.anonymous();
  const signIn = await browser.post('/api/v1/auth/sign-in').send({ username, password: oneTimePassword }).expect(200);
  await browser
    .post('/api/v1/auth/password')
    .set('X-CSRF-Token', signIn.body.csrfToken)
    .send({ currentPassword: oneTimePassword, newPassword: GOOD_PASSWORD })
    .expect(204);
  return { id, username, password: GOOD_PASSWORD, browser, csrfToken: signIn.body.csrfToken };
}
