import { ConfigError, loadConfig } from './config.js';

/** Secrets come from the environment only, and a refusal never repeats them. */
describe('secrets in the configuration', () => {
  const refusal = (env: Record<string, string>): ConfigError => {
    try {
      loadConfig(env);
    } catch (error) {
      if (error instanceof ConfigError) return error;
      throw error;
    }
    throw new Error(`loadConfig accepted ${JSON.stringify(Object.keys(env))}`);
  };

  it.each([
    ['one character short', 'Tr0ub4dor&3-correct-horse-batte'],
    ['made of quotes and newlines', '"s3cr3t"\n\'quoted\'\n'],
  ])('refuses a SESSION_SECRET %s without showing it, not even in the error\'s fields', (_what, secret) => {
    const error = refusal({ SESSION_SECRET: secret });
    expect(error.variable).toBe('SESSION_SECRET');
    expect(error.value).toBe('***');
    expect(error.message).toBe(`SESSION_SECRET="***": must be at least 32 characters (it has ${secret.length}); e.g. openssl rand -base64 48`);
    for (const text of [error.message, error.stack ?? '', JSON.stringify(error)]) {
      expect(text).not.toContain(secret.slice(0, 8));
    }
  });

  it('takes SESSION_SECRET as given, and leaves it unset (a random one per DATA_DIR) when the environment has none', () => {
    const secret = 'k'.repeat(16) + 'Q'.repeat(16);
    expect(loadConfig({ SESSION_SECRET: secret }).sessionSecret).toBe(secret);
    expect(loadConfig({}).sessionSecret).toBeUndefined();
    expect(loadConfig({ SESSION_SECRET: '' }).sessionSecret).toBeUndefined();
  });
});
