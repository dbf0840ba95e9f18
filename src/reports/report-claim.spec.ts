import { claimDecision, monthlyReportFileName, STALE_CLAIM_MS, type LatestVersion } from './report-claim.js';

const NOW = new Date('2026-11-01T06:00:00Z');
const ago = (ms: number) => new Date(NOW.getTime() - ms);

describe('claimDecision', () => {
  it.each<[string, LatestVersion | null, boolean, ReturnType<typeof claimDecision>]>([
    ['nothing yet', null, false, { action: 'insert', version: 1 }],
    ['nothing yet, regenerate', null, true, { action: 'insert', version: 1 }],
    ['completed', { version: 2, status: 'completed', heartbeatAt: ago(3_600_000) }, false, { action: 'existing', version: 2 }],
    ['completed, regenerate', { version: 2, status: 'completed', heartbeatAt: ago(3_600_000) }, true, { action: 'insert', version: 3 }],
    ['claimed, fresh heartbeat', { version: 1, status: 'claimed', heartbeatAt: ago(1_000) }, false, { action: 'running', version: 1 }],
    ['running, fresh heartbeat, regenerate', { version: 1, status: 'running', heartbeatAt: ago(STALE_CLAIM_MS) }, true, { action: 'running', version: 1 }],
    ['running, stale heartbeat', { version: 1, status: 'running', heartbeatAt: ago(STALE_CLAIM_MS + 1) }, false, { action: 'retry', version: 1 }],
    ['claimed, stale heartbeat', { version: 3, status: 'claimed', heartbeatAt: ago(10 * STALE_CLAIM_MS) }, true, { action: 'retry', version: 3 }],
    ['failed', { version: 1, status: 'failed', heartbeatAt: ago(5_000) }, false, { action: 'retry', version: 1 }],
  ])('%s', (_case, latest, regenerate, expected) => {
    expect(claimDecision(latest, NOW, { regenerate })).toEqual(expected);
  });
});

describe('monthlyReportFileName', () => {
  it.each([
    ['2026-10', 1, 'hindsight-monthly-2026-10.xlsx'],
    ['2026-10', 2, 'hindsight-monthly-2026-10-v2.xlsx'],
    ['2027-01', 12, 'hindsight-monthly-2027-01-v12.xlsx'],
  ])('%s version %i → %s', (month, version, name) => {
    expect(monthlyReportFileName(month, version)).toBe(name);
  });
});
