import path from 'node:path';
import { validateCronExpression } from 'cron';

/** Working week and hours used for business-hours arithmetic (retro due dates, SLA). */
export interface BusinessCalendar {
  /** ISO weekdays that are working days: 1 = Monday … 7 = Sunday. */
  workingDays: number[];
  /** Start and end of the working day, minutes after local midnight. */
  dayStartMinute: number;
  dayEndMinute: number;
  timeZone: string;
  /** Local dates (YYYY-MM-DD) that are not working days. */
  holidays: string[];
}

/** The business calendar when BUSINESS_* are unset (BUSINESS_TIMEZONE then follows REPORT_TIMEZONE, UTC by default). */
export const DEFAULT_BUSINESS_CALENDAR: BusinessCalendar = Object.freeze({
  workingDays: [1, 2, 3, 4, 5],
  dayStartMinute: 9 * 60,
  dayEndMinute: 17 * 60,
  timeZone: 'UTC',
  holidays: [],
});

/** How long the service waits on PostgreSQL, in milliseconds; 0 means no limit. */
export interface DatabaseTimeouts {
  /** `statement_timeout` of every pooled connection: PostgreSQL cancels a statement running longer (SQLSTATE 57014). */
  statementTimeoutMs: number;
  /** Opening a connection, or waiting for a free one in the pool. */
  connectTimeoutMs: number;
  /** An unused pooled connection is closed after this long. */
  idleTimeoutMs: number;
  /** Client side: a statement with no answer after this long fails and its connection is dropped (a frozen or unreachable server). */
  queryTimeoutMs: number;
}

export const DEFAULT_DATABASE_TIMEOUTS: DatabaseTimeouts = Object.freeze({
  statementTimeoutMs: 30_000,
  connectTimeoutMs: 5_000,
  // As pg's own default: short enough that a smart shutdown of the embedded server ends soon after requests pause.
  idleTimeoutMs: 10_000,
  queryTimeoutMs: 35_000,
});

export interface AppConfig {
  port: number;
  host: string;
  /** Set when an external PostgreSQL is used; unset means the embedded server. */
  databaseUrl: string | undefined;
  dataDir: string;
  reportsDir: string;
  reportTimeZone: string;
  /** When the service generates last month's report (cron, in REPORT_TIMEZONE); null: never (`REPORT_CRON=off`), and no catch-up either. */
  reportCron: string | null;
  /** Port of the embedded PostgreSQL server; 0 picks a free port. */
  embeddedPgPort: number;
  logFormat: 'json' | 'text';
  businessCalendar: BusinessCalendar;
  /** Signs session cookies; unset means a random one kept in DATA_DIR/session-secret. */
  sessionSecret: string | undefined;
  /** Express `trust proxy`: false, true, a hop count, or addresses/subnets of trusted reverse proxies. */
  trustProxy: boolean | number | string;
  databaseTimeouts: DatabaseTimeouts;
  /** E-mailing completed monthly reports; null (off) unless both SMTP_URL and REPORT_RECIPIENTS are set. */
  email: EmailConfig | null;
}

/** Where completed monthly reports are e-mailed, and how. */
export interface EmailConfig {
  /** `smtp://` or `smtps://`, credentials included: a secret, never logged or shown (see `smtpUrlRedacted`). */
  smtpUrl: string;
  /** The same URL with its password hidden, for logs. */
  smtpUrlRedacted: string;
  /** Plain addresses, lower-cased, each once, in the order given. */
  recipients: string[];
  /** The sender: `Name <address>` or an address. */
  from: string;
}

/** The sender when REPORT_FROM is unset. */
export const DEFAULT_REPORT_FROM = 'Hindsight <hindsight@localhost>';

/** A bad environment value: the message names the variable and the value. */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    readonly value: string,
    problem: string,
  ) {
    super(`${variable}=${JSON.stringify(value)}: ${problem}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

const WEEKDAYS: Record<string, number> = { mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6, sun: 7 };

export function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw.trim())) throw new ConfigError(name, raw, `must be a whole number between ${min} and ${max}`);
  const value = Number(raw);
  if (value < min || value > max) throw new ConfigError(name, raw, `must be between ${min} and ${max}`);
  return value;
}

const DURATION_UNITS: Record<string, number> = { ms: 1, s: 1000, min: 60_000 };

/** A duration such as `30s`, `500ms`, `2min` or bare milliseconds (`1500`), as PostgreSQL's own settings read. */
function duration(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const match = /^(\d+)\s*(ms|s|min)?$/.exec(raw.trim());
  const value = match ? Number(match[1]) * DURATION_UNITS[match[2] ?? 'ms'] : NaN;
  const range = `between ${min} ms and ${max / 1000} s`;
  if (!match) throw new ConfigError(name, raw, `must be a duration such as 30s, 500ms or 2min (bare numbers are milliseconds), ${range}`);
  if (value < min || value > max) throw new ConfigError(name, raw, `must be ${range}`);
  return value;
}

function databaseTimeouts(env: Env): DatabaseTimeouts {
  const hour = 3_600_000;
  const statementTimeoutMs = duration(env, 'DB_STATEMENT_TIMEOUT', DEFAULT_DATABASE_TIMEOUTS.statementTimeoutMs, 100, hour);
  const queryTimeoutMs = duration(env, 'DB_QUERY_TIMEOUT', statementTimeoutMs + 5_000, 100, hour + 60_000);
  if (queryTimeoutMs <= statementTimeoutMs && env.DB_QUERY_TIMEOUT) {
    // PostgreSQL must get to cancel a slow statement itself (a clean 57014, connection kept) before the client gives up on the server.
    throw new ConfigError('DB_QUERY_TIMEOUT', env.DB_QUERY_TIMEOUT, `must be longer than DB_STATEMENT_TIMEOUT (${statementTimeoutMs} ms)`);
  }
  return {
    statementTimeoutMs,
    connectTimeoutMs: duration(env, 'DB_CONNECT_TIMEOUT', DEFAULT_DATABASE_TIMEOUTS.connectTimeoutMs, 100, 600_000),
    idleTimeoutMs: duration(env, 'DB_IDLE_TIMEOUT', DEFAULT_DATABASE_TIMEOUTS.idleTimeoutMs, 100, hour),
    queryTimeoutMs,
  };
}

function timeZone(env: Env, name: string, fallback: string): string {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!isValidTimeZone(raw)) throw new ConfigError(name, raw, 'is not an IANA time zone (e.g. UTC, Europe/Berlin)');
  return raw;
}

function workingDays(env: Env): number[] {
  const name = 'BUSINESS_DAYS';
  const raw = env[name];
  if (raw === undefined || raw === '') return [...DEFAULT_BUSINESS_CALENDAR.workingDays];
  const days = raw.split(',').map((part) => part.trim().toLowerCase().slice(0, 3));
  const numbers = days.map((day) => WEEKDAYS[day]);
  if (days.length === 0 || numbers.some((n) => n === undefined)) {
    throw new ConfigError(name, raw, 'must be a comma-separated list of weekdays, e.g. Mon,Tue,Wed,Thu,Fri');
  }
  return [...new Set(numbers)].sort();
}

function workingHours(env: Env): [number, number] {
  const name = 'BUSINESS_HOURS';
  const raw = env[name];
  if (raw === undefined || raw === '') return [DEFAULT_BUSINESS_CALENDAR.dayStartMinute, DEFAULT_BUSINESS_CALENDAR.dayEndMinute];
  const match = /^(\d{1,2}):(\d{2})-(\d{1,2}):(\d{2})$/.exec(raw.trim());
  const start = match ? Number(match[1]) * 60 + Number(match[2]) : NaN;
  const end = match ? Number(match[3]) * 60 + Number(match[4]) : NaN;
  if (!match || Number(match[2]) > 59 || Number(match[4]) > 59 || !(start < end) || end > 24 * 60) {
    throw new ConfigError(name, raw, 'must be HH:MM-HH:MM with the start before the end, e.g. 09:00-17:00');
  }
  return [start, end];
}

function holidays(env: Env): string[] {
  const name = 'BUSINESS_HOLIDAYS';
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return [];
  const dates = raw.split(',').map((part) => part.trim());
  for (const date of dates) {
    const parsed = new Date(`${date}T00:00:00Z`);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== date) {
      throw new ConfigError(name, raw, `"${date}" is not a date in YYYY-MM-DD form`);
    }
  }
  return dates.sort();
}

function databaseUrl(env: Env): string | undefined {
  const raw = env.DATABASE_URL;
  if (raw === undefined || raw.trim() === '') return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError('DATABASE_URL', redactUrl(raw), 'is not a URL; expected postgres://user:password@host:5432/database');
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new ConfigError('DATABASE_URL', redactUrl(raw), 'must start with postgres:// or postgresql://');
  }
  return raw;
}

/** Hides the password of a connection URL before it is logged or shown. */
export function redactUrl(raw: string): string {
  try {
    const url = new URL(raw);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    // Not parseable, so the password may hold any character: hide everything between :// and the last @.
    const at = raw.lastIndexOf('@');
    const scheme = raw.indexOf('://');
    return at > scheme && scheme >= 0 ? `${raw.slice(0, scheme + 3)}***${raw.slice(at)}` : raw.includes('@') ? `***${raw.slice(raw.lastIndexOf('@'))}` : raw;
  }
}

function sessionSecret(env: Env): string | undefined {
  const raw = env.SESSION_SECRET;
  if (raw === undefined || raw === '') return undefined;
  if (raw.length < 32) throw new ConfigError('SESSION_SECRET', '***', `must be at least 32 characters (it has ${raw.length}); e.g. openssl rand -base64 48`);
  return raw;
}

function trustProxy(env: Env): boolean | number | string {
  const raw = env.TRUST_PROXY?.trim();
  if (raw === undefined || raw === '' || raw === 'false') return false;
  if (raw === 'true') return true;
  if (/^\d+$/.test(raw)) return Number(raw);
  if (!/^[0-9a-fA-F.:/, ]+$|^(loopback|linklocal|uniquelocal)(\s*,\s*(loopback|linklocal|uniquelocal|[0-9a-fA-F.:/]+))*$/.test(raw)) {
    throw new ConfigError('TRUST_PROXY', raw, 'must be true, false, a number of proxy hops, or comma-separated proxy addresses/subnets (e.g. loopback, 10.0.0.0/8)');
  }
  return raw;
}

/** The default schedule of the monthly report: 06:00 on the 1st (in REPORT_TIMEZONE). */
export const DEFAULT_REPORT_CRON = '0 6 1 * *';

function reportCron(env: Env): string | null {
  const raw = env.REPORT_CRON?.trim();
  if (raw === undefined || raw === '') return DEFAULT_REPORT_CRON;
  if (raw === 'off') return null;
  const { valid, error } = validateCronExpression(raw);
  if (!valid) throw new ConfigError('REPORT_CRON', raw, `must be a cron expression such as "${DEFAULT_REPORT_CRON}" (minute hour day month weekday) or off${error ? ` (${error.message})` : ''}`);
  return raw;
}

/** local@domain: no spaces, quotes, brackets or commas; a domain of dot-separated labels (`localhost` too). */
const ADDRESS = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;

/** Whether `address` is a plain e-mail address (`ops@example.com`), as REPORT_RECIPIENTS takes them. */
export function isEmailAddress(address: string): boolean {
  return address.length <= 254 && ADDRESS.test(address) && !address.startsWith('.') && !address.includes('..') && !address.includes('.@');
}

function smtpUrl(env: Env): string | undefined {
  const raw = env.SMTP_URL?.trim();
  if (raw === undefined || raw === '') return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError('SMTP_URL', redactUrl(raw), 'is not a URL; expected smtp://user:password@host:587 or smtps://user:password@host:465');
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') throw new ConfigError('SMTP_URL', redactUrl(raw), 'must start with smtp:// or smtps://');
  if (url.hostname === '') throw new ConfigError('SMTP_URL', redactUrl(raw), 'names no host; expected smtp://user:password@host:587');
  return raw;
}

function reportRecipients(env: Env): string[] | undefined {
  const raw = env.REPORT_RECIPIENTS;
  if (raw === undefined || raw.trim() === '') return undefined;
  const addresses = raw.split(',').map((part) => part.trim());
  for (const address of addresses) {
    if (address === '') throw new ConfigError('REPORT_RECIPIENTS', raw, 'has an empty entry; expected comma-separated addresses, e.g. cto@example.com,ops@example.com');
    if (!isEmailAddress(address)) throw new ConfigError('REPORT_RECIPIENTS', raw, `"${address}" is not an e-mail address (expected e.g. ops@example.com)`);
  }
  return [...new Set(addresses.map((address) => address.toLowerCase()))];
}

function reportFrom(env: Env): string {
  const raw = env.REPORT_FROM?.trim();
  if (raw === undefined || raw === '') return DEFAULT_REPORT_FROM;
  const named = /^([^<>"\r\n]*?)\s*<([^<>\s]+)>$/.exec(raw);
  const address = named ? named[2] : raw;
  if (!isEmailAddress(address)) throw new ConfigError('REPORT_FROM', raw, 'must be an address or Name <address>, e.g. Hindsight <hindsight@example.com>');
  return raw;
}

function email(env: Env): EmailConfig | null {
  const url = smtpUrl(env);
  const recipients = reportRecipients(env);
  const from = reportFrom(env);
  if (url === undefined || recipients === undefined) return null;
  return { smtpUrl: url, smtpUrlRedacted: redactUrl(url), recipients, from };
}

/** Reads and validates the environment once; throws ConfigError on the first bad value. */
export function loadConfig(env: Env = process.env, cwd = process.cwd()): AppConfig {
  const host = env.HOST?.trim() || '127.0.0.1';
  const reportTimeZone = timeZone(env, 'REPORT_TIMEZONE', 'UTC');
  const [dayStartMinute, dayEndMinute] = workingHours(env);
  const logFormat = env.LOG_FORMAT?.trim() || (env.NODE_ENV === 'production' ? 'json' : 'text');
  if (logFormat !== 'json' && logFormat !== 'text') {
    throw new ConfigError('LOG_FORMAT', logFormat, 'must be json or text');
  }
  return {
    port: integer(env, 'PORT', 3000, 0, 65535),
    host,
    databaseUrl: databaseUrl(env),
    dataDir: path.resolve(cwd, env.DATA_DIR?.trim() || 'data'),
    reportsDir: path.resolve(cwd, env.REPORTS_DIR?.trim() || 'reports'),
    reportTimeZone,
    reportCron: reportCron(env),
    embeddedPgPort: integer(env, 'EMBEDDED_PG_PORT', 54329, 0, 65535),
    logFormat,
    businessCalendar: {
      workingDays: workingDays(env),
      dayStartMinute,
      dayEndMinute,
      timeZone: timeZone(env, 'BUSINESS_TIMEZONE', reportTimeZone),
      holidays: holidays(env),
    },
    sessionSecret: sessionSecret(env),
    trustProxy: trustProxy(env),
    databaseTimeouts: databaseTimeouts(env),
    email: email(env),
  };
}
