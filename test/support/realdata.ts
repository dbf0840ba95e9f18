import { existsSync, readdirSync, readFileSync } from 'node:fs';

/**
 * Public third-party data the tests read but the repository must not hold: `../shared/<folder>/` beside the
 * repository's root (provenance in `../shared/realdata/SOURCES.md`). A fresh clone has no such folder, so the
 * suites that need one are skipped there, each with one printed line saying why; CI (`CI` set, as `.ci/run`
 * does) has it, and a missing folder fails the run instead of skipping it.
 */
export type SharedFolder = 'realdata' | 'samples';

/** `../shared/<folder>/` beside the repository root (this file is test/support/realdata.ts). */
export const sharedFolderUrl = (folder: SharedFolder): URL => new URL(`../../../shared/${folder}/`, import.meta.url);

export const sharedFolderPresent = (folder: SharedFolder): boolean => existsSync(sharedFolderUrl(folder));

/** The line printed for a suite skipped because its shared folder is absent. */
const skipReason = (folder: SharedFolder): string =>
  `real-data suite skipped: ../shared/${folder} not found (a fresh clone has no shared folder); CI requires it`;

/** A file of `../shared/<folder>/` by its relative path, as bytes (a missing file throws: only the whole folder may be absent). */
export const readShared = (folder: SharedFolder, path: string): Buffer => readFileSync(new URL(path, sharedFolderUrl(folder)));

export const readSharedText = (folder: SharedFolder, path: string): string => readShared(folder, path).toString('utf8');

export const readSharedJson = <T = unknown>(folder: SharedFolder, path: string): T => JSON.parse(readSharedText(folder, path)) as T;

/** The file names in a directory of `../shared/<folder>/`, sorted. */
export const listShared = (folder: SharedFolder, path: string): string[] => readdirSync(new URL(path, sharedFolderUrl(folder))).sort();

/**
 * `describe(title, body)` when `../shared/<folder>` exists. Without it the body is never run (so it may read
 * the shared files while the tests are collected): outside CI the block is one skipped test and one printed
 * line; under CI it is one failing test, so nothing is skipped silently there.
 */
export function describeWithShared(folder: SharedFolder, title: string, body: () => void): void {
  if (sharedFolderPresent(folder)) {
    describe(title, body);
    return;
  }
  if (process.env.CI) {
    describe(title, () => {
      it(`needs ../shared/${folder}`, () => {
        throw new Error(`../shared/${folder} not found, and CI requires the real-data suite: it fails here rather than being skipped`);
      });
    });
    return;
  }
  // Straight to stderr: Jest prints neither the result nor the console output of a file whose tests are all skipped.
  process.stderr.write(`${skipReason(folder)} (${title})\n`);
  describe.skip(title, () => {
    it(`needs ../shared/${folder}`, () => undefined);
  });
}
