import { describe, expect, it } from 'vitest';
import { gzipSync } from 'node:zlib';
import { TrajectoryError } from '../../../src/core/io/frame';
import { openLammpsDump } from '../../../src/core/io/lammpsDump';
import { useTmpDir } from './tmpDir';

const tmp = useTmpDir();

interface FrameText {
  timestep?: number;
  n?: number;
  bounds?: string;
  columns?: string;
  atoms?: string[];
}

const ATOMS = ['2 1 1.5 2.5 3.5', '1 2 0.5 0.5 0.5', '3 1 9.0 9.0 9.0'];

/** Dump text (12 lines per 3-atom frame); each frame defaults to 3 atoms in a 10x10x10 periodic box, listed out of id order. */
function dumpText(frames: FrameText[]): string {
  return frames
    .map((f, k) => {
      const atoms = f.atoms ?? ATOMS;
      return [
        'ITEM: TIMESTEP',
        String(f.timestep ?? k * 100),
        'ITEM: NUMBER OF ATOMS',
        String(f.n ?? atoms.length),
        f.bounds ?? 'ITEM: BOX BOUNDS pp pp pp\n0 10\n0 10\n0 10',
        `ITEM: ATOMS ${f.columns ?? 'id type x y z'}`,
        ...atoms,
      ].join('\n');
    })
    .join('\n')
    .concat('\n');
}

let counter = 0;
const write = (text: string) => tmp.file(`case${counter++}.lammpstrj`, text);

/** Opens (and reads every frame of) `text`; returns the TrajectoryError it throws. */
function errorOf(text: string): TrajectoryError {
  const path = write(text);
  try {
    const t = openLammpsDump(path);
    for (let k = 0; k < t.frameCount; k++) t.readFrame(k);
    t.close();
  } catch (e) {
    expect(e).toBeInstanceOf(TrajectoryError);
    expect((e as TrajectoryError).file).toBe(path);
    return e as TrajectoryError;
  }
  throw new Error('expected a TrajectoryError');
}

describe('valid variations', () => {
  it('reads a minimal dump sorted by id with the documented defaults', () => {
    const t = openLammpsDump(write(dumpText([{}, {}])));
    expect(t.frameCount).toBe(2);
    expect(t.speciesNames).toEqual(['A', 'B']);
    const f = t.readFrame(1);
    expect(f.timestep).toBe(100);
    expect(Array.from(f.ids)).toEqual([1, 2, 3]);
    expect(Array.from(f.species)).toEqual([1, 0, 0]);
    expect(Array.from(f.positions)).toEqual([0.5, 0.5, 0.5, 1.5, 2.5, 3.5, 9, 9, 9]);
    expect(f.unwrapped).toBeNull();
    expect(f.columns.size).toBe(0);
    t.close();
    expect(() => t.readFrame(0)).toThrow(/closed/);
  });

  it('accepts CRLF, trailing blanks, blank lines between frames, ITEM: UNITS/TIME and flag-less bounds', () => {
    const text = `${dumpText([{}, {}])
      .replace('ITEM: TIMESTEP', 'ITEM: UNITS\nlj\nITEM: TIME\n0.5\nITEM: TIMESTEP')
      .replace('BOX BOUNDS pp pp pp', 'BOX BOUNDS')
      .replace('3 1 9.0 9.0 9.0\nITEM', '3 1 9.0 9.0 9.0\n\n\nITEM')
      .replace(/\n/g, '\r\n')}  \t`;
    const t = openLammpsDump(write(text));
    expect(t.frameCount).toBe(2);
    const f = t.readFrame(1);
    expect(f.box!.periodic).toEqual([true, true, true]);
    expect(Array.from(f.positions.subarray(6))).toEqual([9, 9, 9]);
    t.close();
  });

  it('mixed boundary flags: only pp is periodic; dimension can be forced', () => {
    const text = dumpText([{ bounds: 'ITEM: BOX BOUNDS pp fm ss\n0 10\n0 10\n-1 1', atoms: ['1 1 1 1 0', '2 1 2 2 0'] }]);
    const detected = openLammpsDump(write(text));
    expect(detected.readFrame(0).box!.periodic).toEqual([true, false, false]);
    expect(detected.readFrame(0).dimension).toBe(2);
    detected.close();
    const forced = openLammpsDump(write(text), { dimension: 3 });
    expect(forced.readFrame(0).dimension).toBe(3);
    forced.close();
  });

  it('positions from xu yu zu alone are folded into the cell; unwrapped keeps the file values', () => {
    const t = openLammpsDump(write(dumpText([{ columns: 'id type xu yu zu', atoms: ['1 1 -3 12 5'] }])));
    const f = t.readFrame(0);
    for (const [a, v] of [7, 2, 5].entries()) expect(f.positions[a]).toBeCloseTo(v, 12);
    expect(Array.from(f.unwrapped!)).toEqual([-3, 12, 5]);
    expect(f.unwrapped).not.toBe(f.positions);
    t.close();
  });
});

describe('malformed dumps name file, frame, line and what was expected', () => {
  it('truncated last frame (fewer atom lines than NUMBER OF ATOMS)', () => {
    const text = `${dumpText([{}, {}]).split('\n').slice(0, -2).join('\n')}\n`;
    expect(errorOf(text).message).toMatch(
      /\(frame 1, line 24\): truncated frame: expected 3 atom lines after 'ITEM: ATOMS' \(line 21\), file ends after 2/,
    );
  });

  it('file ending inside a header', () => {
    const text = `${dumpText([{}])}ITEM: TIMESTEP\n100\nITEM: NUMBER OF ATOMS\n`;
    expect(errorOf(text).message).toMatch(/\(frame 1, line 16\): truncated frame: file ends inside the frame header/);
  });

  it('more atom lines than NUMBER OF ATOMS', () => {
    const text = dumpText([{ n: 2 }, {}]);
    expect(errorOf(text).message).toMatch(
      /\(frame 1, line 12\): expected an 'ITEM:' line starting a frame, found '3 1 9.0 9.0 9.0' \(frame 0 has more than its 2 atom lines\?\)/,
    );
  });

  it('N changing between frames is found at index time', () => {
    const text = dumpText([{}, {}, { atoms: ATOMS.slice(0, 2) }]);
    expect(errorOf(text).message).toMatch(/\(frame 2, line 28\): number of atoms changes from 3 \(frame 0\) to 2/);
  });

  it('missing required columns', () => {
    expect(errorOf(dumpText([{ columns: 'id x y z', atoms: ['1 0 0 0'] }])).message).toMatch(
      /\(frame 0, line 9\): 'ITEM: ATOMS' lacks type: expected id, type and one of 'x y z'/,
    );
    expect(errorOf(dumpText([{ columns: 'id type x y', atoms: ['1 1 0 0'] }])).message).toMatch(
      /\(frame 0, line 9\): 'ITEM: ATOMS' lacks positions/,
    );
  });

  it('non-numeric, NaN and infinite values', () => {
    const atoms = ['1 1 0 0 0', '2 1 0 abc 0'];
    expect(errorOf(dumpText([{ atoms }])).message).toMatch(/\(frame 0, line 11\): column 'y': expected a number, found 'abc'/);
    expect(errorOf(dumpText([{ atoms: ['1 1 nan 0 0'] }])).message).toMatch(
      /\(frame 0, line 10\): column 'x': expected a finite number, found 'nan'/,
    );
    expect(errorOf(dumpText([{ atoms: ['1 1 0 0 -inf'] }])).message).toMatch(/column 'z': expected a finite number, found '-inf'/);
    expect(errorOf(dumpText([{ atoms: ['1 1 0 0 1e999'] }])).message).toMatch(/column 'z': expected a finite number, found '1e999'/);
  });

  it('too few or too many values on an atom line', () => {
    expect(errorOf(dumpText([{ atoms: ['1 1 0 0'] }])).message).toMatch(
      /\(frame 0, line 10\): expected 5 values \(id type x y z\), found 4/,
    );
    expect(errorOf(dumpText([{ atoms: ['1 1 0 0 0 7'] }])).message).toMatch(
      /\(frame 0, line 10\): expected 5 values \(id type x y z\), found more/,
    );
  });

  it('garbled or unsupported BOX BOUNDS', () => {
    const cases: [string, RegExp][] = [
      ['ITEM: BOX BOUNDS pp pp\n0 10\n0 10\n0 10', /\(frame 0, line 5\): garbled 'BOX BOUNDS pp pp'/],
      ['ITEM: BOX BOUNDS pp px pp\n0 10\n0 10\n0 10', /garbled 'BOX BOUNDS pp px pp'/],
      ['ITEM: BOX BOUNDS xy xz pp pp pp\n0 10\n0 10\n0 10', /garbled 'BOX BOUNDS xy xz pp pp pp'/],
      ['ITEM: BOX BOUNDS abc origin pp pp pp\n1 0 0 0\n0 1 0 0\n0 0 1 0', /general triclinic/],
      ['ITEM: BOX BOUNDS pp pp pp\n0 10\n0 10 1\n0 10', /\(frame 0, line 7\): expected 2 finite numbers \(lo hi\) for axis y/],
      [
        'ITEM: BOX BOUNDS xy xz yz pp pp pp\n0 10 1\n0 10\n0 10 0',
        /\(frame 0, line 7\): expected 3 finite numbers \(lo_bound hi_bound tilt\) for axis y/,
      ],
      [
        'ITEM: BOX BOUNDS pp pp pp\n0 10\n0 10\n5 5',
        /\(frame 0, line 8\): invalid box bounds: box edge lz must be a finite positive length/,
      ],
      [
        'ITEM: BOX BOUNDS pp pp pp\n0 10\n0 10',
        /\(frame 0, line 8\): expected 2 finite numbers \(lo hi\) for axis z of the box bounds, found 'ITEM: ATOMS id type x y z'/,
      ],
    ];
    for (const [bounds, pattern] of cases) expect(errorOf(dumpText([{ bounds }])).message).toMatch(pattern);
  });

  it('unknown ITEM and non-integer timestep', () => {
    expect(errorOf(dumpText([{}]).replace('ITEM: NUMBER OF ATOMS', 'ITEM: FOO\n1\nITEM: NUMBER OF ATOMS')).message).toMatch(
      /\(frame 0, line 3\): unknown header item 'ITEM: FOO'/,
    );
    expect(errorOf(dumpText([{}]).replace('TIMESTEP\n0', 'TIMESTEP\n0.5')).message).toMatch(
      /\(frame 0, line 2\): expected an integer of at most 2\^53 after 'ITEM: TIMESTEP', found '0.5'/,
    );
  });

  it('duplicate atom ids name both lines', () => {
    const atoms = ['1 1 0 0 0', '2 1 1 1 1', '1 2 2 2 2'];
    expect(errorOf(dumpText([{ atoms }])).message).toMatch(/\(frame 0, line 12\): duplicate atom id 1 \(also on line 10\)/);
  });

  it('a later frame with a type above frame 0 types', () => {
    const text = dumpText([{}, { atoms: ['2 1 0 0 0', '1 3 0 0 0', '3 1 0 0 0'] }]);
    const path = write(text);
    const t = openLammpsDump(path);
    expect(t.speciesNames).toEqual(['A', 'B']);
    expect(() => t.readFrame(1)).toThrow(/\(frame 1, line 23\): atom type 3 is not one of the types 1\.\.2 seen in frame 0/);
    t.close();
    expect(errorOf(dumpText([{ atoms: ['1 0 0 0 0'] }])).message).toMatch(
      /\(frame 0, line 10\): atom type must be an integer in 1\.\.255, found 0/,
    );
    expect(errorOf(dumpText([{ atoms: ['1.5 1 0 0 0'] }])).message).toMatch(
      /\(frame 0, line 10\): atom id must be a 32-bit integer, found 1.5/,
    );
  });

  it('empty file and non-dump text', () => {
    expect(errorOf('').message).toMatch(/\(line 1\): no frame found: expected 'ITEM: TIMESTEP'/);
    expect(errorOf('hello\n').message).toMatch(/\(frame 0, line 1\): expected an 'ITEM:' line starting a frame, found 'hello'/);
    expect(errorOf(dumpText([{}]).replace('NUMBER OF ATOMS\n3', 'NUMBER OF ATOMS\nthree')).message).toMatch(
      /\(frame 0, line 4\): expected a positive integer atom count after 'ITEM: NUMBER OF ATOMS', found 'three'/,
    );
  });
});

describe('a dump cut inside its last number', () => {
  it('is a truncated last line (file, frame, line), plain and .gz alike', () => {
    const text = dumpText([{}, { atoms: ['1 1 1.0 1.0 1.0', '2 2 2.0 2.0 2.0', '3 1 9.0 9.0 9.25'] }]);
    const cut = text.slice(0, -2);
    expect(errorOf(cut).message).toMatch(
      /\(frame 1, line 24\): truncated last line: the file ends inside line 24, without a final newline/,
    );
    const gz = tmp.file(`cut${counter++}.lammpstrj.gz`, gzipSync(cut));
    expect(() => openLammpsDump(gz)).toThrow(/\.lammpstrj\.gz \(frame 1, line 24\): truncated last line/);
  });
});

describe('values that overflow after conversion, and boxes no atoms fit in', () => {
  it('a timestep of 400 digits (Infinity as a number) is an error, not an infinite timestep', () => {
    expect(errorOf(dumpText([{}]).replace('TIMESTEP\n0', `TIMESTEP\n${'9'.repeat(400)}`)).message).toMatch(
      /\(frame 0, line 2\): expected an integer of at most 2\^53 after 'ITEM: TIMESTEP', found '9999/,
    );
  });

  it('finite scaled coordinates that overflow to Infinity through the box are an error naming the line', () => {
    const text = dumpText([{ columns: 'id type xs ys zs', atoms: ['1 1 0.5 0.5 0.5', '2 1 1e307 0.5 0.5'] }]).replace(
      '0 10\n0 10\n0 10',
      '0 100\n0 10\n0 10',
    );
    expect(errorOf(text).message).toMatch(/\(frame 0, line 11\): position \(from xs ys zs\) is Infinity after conversion through the box/);
  });

  it('image flags that overflow are an error too', () => {
    const text = dumpText([{ columns: 'id type x y z ix iy iz', atoms: ['1 1 0.5 0.5 0.5 0 0 0', '2 1 1 1 1 1e308 0 0'] }]);
    expect(errorOf(text).message).toMatch(/\(frame 0, line 11\): unwrapped position \(x y z plus image flags/);
  });

  it('a 2-atom dump with a box edge of 1e-300 is rejected at its BOX BOUNDS line', () => {
    const text = dumpText([{ atoms: ['1 1 0 0 0', '2 1 0 0 0'], bounds: 'ITEM: BOX BOUNDS pp pp pp\n0 1e-300\n0 1e-300\n0 1e-300' }]);
    expect(errorOf(text).message).toMatch(
      /\(frame 0, line 5\): implausible box bounds: .* length\^3 per particle for 2 particles, below 1e-30/,
    );
    const thin = dumpText([{ bounds: 'ITEM: BOX BOUNDS pp pp pp\n0 1e-300\n0 10\n0 10' }]);
    expect(errorOf(thin).message).toMatch(/\(frame 0, line 5\): implausible box bounds: edge lx = 1e-300 is below 1e-10 of the longest/);
    const far = dumpText([{ bounds: 'ITEM: BOX BOUNDS pp pp pp\n1e9 1000000000.0001\n0 10\n0 10' }]);
    expect(errorOf(far).message).toMatch(/edge lx = .* is too thin to resolve positions/);
  });
});
