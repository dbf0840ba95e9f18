// Whether the web app's build is current: a SHA-256 over the build's inputs (each file's path and contents,
// in path order), compared with the one written beside the last build. Used by scripts/build-web.mjs.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** Every file under the `inputs` (files or folders, relative to `root`), as sorted relative paths; missing inputs are none. */
export function inputFiles(root, inputs) {
  return inputs
    .flatMap((relative) => {
      const full = path.join(root, relative);
      if (!fs.existsSync(full)) return [];
      if (fs.statSync(full).isFile()) return [relative];
      return fs.readdirSync(full, { recursive: true, withFileTypes: true })
        .filter((entry) => entry.isFile())
        .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)));
    })
    .sort();
}

/** The hash of the inputs: changes when a file is added, removed, renamed or edited. */
export function inputsHash(root, inputs) {
  const hash = createHash('sha256');
  for (const file of inputFiles(root, inputs)) {
    hash.update(`${file}\0`);
    hash.update(fs.readFileSync(path.join(root, file)));
    hash.update('\0');
  }
  return hash.digest('hex');
}

/** Whether `outDir` holds a build (its index.html) made from inputs with this hash. */
export function isBuildCurrent(outDir, hash) {
  const stamp = path.join(outDir, '.build-stamp');
  return fs.existsSync(path.join(outDir, 'index.html')) && fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8').trim() === hash;
}

/** Records that `outDir` was built from inputs with this hash. */
export function writeBuildStamp(outDir, hash) {
  fs.writeFileSync(path.join(outDir, '.build-stamp'), `${hash}\n`);
}
