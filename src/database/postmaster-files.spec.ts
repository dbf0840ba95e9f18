import { connectionsInUse, leaseHolderAlive, parseLease, parsePostmasterPid, parseProcStartTime } from './postmaster-files.js';

describe('parsePostmasterPid', () => {
  it.each([
    ['a ready server', '4242\n/data/postgres\n1765000000\n54329\n\n127.0.0.1\n  1234567     98304\nready   \n', { pid: 4242, dataDir: '/data/postgres', port: 54329, status: 'ready' }],
    ['one shutting down', '4242\n/data/postgres\n1765000000\n54329\n\n127.0.0.1\n  1234567     98304\nstopping\n', { pid: 4242, port: 54329, status: 'stopping' }],
    ['one still writing its lock file', '4242\n/data/postgres\n1765000000\n54329\n', { pid: 4242, port: 54329, status: '' }],
  ])('reads %s', (_case, content, expected) => {
    expect(parsePostmasterPid(content)).toMatchObject(expected);
  });

  it.each([['empty', ''], ['PID only', '4242\n'], ['garbage', 'hello\nworld\n\nnope\n'], ['negative PID', '-1\n/d\n1\n5432\n']])('refuses %s', (_case, content) => {
    expect(parsePostmasterPid(content)).toBeUndefined();
  });
});

describe('parseProcStartTime', () => {
  const stat = (comm: string) => `1234 (${comm}) S 1 1234 1234 0 -1 4194560 100 0 0 0 1 2 0 0 20 0 1 0 987654 12345678 500 18446744073709551615`;
  it.each([['node'], ['my prog (x) y'], ['a) b']])('reads field 22 with the command name %j', (comm) => {
    expect(parseProcStartTime(stat(comm))).toBe('987654');
  });
  it('is undefined for a truncated line', () => {
    expect(parseProcStartTime('1234 (node) S 1')).toBeUndefined();
  });
});

describe('leases', () => {
  it.each([
    ['{"pid":12,"startTime":"99","port":54329}', { pid: 12, startTime: '99', port: 54329 }],
    ['{"pid":12}', { pid: 12, startTime: undefined, port: undefined }],
  ])('parses %s', (content, expected) => {
    expect(parseLease(content)).toEqual(expected);
  });
  it.each([[''], ['{"pid":"12"}'], ['{"pid":0}'], ['{not json']])('refuses %j', (content) => {
    expect(parseLease(content)).toBeUndefined();
  });

  it.each([
    ['alive, same start time', { pid: 1, startTime: '5' }, { alive: true, startTime: '5' }, true],
    ['alive, PID reused by a later process', { pid: 1, startTime: '5' }, { alive: true, startTime: '9' }, false],
    ['dead', { pid: 1, startTime: '5' }, { alive: false }, false],
    ['alive, start times unknown (no /proc)', { pid: 1 }, { alive: true }, true],
  ])('a holder %s counts: %s', (_case, lease, current, expected) => {
    expect(leaseHolderAlive(lease, current)).toBe(expected);
  });
});

describe('connectionsInUse', () => {
  const alive = (pid: number) => pid !== 999;
  it.each([
    ['this process\'s own pool', ['hindsight:100', 'hindsight:100'], []],
    ['another live Hindsight process\'s pool', ['hindsight:200'], ['hindsight:200']],
    ['a pool whose process is gone', ['hindsight:999'], []],
    ['an older Hindsight\'s lease connection', ['hindsight-lease'], ['hindsight-lease']],
    ['Hindsight\'s set-up, release and test connections', ['hindsight-setup', 'hindsight-release', 'hindsight-test-admin'], []],
    ['psql, pg_dump and an unnamed client', ['psql', 'pg_dump', ''], ['psql', 'pg_dump', '']],
  ])('%s', (_case, names, expected) => {
    expect(connectionsInUse(names, 100, alive)).toEqual(expected);
  });
});
