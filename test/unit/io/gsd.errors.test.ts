import { readFileSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TrajectoryError } from '../../../src/core/io/frame';
import { openGsd } from '../../../src/core/io/gsd';
import { GsdFile } from '../../../src/core/io/gsdFile';
import { expectedGsd, gsdFixture } from './gsdFixtures';
import { useTmpDir } from './tmpDir';

const tmp = useTmpDir();
const ka3d = readFileSync(gsdFixture('ka3d.gsd'));
/** Header fields of ka3d.gsd (doc/file-layer.rst: gsd_header). */
const indexLocation = Number(ka3d.readBigUInt64LE(8));

/** A copy of ka3d.gsd with `patch` applied, written to the temp directory. */
function patched(name: string, patch: (bytes: Buffer) => void): string {
  const bytes = Buffer.from(ka3d);
  patch(bytes);
  return tmp.file(name, bytes);
}

function openError(path: string): TrajectoryError {
  try {
    openGsd(path).close();
  } catch (e) {
    expect(e).toBeInstanceOf(TrajectoryError);
    return e as TrajectoryError;
  }
  throw new Error(`${path} opened without error`);
}

describe('GSD reader errors', () => {
  it('names the frame and chunk of a truncated file', () => {
    const size = statSync(gsdFixture('ka3d_truncated.gsd')).size;
    const { frame, chunk } = expectedGsd.truncated;
    const error = openError(gsdFixture('ka3d_truncated.gsd'));
    expect(error.where.frame).toBe(frame);
    expect(error.message).toMatch(
      new RegExp(
        `ka3d_truncated\\.gsd \\(frame ${frame}\\): chunk ${chunk}: data at bytes \\d+\\.\\.\\d+ lies past the end of the file \\(${size} bytes\\); the file is truncated`,
      ),
    );
  });

  it('rejects a file shorter than the header and a bad magic number', () => {
    expect(openError(tmp.file('short.gsd', ka3d.subarray(0, 100))).message).toMatch(
      /short\.gsd: file is 100 bytes, shorter than the 256-byte GSD header/,
    );
    const text = openError(tmp.file('text.gsd', Buffer.alloc(300, 'ITEM: TIMESTEP\n')));
    expect(text.message).toMatch(/text\.gsd: not a GSD file: expected magic number 0x65df65df65df65df, found 0x/);
  });

  it('rejects file-layer versions other than 1.x and 2.x', () => {
    expect(openError(patched('v3.gsd', (b) => b.writeUInt32LE(3 << 16, 44))).message).toMatch(
      /v3\.gsd: unsupported GSD file-layer version 3\.0: expected 1\.x or 2\.x/,
    );
    expect(openError(patched('v0.gsd', (b) => b.writeUInt32LE(3, 44))).message).toMatch(/unsupported GSD file-layer version 0\.3/);
  });

  it('rejects an index or name list pointing past the end of the file', () => {
    const size = ka3d.length;
    const index = openError(patched('index.gsd', (b) => b.writeBigUInt64LE(BigInt(size - 64), 8)));
    expect(index.message).toMatch(
      new RegExp(`index\\.gsd: index block at bytes ${size - 64}\\.\\.\\d+ \\(\\d+ entries\\) lies outside the file \\(${size} bytes\\)`),
    );
    const names = openError(patched('names.gsd', (b) => b.writeBigUInt64LE(BigInt(size), 24)));
    expect(names.message).toMatch(/names\.gsd: name list block at bytes \d+\.\.\d+ lies outside the file/);
  });

  it('rejects an index entry whose data lies past the end, or with a bad type, name id or frame order', () => {
    const entry = (i: number, offset: number) => indexLocation + 32 * i + offset;
    const past = openError(patched('past.gsd', (b) => b.writeBigInt64LE(BigInt(ka3d.length), entry(0, 16))));
    expect(past.message).toMatch(/past\.gsd \(frame 0\): chunk configuration\/box: data at bytes \d+\.\.\d+ lies past the end of the file/);
    expect(openError(patched('type.gsd', (b) => b.writeUInt8(42, entry(1, 30)))).message).toMatch(
      /type\.gsd: index entry 1 \(frame 0, chunk particles\/N\): unknown data type code 42/,
    );
    expect(openError(patched('id.gsd', (b) => b.writeUInt16LE(500, entry(2, 28)))).message).toMatch(
      /index entry 2 \(frame 0, chunk #500\): name id 500 is outside the name list/,
    );
    expect(openError(patched('order.gsd', (b) => b.writeBigUInt64LE(5n, entry(0, 0)))).message).toMatch(
      /index entry 1 \(frame 0, chunk particles\/N\): frame is lower than the previous entry's frame 5/,
    );
  });

  it('names frame and chunk of a chunk with the wrong shape, at read time', () => {
    const trajectory = openGsd(gsdFixture('bad_shape.gsd'));
    expect(trajectory.readFrame(0).n).toBe(4);
    expect(() => trajectory.readFrame(1)).toThrow(
      /bad_shape\.gsd \(frame 1\): chunk particles\/position: expected N x 3 float32 or float64 \(N = 4\), found 4 x 2 float32/,
    );
    expect(() => trajectory.readFrame(2)).toThrow(RangeError);
    expect(() => trajectory.readFrame(2)).toThrow(/bad_shape\.gsd: frame 2 out of range \[0, 2\)/);
    trajectory.close();
  });

  it('decodes frames lazily: corrupt data in frame 1 only shows when frame 1 is read', () => {
    const file = new GsdFile(gsdFixture('ka3d.gsd'));
    const chunk = file.find(1, 'particles/position')!;
    file.close();
    const path = patched('nan.gsd', (b) => b.writeFloatLE(Number.NaN, chunk.location + 4 * 7));
    const trajectory = openGsd(path);
    expect([0, 2, 3].map((k) => trajectory.readFrame(k).n)).toEqual([256, 256, 256]);
    expect(() => trajectory.readFrame(1)).toThrow(
      /nan\.gsd \(frame 1\): chunk particles\/position: particle 2 has a non-finite coordinate NaN/,
    );
    trajectory.close();
    expect(() => trajectory.readFrame(0)).toThrow(/GSD file is closed/);
  });

  it('rejects a typeid outside the type list', () => {
    expect(openError(gsdFixture('bad_typeid.gsd')).message).toMatch(
      /bad_typeid\.gsd \(frame 0\): chunk particles\/typeid: particle 2 has typeid 2, expected 0\.\.1 \(the 2 names of particles\/types\)/,
    );
  });

  it('names frame and chunk of bad content in later frames', () => {
    const trajectory = openGsd(gsdFixture('bad_frames.gsd'));
    expect(trajectory.speciesNames).toEqual(['A', 'B']);
    expect(() => trajectory.readFrame(1)).toThrow(
      /bad_frames\.gsd \(frame 1\): chunk particles\/position: particle 2 has a non-finite coordinate NaN/,
    );
    expect(() => trajectory.readFrame(2)).toThrow(
      /bad_frames\.gsd \(frame 2\): chunk particles\/types: type 'C' \(typeid 1, particle 1\) is not one of frame 0's types \(A, B\); species are fixed by frame 0/,
    );
    expect(() => trajectory.readFrame(3)).toThrow(
      /bad_frames\.gsd \(frame 3\): chunk particles\/N: number of particles changes from 4 \(frame 0\) to 5; a trajectory must keep the same particles/,
    );
    expect(() => trajectory.readFrame(4)).toThrow(
      /bad_frames\.gsd \(frame 4\): chunk configuration\/box: invalid box \[0, 1, 1, 0, 0, 0\]: box edge lx must be a finite positive length, got 0/,
    );
    trajectory.close();
  });

  it('rejects a non-hoomd schema', () => {
    expect(openError(gsdFixture('reference_v1.gsd')).message).toMatch(/reference_v1\.gsd: GSD schema is 'none', expected 'hoomd'/);
  });
});

/** Byte offset of index entry `e` and of the data of `name` in `frame`, in `fixture`. */
function layoutOf(fixture: string, frame: number, name: string): { entries: number[]; data: number } {
  const bytes = readFileSync(gsdFixture(fixture));
  const index = Number(bytes.readBigUInt64LE(8));
  const entries: number[] = [];
  for (let at = index; at + 32 <= bytes.length && bytes.readBigInt64LE(at + 16) !== 0n; at += 32) entries.push(at);
  const file = new GsdFile(gsdFixture(fixture));
  const data = file.find(frame, name)!.location;
  file.close();
  return { entries, data };
}

describe('GSD declared counts and non-finite values', () => {
  it('a frame number claiming 10^12 frames in an 8 kB file is a clean error naming the file and frame', () => {
    const { entries } = layoutOf('twod.gsd', 0, 'particles/position');
    const bytes = readFileSync(gsdFixture('twod.gsd'));
    expect(bytes.length).toBeLessThan(9000);
    bytes.writeBigUInt64LE(10n ** 12n, entries[entries.length - 1]);
    const error = openError(tmp.file('frames.gsd', bytes));
    expect(error.message).toMatch(
      /frames\.gsd \(frame 1000000000000\): index entry \d+ claims frame 1000000000000, but the index holds only \d+ chunks for 1000000000001 frames/,
    );
  });

  it('NaN in a per-particle column (not only positions) names the chunk and frame', () => {
    const { data } = layoutOf('ka3d.gsd', 0, 'particles/diameter');
    const path = patched('nan_diameter.gsd', (b) => b.writeFloatLE(Number.NaN, data + 4 * 7));
    expect(openError(path).message).toMatch(
      /nan_diameter\.gsd \(frame 0\): chunk particles\/diameter: particle 7 has the non-finite value NaN/,
    );
  });

  it('a box no particle could fit in is rejected where it is read', () => {
    const { data } = layoutOf('ka3d.gsd', 0, 'configuration/box');
    const path = patched('thin_box.gsd', (b) => b.writeFloatLE(1e-20, data));
    expect(openError(path).message).toMatch(
      /thin_box\.gsd \(frame 0\): chunk configuration\/box: implausible box \[.*\]: edge lx = .* is below 1e-10/,
    );
  });
});
