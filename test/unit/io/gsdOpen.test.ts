import { gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openTrajectory } from '../../../src/core/io/open';
import { expectedGsd, gsdFixture } from './gsdFixtures';
import { useTmpDir } from './tmpDir';

const tmp = useTmpDir();

describe('openTrajectory on GSD files', () => {
  it('opens .gsd files with the GSD reader, options passed through', () => {
    const trajectory = openTrajectory(gsdFixture('ka3d.gsd'), { dimension: 2 });
    const frame = trajectory.readFrame(1);
    trajectory.close();
    expect(trajectory.format).toBe('gsd');
    expect(frame.dimension).toBe(2);
    expect(Array.from(frame.positions)).toEqual(expectedGsd.ka3d.frames[1].position);
  });

  it('opens a gzip-compressed .gsd.gz through the decompression cache', () => {
    const path = tmp.file('KA3D.GSD.GZ', gzipSync(readFileSync(gsdFixture('ka3d.gsd'))));
    const trajectory = openTrajectory(path);
    const frame = trajectory.readFrame(3);
    trajectory.close();
    expect(trajectory.path).toBe(path);
    expect(Array.from(frame.positions)).toEqual(expectedGsd.ka3d.frames[3].position);
  });
});
