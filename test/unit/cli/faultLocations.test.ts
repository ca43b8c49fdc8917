import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runNotebook } from '../../../src/cli/runNotebook';

/**
 * Real full and read-only file systems (a 64 kB tmpfs, then remounted read-only): a run whose
 * outputs go there fails before its first cell with the path and the meaning of the error. Needs
 * root and mount(8), as CI has; elsewhere the tests are skipped with a message.
 */
const dir = mkdtempSync(path.join(tmpdir(), 'softness-faults-'));
const mountPoint = path.join(dir, 'small');
mkdirSync(mountPoint);
const canMount = (() => {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', mountPoint], { stdio: 'ignore' });
    return true;
  } catch {
    console.warn('fault-location tests skipped: cannot mount a tmpfs here (needs root)');
    return false;
  }
})();

afterAll(() => {
  if (canMount) execFileSync('umount', [mountPoint], { stdio: 'ignore' });
  rmSync(dir, { recursive: true, force: true });
});

/** A notebook beside the tmpfs whose cell would read a trajectory that does not exist. */
function notebook(): string {
  const file = path.join(dir, 'study.softnb');
  const source = 'traj = load "never.dump"';
  writeFileSync(file, JSON.stringify({ format: 'softnb', version: 1, cells: [{ kind: 'code', language: 'softness', source }] }));
  return file;
}

describe.skipIf(!canMount)('outputs on a full or read-only file system', () => {
  beforeAll(() => {
    // Fill the tmpfs to the last block.
    try {
      writeFileSync(path.join(mountPoint, 'filler'), new Uint8Array(1 << 20));
    } catch {
      // ENOSPC: full, as intended.
    }
  });

  it('a full location fails before the first cell, naming the path and "no space left"', async () => {
    let cellsRun = 0;
    const outDir = path.join(mountPoint, 'report');
    await expect(runNotebook(notebook(), { outDir, onCellDone: () => cellsRun++ })).rejects.toThrow(
      /cannot write .*small\/report\/.*no space left on the device \(ENOSPC/,
    );
    expect(cellsRun).toBe(0);
    // No probe or temp file is left behind.
    expect(readdirSync(path.join(mountPoint, 'report')).filter((name) => name.startsWith('.'))).toEqual([]);
  });

  it('a read-only location fails before the first cell, naming the path and "read-only"', async () => {
    execFileSync('mount', ['-o', 'remount,ro', mountPoint], { stdio: 'ignore' });
    let cellsRun = 0;
    await expect(runNotebook(notebook(), { outDir: path.join(mountPoint, 'report'), onCellDone: () => cellsRun++ })).rejects.toThrow(
      /cannot write .*small\/report\/.*read-only file system \(EROFS/,
    );
    expect(cellsRun).toBe(0);
  });
});
