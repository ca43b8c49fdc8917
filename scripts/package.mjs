// `npm run package` (after `npm run build`): packs the bundled extension into
// dist/<name>-<version>.vsix with @vscode/vsce and prints its size and file count.
//
// Flags, and why each one is honest here:
// --no-dependencies            everything the extension loads at run time is bundled into dist/ by
//                              scripts/build.mjs; the .vsix ships no node_modules (.vscodeignore is
//                              an allow-list).
// --allow-missing-repository   the project has no public repository URL yet; inventing one would be
//   and --no-rewrite-relative-links   worse. README links stay relative to the source tree (vsce
//                              would otherwise need that URL to turn them into absolute ones); add
//                              `repository` to package.json and drop both flags once it exists.
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const vsixPath = path.join(root, 'dist', `${manifest.name}-${manifest.version}.vsix`);
const vsce = path.join(root, 'node_modules', '.bin', 'vsce');

execFileSync(vsce, ['package', '--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links', '--out', vsixPath], {
  cwd: root,
  stdio: ['ignore', 'inherit', 'inherit'],
});

const files = zipEntryNames(readFileSync(vsixPath)).filter((name) => name.startsWith('extension/') && !name.endsWith('/'));
const bytes = statSync(vsixPath).size;
console.log(
  `${path.relative(root, vsixPath)}: ${(bytes / 2 ** 20).toFixed(2)} MiB (${bytes} bytes), ${files.length} files under extension/`,
);

/**
 * Names of the entries of a zip archive, read from its central directory (APPNOTE.TXT 4.3.12 and
 * 4.3.16: the end-of-central-directory record is the last 22 bytes when the archive has no comment,
 * as vsce writes it). Throws if the record is not there.
 */
function zipEntryNames(zip) {
  const end = zip.length - 22;
  if (end < 0 || zip.readUInt32LE(end) !== 0x06054b50)
    throw new Error(`${vsixPath}: no zip end-of-central-directory record in the last 22 bytes`);
  const count = zip.readUInt16LE(end + 10);
  const names = [];
  for (let offset = zip.readUInt32LE(end + 16), i = 0; i < count; i++) {
    if (zip.readUInt32LE(offset) !== 0x02014b50) throw new Error(`${vsixPath}: central directory entry ${i} is malformed`);
    const nameLength = zip.readUInt16LE(offset + 28);
    names.push(zip.toString('utf8', offset + 46, offset + 46 + nameLength));
    offset += 46 + nameLength + zip.readUInt16LE(offset + 30) + zip.readUInt16LE(offset + 32);
  }
  return names;
}
