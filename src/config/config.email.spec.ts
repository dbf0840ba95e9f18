import { ConfigError, DEFAULT_REPORT_FROM, loadConfig } from './config.js';

/** E-mailing reports: on only with SMTP_URL and REPORT_RECIPIENTS, every value checked, the SMTP password never repeated. */
describe('e-mail configuration', () => {
  const refusal = (env: Record<string, string>): ConfigError => {
    try {
      loadConfig(env);
    } catch (error) {
      if (error instanceof ConfigError) return error;
      throw error;
    }
    throw new Error(`loadConfig accepted ${JSON.stringify(env)}`);
  };
  const SMTP = 'smtp://reports:s3cr3t-pw@mail.example.com:587';

  it.each([
    [{}],
    [{ SMTP_URL: SMTP }],
    [{ REPORT_RECIPIENTS: 'cto@example.com' }],
    [{ SMTP_URL: '', REPORT_RECIPIENTS: 'cto@example.com' }],
    [{ SMTP_URL: SMTP, REPORT_RECIPIENTS: ' ' }],
  ])('is off unless both SMTP_URL and REPORT_RECIPIENTS are set: %j', (env) => {
    expect(loadConfig(env).email).toBeNull();
  });

  it('reads SMTP_URL, REPORT_RECIPIENTS (trimmed, lower-cased, each once) and REPORT_FROM', () => {
    expect(loadConfig({ SMTP_URL: SMTP, REPORT_RECIPIENTS: ' CTO@Example.com ,ops@example.com,cto@example.COM', REPORT_FROM: 'Reports <reports@example.com>' }).email).toEqual({
      smtpUrl: SMTP,
      smtpUrlRedacted: 'smtp://reports:***@mail.example.com:587',
      recipients: ['cto@example.com', 'ops@example.com'],
      from: 'Reports <reports@example.com>',
    });
    expect(loadConfig({ SMTP_URL: 'smtps://mail.example.com', REPORT_RECIPIENTS: 'a@localhost' }).email).toMatchObject({ from: DEFAULT_REPORT_FROM, recipients: ['a@localhost'] });
  });

  it.each([
    ['REPORT_RECIPIENTS', 'cto@example.com,ops.example.com', /REPORT_RECIPIENTS="cto@example.com,ops.example.com": "ops.example.com" is not an e-mail address/],
    ['REPORT_RECIPIENTS', 'cto@example.com,,ops@example.com', /REPORT_RECIPIENTS=.*has an empty entry/],
    ['REPORT_RECIPIENTS', 'Chief <cto@example.com>', /"Chief <cto@example.com>" is not an e-mail address/],
    ['REPORT_RECIPIENTS', 'cto@exa mple.com', /"cto@exa mple.com" is not an e-mail address/],
    ['REPORT_RECIPIENTS', 'a..b@example.com', /"a..b@example.com" is not an e-mail address/],
    ['REPORT_FROM', 'Hindsight', /REPORT_FROM="Hindsight": must be an address or Name <address>/],
    ['REPORT_FROM', 'Hindsight <not an address>', /REPORT_FROM=.*must be an address or Name <address>/],
    ['SMTP_URL', 'mail.example.com:25', /SMTP_URL="mail.example.com:25": must start with smtp:\/\/ or smtps:\/\//],
    ['SMTP_URL', 'https://mail.example.com', /SMTP_URL=.*must start with smtp:\/\/ or smtps:\/\//],
    ['SMTP_URL', 'smtp://', /SMTP_URL=.*is not a URL|names no host/],
  ])('refuses %s=%j with a message naming the variable and the value', (variable, value, message) => {
    // Checked whether or not the other variable is set: a typo is found before e-mail is turned on.
    const error = refusal({ [variable]: value });
    expect(error.variable).toBe(variable);
    expect(error.message).toMatch(message);
  });

  it.each([
    ['not a URL at all, password included', 'smtp//reports:s3cr3t-pw@mail.example.com'],
    ['the wrong scheme', 'http://reports:s3cr3t-pw@mail.example.com'],
  ])('never repeats the SMTP password in a refusal: %s', (_what, value) => {
    const error = refusal({ SMTP_URL: value, REPORT_RECIPIENTS: 'cto@example.com' });
    expect(error.variable).toBe('SMTP_URL');
    for (const text of [error.message, error.value, error.stack ?? '', JSON.stringify(error)]) expect(text).not.toContain('s3cr3t');
  });
});
