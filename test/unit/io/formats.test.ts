import { copyFileSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { detectFormat, formatOfName, readFileHead, sniffFormat } from '../../../src/core/io/formatDetect';
import { formatSummary, trajectoryFileFilters, trajectoryFilenamePatterns } from '../../../src/core/io/formatNames';
import { TRAJECTORY_FORMATS } from '../../../src/core/io/formats';
import { TrajectoryError } from '../../../src/core/io/frame';
import { gunzipCachePath } from '../../../src/core/io/gunzip';
import { openTrajectory } from '../../../src/core/io/open';
import { openTrajectoryStreaming } from '../../../src/core/io/openStreaming';
import { gsdFixture } from './gsdFixtures';
import { LAMMPS_FIXTURES, useTmpDir } from './tmpDir';

const tmp = useTmpDir();
/** Decompressed copies this file leaves in the gunzip cache, removed after its tests. */
const cacheFiles = new Set<string>();
afterAll(() => {
  for (const path of cacheFiles) rmSync(path, { force: true });
});
const ROOT = join(__dirname, '../../..');

/** One fixture per format id, written by the program the format comes from (LAMMPS, python3-gsd). */
const FIXTURES: Record<string, string> = {
  'lammps-dump': join(LAMMPS_FIXTURES, 'ortho_image.lammpstrj'),
  xyz: join(LAMMPS_FIXTURES, 'ortho.xyz'),
  gsd: gsdFixture('ka3d.gsd'),
};

describe('the trajectory format table', () => {
  it('has one row per id, and no extension claimed twice', () => {
    const ids = TRAJECTORY_FORMATS.map((format) => format.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(Object.keys(FIXTURES).sort()).toEqual([...ids].sort());
    const extensions = TRAJECTORY_FORMATS.flatMap((format) => format.extensions);
    expect(new Set(extensions).size).toBe(extensions.length);
    for (const ext of extensions) expect(ext).toMatch(/^[a-z0-9]+$/);
  });

  it('sniffs each format from its fixture, and only that format', () => {
    for (const format of TRAJECTORY_FORMATS) {
      const head = readFileHead(FIXTURES[format.id]);
      expect(sniffFormat(head)?.id).toBe(format.id);
      for (const other of TRAJECTORY_FORMATS) expect(other.sniff(head)).toBe(other === format);
    }
  });

  it('opens each fixture under a name that says nothing, plain and gzip-compressed', () => {
    for (const format of TRAJECTORY_FORMATS) {
      const plain = tmp.file(`${format.id}-unnamed.data`, readFileSync(FIXTURES[format.id]));
      const trajectory = openTrajectory(plain);
      const named = openTrajectory(FIXTURES[format.id]);
      expect(trajectory.format).toBe(format.id);
      expect(trajectory.frameCount).toBe(named.frameCount);
      trajectory.close();
      named.close();
      const zipped = tmp.file(`${format.id}-unnamed.data.gz`, gzipSync(readFileSync(FIXTURES[format.id])));
      expect(detectFormat(zipped).id).toBe(format.id);
      cacheFiles.add(gunzipCachePath(zipped));
    }
  });

  it('finds the format by extension, in any case, with .gz where the format allows it', () => {
    const cases: [string, string | null][] = [
      ['run.lammpstrj', 'lammps-dump'],
      ['RUN.LAMMPSTRJ.GZ', 'lammps-dump'],
      ['a/b/dump.atom', 'lammps-dump'],
      ['x.Atom.gz', 'lammps-dump'],
      ['ka.dump.gz', 'lammps-dump'],
      ['f.extxyz', 'xyz'],
      ['G.XYZ', 'xyz'],
      ['h.xyz.gz', 'xyz'],
      ['run.GSD', 'gsd'],
      ['run.gsd.gz', 'gsd'],
      ['dump.lj.100', null],
      ['notes.txt', null],
      ['archive.gz', null],
      ['run.gsdx', null],
      ['runxyz', null],
    ];
    for (const [name, id] of cases) expect(formatOfName(name)?.id ?? null, name).toBe(id);
    for (const format of TRAJECTORY_FORMATS) {
      for (const ext of format.extensions) {
        expect(formatOfName(`t.${ext.toUpperCase()}`)).toBe(format);
        expect(formatOfName(`t.${ext}.gz`)).toBe(format.gzip ? format : null);
      }
    }
  });

  it('names the file, every accepted name and every signature when it recognises neither', () => {
    const path = tmp.file('notes.txt', 'hello world\nsecond line\n');
    const error = (() => {
      try {
        detectFormat(path);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(TrajectoryError);
    const message = (error as Error).message;
    expect(message).toMatch(/notes\.txt \(line 1\): unknown trajectory format: expected a name of LAMMPS dump \(\.lammpstrj, /);
    expect(message).toMatch(/found 'hello world'$/);
    for (const format of TRAJECTORY_FORMATS) {
      expect(message).toContain(format.label);
      expect(message).toContain(format.signature);
      for (const ext of format.extensions) expect(message).toContain(`.${ext}`);
    }
  });

  it('shows binary content it cannot recognise as printable text', () => {
    const path = tmp.file('noise.bin', Uint8Array.from([0, 1, 2, 0x41, 0xff, 10]));
    expect(() => detectFormat(path)).toThrow(/noise\.bin \(line 1\): unknown trajectory format: .*found '\?\?\?A\?'$/);
  });

  it('summarises the formats in one line (the load statement doc, the CLI help)', () => {
    expect(formatSummary()).toBe(
      'LAMMPS dump (.lammpstrj, .dump, .atom, optionally .gz), XYZ / extended XYZ (.xyz, .extxyz, optionally .gz), ' +
        'HOOMD-blue GSD (.gsd, optionally .gz)',
    );
    expect(formatSummary((format) => format.write !== null)).toBe('LAMMPS dump (.lammpstrj, .dump, .atom, optionally .gz)');
  });

  it("gives the open dialogs every extension, gz and all files (VS Code's filters match the last extension)", () => {
    expect(trajectoryFileFilters()).toEqual({
      Trajectories: ['lammpstrj', 'dump', 'atom', 'xyz', 'extxyz', 'gsd', 'gz'],
      'All files': ['*'],
    });
  });

  it('writes what it reads back under every extension of the writing format', () => {
    const source = openTrajectory(FIXTURES['lammps-dump']);
    const frames = [source.readFrame(0), source.readFrame(1)];
    for (const format of TRAJECTORY_FORMATS.filter((row) => row.write !== null)) {
      for (const name of format.extensions.flatMap((ext) => [`out.${ext}`, `out.${ext}.gz`])) {
        const out = join(tmp.dir, name);
        format.write!(out, frames, { speciesNames: source.speciesNames });
        const back = openTrajectory(out);
        if (name.endsWith('.gz')) cacheFiles.add(gunzipCachePath(out));
        expect(back.format, name).toBe(format.id);
        expect(Array.from(back.readFrame(1).positions)).toEqual(Array.from(frames[1].positions));
        back.close();
      }
    }
    source.close();
  });
});

describe('places that list the formats agree with the table', () => {
  it("package.json's trajectory preview selectors are exactly the table's file names", () => {
    const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    const preview = manifest.contributes.customEditors.find(
      (editor: { viewType: string }) => editor.viewType === 'softness.trajectoryPreview',
    );
    const patterns = preview.selector.map((selector: { filenamePattern: string }) => selector.filenamePattern);
    expect([...patterns].sort()).toEqual(trajectoryFilenamePatterns().sort());
    expect(patterns).toContain('*.atom.gz');
  });

  it("the README's Inputs section has one bullet per format with exactly its extensions", () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const inputs = readme.split('\n## Inputs\n')[1].split('\n## ')[0];
    const bullets = [...inputs.matchAll(/^- \*\*(.+?)\*\* \(([^)]*)\)/gm)].map((m) => [m[1], m[2]]);
    expect(bullets).toEqual(TRAJECTORY_FORMATS.map((format) => [format.label, format.extensions.map((ext) => `\`.${ext}\``).join(', ')]));
    expect(inputs.includes('Each may be gzip-compressed')).toBe(TRAJECTORY_FORMATS.every((format) => format.gzip));
  });
});

describe('a sniffed text trajectory', () => {
  it('streams like a named one (openTrajectoryStreaming indexes it in one pass, reporting progress)', async () => {
    const unnamed = join(tmp.dir, 'ortho_image.data');
    copyFileSync(FIXTURES['lammps-dump'], unnamed);
    const progress: number[] = [];
    const streamed = await openTrajectoryStreaming(unnamed, { chunkBytes: 1 << 12, onProgress: (frames) => progress.push(frames) });
    await streamed.indexed;
    const whole = openTrajectory(FIXTURES['lammps-dump']);
    expect(progress.length).toBeGreaterThan(0);
    expect(streamed.frameCount).toBe(whole.frameCount);
    expect(Array.from(streamed.readFrame(whole.frameCount - 1).positions)).toEqual(
      Array.from(whole.readFrame(whole.frameCount - 1).positions),
    );
    streamed.close();
    whole.close();
  });
});
