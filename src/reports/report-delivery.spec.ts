import { decideAfterFailure, failureText, isPermanent, MAX_DELIVERY_ATTEMPTS, MAX_RETRY_DELAY_MS, reportMessage, retryDelayMs } from './report-delivery.js';

const NOW = new Date('2026-11-01T06:00:00Z');
const MIN = 60_000;

describe('retryDelayMs', () => {
  it.each([
    [1, 1 * MIN],
    [2, 2 * MIN],
    [3, 4 * MIN],
    [7, 64 * MIN],
    [9, 256 * MIN],
    [10, MAX_RETRY_DELAY_MS],
    [40, MAX_RETRY_DELAY_MS],
  ])('after failed attempt %i waits %i ms', (attempts, delay) => {
    expect(retryDelayMs(attempts)).toBe(delay);
  });
});

describe('decideAfterFailure', () => {
  it.each([
    ['451 mailbox busy', { message: '451 4.3.0 busy', responseCode: 451 }, 1, { action: 'retry', at: new Date(NOW.getTime() + MIN) }],
    ['421 on attempt 3', { message: '421 try later', responseCode: 421 }, 3, { action: 'retry', at: new Date(NOW.getTime() + 4 * MIN) }],
    ['a refused connection', { message: 'ESOCKET: connect ECONNREFUSED' }, 2, { action: 'retry', at: new Date(NOW.getTime() + 2 * MIN) }],
    ['503 bad sequence (the session, not the message)', { message: '503 bad sequence', responseCode: 503 }, 1, { action: 'retry', at: new Date(NOW.getTime() + MIN) }],
    ['550 no such user', { message: '550 5.1.1 no such user', responseCode: 550 }, 1, { action: 'fail' }],
    ['554 refused', { message: '554 refused', responseCode: 554 }, 1, { action: 'fail' }],
    ['the sender saying permanent', { message: 'rejected', responseCode: 552, permanent: true }, 1, { action: 'fail' }],
    ['a temporary failure on the last attempt', { message: '451 busy', responseCode: 451 }, MAX_DELIVERY_ATTEMPTS, { action: 'fail' }],
  ])('%s', (_what, failure, attempts, decision) => {
    expect(decideAfterFailure(failure, attempts, NOW)).toEqual(decision);
  });

  it('gives up about 20 hours after the first attempt', () => {
    const waited = Array.from({ length: MAX_DELIVERY_ATTEMPTS - 1 }, (_, i) => retryDelayMs(i + 1)).reduce((sum, ms) => sum + ms, 0);
    expect(waited).toBe((511 + 2 * 360) * MIN);
  });

  it('reads 5xx as permanent and 4xx or no code as temporary', () => {
    expect([550, 553, 554, 451, 421, 503, undefined].map((responseCode) => isPermanent({ message: '', responseCode }))).toEqual([true, true, true, false, false, false, false]);
  });

  it('stores the error, saying why it was given up', () => {
    expect(failureText({ message: '550  no\nsuch user', responseCode: 550 }, { action: 'fail' }, 1)).toBe('rejected permanently: 550 no such user');
    expect(failureText({ message: '451 busy', responseCode: 451 }, { action: 'fail' }, 12)).toBe('gave up after 12 attempts: 451 busy');
    expect(failureText({ message: '451 busy', responseCode: 451 }, { action: 'retry', at: NOW }, 1)).toBe('451 busy');
  });
});

describe('reportMessage', () => {
  const input = { id: 'r-1', version: 1, label: 'October 2026', fileName: 'hindsight-monthly-2026-10.xlsx', sha256: 'ab'.repeat(32), summary: 'In October 2026 (UTC) 12 incidents started.' };

  it.each([
    [1, 'Hindsight monthly report — October 2026'],
    [2, 'Hindsight monthly report — October 2026 (version 2)'],
  ])('version %i: subject %j', (version, subject) => {
    expect(reportMessage({ ...input, version }).subject).toBe(subject);
  });

  it('has the summary paragraph first, then the file, the report id and the sha256', () => {
    const { text, attachmentName } = reportMessage(input);
    expect(text.split('\n')).toEqual([
      input.summary,
      '',
      'The workbook is attached (hindsight-monthly-2026-10.xlsx).',
      `Report r-1, version 1, sha256 ${input.sha256}`,
      '',
    ]);
    expect(attachmentName).toBe(input.fileName);
  });
});
