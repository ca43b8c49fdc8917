import { closeSync, openSync, rmSync } from 'node:fs';
import { makeBox, type Box } from '../geometry/box';
import { assertNotAnInput, writeAll, writeThroughTempFile } from './atomicWrite';
import { imagesBetween } from './cellVectors';
import type { Frame } from './frame';
import { boundsFromBox } from './lammpsBoxBounds';
import { registerTemp, releaseTemp } from './tempFiles';
import { zlibFileToFd } from './zlibFile';

/** Options of {@link writeLammpsDump}. */
export interface DumpWriteOptions {
  /** Names of Frame.species indices; species s is written as LAMMPS type s + 1. */
  readonly speciesNames: readonly string[];
  /** Extra per-atom columns for a frame (e.g. `softness`), each [n] in the frame's id order. */
  readonly extraColumns?: (frame: Frame) => Map<string, Float32Array | Float64Array>;
  /** Files that must never be overwritten (the trajectories the frames came from). */
  readonly inputPaths?: readonly string[];
}

const RESERVED = new Set(['id', 'type', 'x', 'y', 'z', 'ix', 'iy', 'iz', 'xs', 'ys', 'zs', 'xu', 'yu', 'zu', 'xsu', 'ysu', 'zsu']);
const FLUSH_CHARS = 1 << 22;

/**
 * Writes `frames` as a LAMMPS text dump in `dump custom` layout (LAMMPS `dump` doc), readable
 * by LAMMPS `read_dump`, OVITO and openLammpsDump:
 * `ITEM: ATOMS id type x y z [ix iy iz] [extra columns]`, image flags when Frame.unwrapped is
 * known (then x + ix a + iy b + iz c reproduces the unwrapped position). Triclinic boxes are
 * written as bounding-box bounds with tilts (inverse of the reader's conversion); a frame
 * without box (open boundaries) gets its positions' bounding box with `ff` flags. Numbers are
 * written in shortest round-trip form (Float32 columns with 9 significant digits), so reading
 * back gives the same doubles. Units unchanged (sigma_AA, timestep as in the Frame).
 *
 * Atomic: the file is written to a registered temp file beside it and renamed (writeThroughTempFile),
 * so a failed or interrupted write leaves `outPath` as it was and no temp file behind. `.gz`
 * paths are gzip-compressed (one standard gzip member). Call checkWritable(outPath) before
 * computing the frames, so an unwritable location fails first.
 *
 * Throws Error when `outPath` is one of `options.inputPaths`, when a frame's species has no
 * name in `speciesNames`, or when an extra column has a bad name (whitespace, a reserved
 * coordinate/id name) or length != frame.n; Node's error when the file cannot be written.
 */
export function writeLammpsDump(outPath: string, frames: Iterable<Frame>, options: DumpWriteOptions): void {
  assertNotAnInput(outPath, options.inputPaths ?? []);
  if (!outPath.toLowerCase().endsWith('.gz')) {
    writeThroughTempFile(outPath, (fd) => writeFrames(fd, frames, options));
    return;
  }
  const plain = registerTemp(outPath);
  try {
    const fd = openSync(plain, 'w');
    try {
      writeFrames(fd, frames, options);
    } finally {
      closeSync(fd);
    }
    writeThroughTempFile(outPath, (fd) => {
      const failure = zlibFileToFd(plain, fd, 'gzip');
      if (failure !== null) throw new Error(`gzip compression of ${outPath} failed: ${failure}`);
    });
  } finally {
    rmSync(plain, { force: true });
    releaseTemp(plain);
  }
}

function writeFrames(fd: number, frames: Iterable<Frame>, options: DumpWriteOptions): void {
  let parts: string[] = [];
  let pending = 0;
  const push = (text: string) => {
    parts.push(text);
    pending += text.length;
    if (pending >= FLUSH_CHARS) {
      writeAll(fd, Buffer.from(parts.join(''), 'latin1'));
      parts = [];
      pending = 0;
    }
  };
  for (const frame of frames) writeFrame(push, frame, options);
  writeAll(fd, Buffer.from(parts.join(''), 'latin1'));
}

function writeFrame(push: (text: string) => void, frame: Frame, options: DumpWriteOptions): void {
  const { n, positions, unwrapped, ids, species } = frame;
  const extra = [...(options.extraColumns?.(frame) ?? new Map<string, Float32Array | Float64Array>())];
  for (const [name, values] of extra) {
    if (!/^\S+$/.test(name) || RESERVED.has(name)) throw new Error(`frame ${frame.index}: cannot write extra column named '${name}'`);
    if (values.length !== n) throw new Error(`frame ${frame.index}: extra column '${name}' has ${values.length} values, expected ${n}`);
  }
  const box = frame.box ?? boundingBox(positions);
  const images = unwrapped && imagesBetween(positions, unwrapped, box);
  const formats = extra.map(([, values]) => (values instanceof Float32Array ? formatFloat32 : String));
  push(
    header(
      frame,
      box,
      images !== null,
      extra.map(([name]) => name),
    ),
  );
  for (let i = 0; i < n; i++) {
    const s = species[i];
    if (s >= options.speciesNames.length) {
      throw new Error(`frame ${frame.index}: species index ${s} has no name (speciesNames has ${options.speciesNames.length})`);
    }
    let line = `${ids[i]} ${s + 1} ${positions[3 * i]} ${positions[3 * i + 1]} ${positions[3 * i + 2]}`;
    if (images) line += ` ${images[3 * i]} ${images[3 * i + 1]} ${images[3 * i + 2]}`;
    for (let c = 0; c < extra.length; c++) line += ` ${formats[c](extra[c][1][i])}`;
    push(`${line}\n`);
  }
}

function header(frame: Frame, box: Box, images: boolean, extra: string[]): string {
  const rows = boundsFromBox(box);
  const tilt = rows[0].length === 3 ? 'xy xz yz ' : '';
  const flags = box.periodic.map((p) => (p ? 'pp' : 'ff')).join(' ');
  const columns = ['id', 'type', 'x', 'y', 'z', ...(images ? ['ix', 'iy', 'iz'] : []), ...extra].join(' ');
  return (
    `ITEM: TIMESTEP\n${frame.timestep}\nITEM: NUMBER OF ATOMS\n${frame.n}\n` +
    `ITEM: BOX BOUNDS ${tilt}${flags}\n${rows.map((r) => r.join(' ')).join('\n')}\nITEM: ATOMS ${columns}\n`
  );
}

/** Axis-aligned box around positions [n x 3], non-periodic; flat axes get unit thickness. */
function boundingBox(positions: Float64Array): Box {
  const lo = [Infinity, Infinity, Infinity];
  const hi = [-Infinity, -Infinity, -Infinity];
  for (let i = 0; i < positions.length; i++) {
    const d = i % 3;
    lo[d] = Math.min(lo[d], positions[i]);
    hi[d] = Math.max(hi[d], positions[i]);
  }
  const pad = lo.map((l, d) => (hi[d] > l ? 0 : 0.5));
  return makeBox({
    lo: [lo[0] - pad[0], lo[1] - pad[1], lo[2] - pad[2]],
    lx: hi[0] - lo[0] + 2 * pad[0],
    ly: hi[1] - lo[1] + 2 * pad[1],
    lz: hi[2] - lo[2] + 2 * pad[2],
    periodic: [false, false, false],
  });
}

/** Float32 value with 9 significant digits (enough to round-trip any float32), no trailing zeros. */
function formatFloat32(value: number): string {
  return String(Number(value.toPrecision(9)));
}
