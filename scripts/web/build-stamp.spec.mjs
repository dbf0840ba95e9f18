// When `npm run build` rebuilds the web app: exactly when something the build reads changed.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inputFiles, inputsHash, isBuildCurrent, writeBuildStamp } from './build-stamp.mjs';

describe('the web build stamp', () => {
  let root;
  const INPUTS = ['app', 'vite.config.mjs', 'shared/hints.ts', 'not-there'];
  const write = (relative, text) => {
    fs.mkdirSync(path.dirname(path.join(root, relative)), { recursive: true });
    fs.writeFileSync(path.join(root, relative), text);
  };
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'hindsight-stamp-'));
    write('app/main.tsx', 'main');
    write('app/pages/reports.tsx', 'reports');
    write('vite.config.mjs', 'config');
    write('shared/hints.ts', 'hints');
    write('shared/other.ts', 'not an input');
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('reads every file under the inputs, in path order, and nothing else', () => {
    expect(inputFiles(root, INPUTS)).toEqual(['app/main.tsx', 'app/pages/reports.tsx', 'shared/hints.ts', 'vite.config.mjs']);
  });

  it.each([
    ['an edited file', () => write('app/pages/reports.tsx', 'reports, edited')],
    ['a new file', () => write('app/pages/incidents.tsx', 'incidents')],
    ['a removed file', () => fs.rmSync(path.join(root, 'app/main.tsx'))],
    ['a renamed file', () => fs.renameSync(path.join(root, 'app/main.tsx'), path.join(root, 'app/index.tsx'))],
    ['the configuration', () => write('vite.config.mjs', 'config, changed')],
    ['a shared server module', () => write('shared/hints.ts', 'hints, changed')],
  ])('changes with %s', (_what, change) => {
    const before = inputsHash(root, INPUTS);
    change();
    expect(inputsHash(root, INPUTS)).not.toBe(before);
  });

  it('stays the same when only files outside the inputs change', () => {
    const before = inputsHash(root, INPUTS);
    write('shared/other.ts', 'changed, but not read by the build');
    expect(inputsHash(root, INPUTS)).toBe(before);
  });

  it('takes a build as current only with its index.html and the same hash', () => {
    const out = path.join(root, 'out');
    fs.mkdirSync(out);
    const hash = inputsHash(root, INPUTS);
    expect(isBuildCurrent(out, hash)).toBe(false);
    writeBuildStamp(out, hash);
    expect(isBuildCurrent(out, hash)).toBe(false);
    fs.writeFileSync(path.join(out, 'index.html'), '<!doctype html>');
    expect(isBuildCurrent(out, hash)).toBe(true);
    expect(isBuildCurrent(out, inputsHash(root, ['app']))).toBe(false);
  });
});
