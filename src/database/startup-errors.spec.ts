import { dataDirIsFile, dataDirUnreachable, describeListenError, embeddedPortInUse, firstLine } from './startup-errors.js';

const errno = (code: string) => Object.assign(new Error(`listen ${code}: something 127.0.0.1:3000`), { code });

describe('start-up failure messages', () => {
  it.each([
    ['EADDRINUSE', 'PORT 3000 is already in use on 127.0.0.1: stop the program using it, or set PORT to a free port (0 picks one)'],
    ['EADDRNOTAVAIL', 'HOST=127.0.0.1 is not an address of this machine: set HOST to one of its addresses (127.0.0.1, or 0.0.0.0 for all)'],
    ['ENOTFOUND', 'HOST=127.0.0.1 does not resolve to an address: set HOST to an address of this machine (127.0.0.1, or 0.0.0.0 for all)'],
    ['EACCES', 'PORT 3000 on 127.0.0.1 needs privileges this user lacks: set PORT to 1024 or above'],
    ['EOTHER', 'listen EOTHER: something 127.0.0.1:3000'],
  ])('tells a listen error %s in terms of HOST and PORT', (code, message) => {
    expect(describeListenError(errno(code), '127.0.0.1', 3000)).toBe(message);
  });

  it('names the variable, the value and what to do, in one line', () => {
    for (const error of [dataDirIsFile('/srv/data'), dataDirUnreachable('/tmp/x/data', '/tmp/x', 'postgres'), embeddedPortInUse(54329)]) {
      expect(error.message).not.toContain('\n');
    }
    expect(embeddedPortInUse(54329).message).toMatch(/^EMBEDDED_PG_PORT 54329 is already in use/);
    expect(dataDirUnreachable('/tmp/x/data', '/tmp/x', 'postgres').message).toContain('chmod o+x /tmp/x');
  });

  it.each([['one', 'one'], ['\n  first\nsecond', 'first']])('keeps the first line of %j', (message, line) => {
    expect(firstLine(message)).toBe(line);
  });
});
