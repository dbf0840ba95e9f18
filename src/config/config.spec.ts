import path from 'node:path';
import { ConfigError, loadConfig, redactUrl } from './config.js';

describe('loadConfig', () => {
  it('gives the documented defaults for an empty environment', () => {
    const config = loadConfig({}, '/srv/app');
    expect(config).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      databaseUrl: undefined,
      dataDir: path.resolve('/srv/app/data'),
      reportsDir: path.resolve('/srv/app/reports'),
      reportTimeZone: 'UTC',
      reportCron: '0 6 1 * *',
      embeddedPgPort: 54329,
    });
    expect(config.businessCalendar).toEqual({
      workingDays: [1, 2, 3, 4, 5],
      dayStartMinute: 540,
      dayEndMinute: 1020,
      timeZone: 'UTC',
      holidays: [],
    });
  });

  it('gives the documented database timeouts, and reads them as durations', () => {
    expect(loadConfig({}).databaseTimeouts).toEqual({ statementTimeoutMs: 30_000, connectTimeoutMs: 5_000, idleTimeoutMs: 10_000, queryTimeoutMs: 35_000 });
    expect(loadConfig({ DB_STATEMENT_TIMEOUT: '2min', DB_CONNECT_TIMEOUT: '1500', DB_IDLE_TIMEOUT: '10 s', DB_QUERY_TIMEOUT: '' }).databaseTimeouts).toEqual({
      statementTimeoutMs: 120_000, connectTimeoutMs: 1_500, idleTimeoutMs: 10_000, queryTimeoutMs: 125_000,
    });
    expect(loadConfig({ DB_STATEMENT_TIMEOUT: '500ms', DB_QUERY_TIMEOUT: '1s' }).databaseTimeouts).toMatchObject({ statementTimeoutMs: 500, queryTimeoutMs: 1_000 });
  });

  it.each([
    ['0 6 1 * *', '0 6 1 * *'],
    [' 30 7 2 * * ', '30 7 2 * *'],
    ['off', null],
    ['', '0 6 1 * *'],
  ])('reads REPORT_CRON=%j as %j', (value, expected) => {
    expect(loadConfig({ REPORT_CRON: value }).reportCron).toBe(expected);
  });

  it('reads every variable', () => {
    const config = loadConfig(
      {
        PORT: '8080',
        HOST: '0.0.0.0',
        DATABASE_URL: 'postgres://u:p@db:5432/hindsight',
        DATA_DIR: '/var/lib/hindsight',
        REPORTS_DIR: 'out',
        REPORT_TIMEZONE: 'Europe/Berlin',
        BUSINESS_DAYS: 'Sun,Mon,Tue,Wed,Thu',
        BUSINESS_HOURS: '08:30-18:00',
        BUSINESS_HOLIDAYS: '2026-12-25, 2026-01-01',
        LOG_FORMAT: 'json',
      },
      '/srv/app',
    );
    expect(config.port).toBe(8080);
    expect(config.databaseUrl).toBe('postgres://u:p@db:5432/hindsight');
    expect(config.reportsDir).toBe(path.resolve('/srv/app/out'));
    expect(config.logFormat).toBe('json');
    expect(config.businessCalendar).toEqual({
      workingDays: [1, 2, 3, 4, 7],
      dayStartMinute: 510,
      dayEndMinute: 1080,
      timeZone: 'Europe/Berlin',
      holidays: ['2026-01-01', '2026-12-25'],
    });
  });

  it.each([
    ['PORT', 'eighty', /PORT="eighty": must be a whole number/],
    ['PORT', '70000', /PORT="70000": must be between 0 and 65535/],
    ['REPORT_TIMEZONE', 'Mars/Olympus', /REPORT_TIMEZONE="Mars\/Olympus": is not an IANA time zone/],
    ['BUSINESS_DAYS', 'Mon,Funday', /BUSINESS_DAYS="Mon,Funday"/],
    ['BUSINESS_HOURS', '17:00-09:00', /BUSINESS_HOURS="17:00-09:00": must be HH:MM-HH:MM/],
    ['BUSINESS_HOLIDAYS', '2026-02-30', /"2026-02-30" is not a date/],
    ['DATABASE_URL', 'mysql://x@y/z', /DATABASE_URL=.*must start with postgres:\/\//],
    ['REPORT_CRON', 'monthly', /REPORT_CRON="monthly": must be a cron expression such as "0 6 1 \* \*"/],
    ['REPORT_CRON', '0 25 1 * *', /REPORT_CRON="0 25 1 \* \*": must be a cron expression/],
    ['LOG_FORMAT', 'xml', /LOG_FORMAT="xml": must be json or text/],
    ['SESSION_SECRET', 'short', /SESSION_SECRET="\*\*\*": must be at least 32 characters \(it has 5\)/],
    ['TRUST_PROXY', 'everyone!', /TRUST_PROXY="everyone!": must be true, false/],
    ['DB_STATEMENT_TIMEOUT', 'forever', /DB_STATEMENT_TIMEOUT="forever": must be a duration such as 30s/],
    ['DB_STATEMENT_TIMEOUT', '2h', /DB_STATEMENT_TIMEOUT="2h": must be a duration/],
    ['DB_STATEMENT_TIMEOUT', '0', /DB_STATEMENT_TIMEOUT="0": must be between 100 ms and 3600 s/],
    ['DB_CONNECT_TIMEOUT', '11min', /DB_CONNECT_TIMEOUT="11min": must be between 100 ms and 600 s/],
    ['DB_IDLE_TIMEOUT', '-5s', /DB_IDLE_TIMEOUT="-5s": must be a duration/],
    ['DB_QUERY_TIMEOUT', '10s', /DB_QUERY_TIMEOUT="10s": must be longer than DB_STATEMENT_TIMEOUT \(30000 ms\)/],
  ])('refuses %s=%s with a message naming the variable', (variable, value, message) => {
    expect(() => loadConfig({ [variable]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [variable]: value })).toThrow(message);
  });

  it.each([
    [undefined, false],
    ['true', true],
    ['2', 2],
    ['loopback', 'loopback'],
    ['loopback, 10.0.0.0/8', 'loopback, 10.0.0.0/8'],
  ])('reads TRUST_PROXY=%s', (value, expected) => {
    expect(loadConfig({ TRUST_PROXY: value }).trustProxy).toEqual(expected);
  });

  it('never shows a database password', () => {
    expect(redactUrl('postgres://user:secret@host:5432/db')).toBe('postgres://user:***@host:5432/db');
    expect(() => loadConfig({ DATABASE_URL: 'redis://user:secret@host' })).toThrow(/user:\*\*\*@host/);
    expect(redactUrl('postgres://user:pa/ss:w@rd@host/db')).not.toMatch(/pa|ss|rd@host\/db.*pa/);
    expect(redactUrl('postgres://user:pa/ss:w@rd@host/db')).toBe('postgres://***@host/db');
    expect(() => loadConfig({ DATABASE_URL: 'postgres://user:pa/ss@host:notaport/db' })).toThrow(/postgres:\/\/\*\*\*@host:notaport\/db/);
  });
});
